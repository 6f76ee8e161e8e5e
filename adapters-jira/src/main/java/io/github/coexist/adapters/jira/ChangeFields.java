package io.github.coexist.adapters.jira;

import io.github.coexist.adapters.jira.JiraConfig.ChangeField;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The site-specific ids a change request is written with, found at start-up from the create
 * metadata: the issue type, each change field, and the option ids of change type and risk.
 *
 * @param issueTypeId the id of the change issue type in the project
 * @param ids the field id of each change field (affected services may be absent)
 * @param typeOptions the option id of each change type
 * @param riskOptions the option id of each risk level
 */
record ChangeFields(
    String issueTypeId,
    Map<ChangeField, String> ids,
    Map<ChangeType, String> typeOptions,
    Map<RiskLevel, String> riskOptions) {

  ChangeFields {
    ids = Collections.unmodifiableMap(new EnumMap<>(ids));
    typeOptions = Collections.unmodifiableMap(new EnumMap<>(typeOptions));
    riskOptions = Collections.unmodifiableMap(new EnumMap<>(riskOptions));
  }

  /** The system fields every change create sends besides the change fields. */
  static final java.util.Set<String> WRITTEN = java.util.Set.of("project", "issuetype", "summary", "description",
      "labels");

  /**
   * Finds the change fields of the configured issue type, or every problem with them, including
   * every required field a create would leave empty.
   */
  static Either<CoexistError, ChangeFields> resolve(FieldResolver resolver, JiraSettings settings) {
    List<FieldResolver.Spec> specs = new ArrayList<>();
    for (ChangeField field : ChangeField.values()) {
      if (field == ChangeField.AFFECTED_SERVICES && !settings.affectedServices) {
        continue;
      }
      Map<String, List<String>> options = new LinkedHashMap<>();
      if (field == ChangeField.CHANGE_TYPE) {
        settings.typeOptions.forEach((type, name) -> options.put(JiraSettings.key(type), List.of(name)));
      } else if (field == ChangeField.CHANGE_RISK) {
        settings.riskOptions.forEach((level, name) -> options.put(JiraSettings.key(level), List.of(name)));
      }
      String type = switch (field) {
        case CHANGE_TYPE, CHANGE_RISK -> "option";
        case PLANNED_START, PLANNED_END -> "datetime";
        case AFFECTED_SERVICES -> "array";
      };
      specs.add(new FieldResolver.Spec(field.key(), settings.fieldNames.get(field),
          Optional.ofNullable(settings.fieldIds.get(field)), type, options));
    }
    return resolver.issueType(settings.issueType, "issue-type").flatMap(typeId ->
        resolver.fields(typeId, settings.issueType, specs, Optional.of(WRITTEN)).map(found -> {
          Map<ChangeField, String> ids = new EnumMap<>(ChangeField.class);
          for (ChangeField field : ChangeField.values()) {
            Optional.ofNullable(found.get(field.key())).ifPresent(f -> ids.put(field, f.id()));
          }
          Map<ChangeType, String> types = new EnumMap<>(ChangeType.class);
          for (ChangeType type : ChangeType.values()) {
            types.put(type, found.get(ChangeField.CHANGE_TYPE.key()).write(JiraSettings.key(type)));
          }
          Map<RiskLevel, String> risks = new EnumMap<>(RiskLevel.class);
          for (RiskLevel level : RiskLevel.values()) {
            risks.put(level, found.get(ChangeField.CHANGE_RISK.key()).write(JiraSettings.key(level)));
          }
          return new ChangeFields(typeId, ids, types, risks);
        }));
  }

  String id(ChangeField field) {
    return ids.get(field);
  }

  Optional<String> affectedServices() {
    return Optional.ofNullable(ids.get(ChangeField.AFFECTED_SERVICES));
  }

  /** The risk level whose option has {@code optionId}. */
  Optional<RiskLevel> riskOf(String optionId) {
    return riskOptions.entrySet().stream()
        .filter(e -> e.getValue().equals(optionId)).map(Map.Entry::getKey).findFirst();
  }

  /** The change type whose option has {@code optionId}. */
  Optional<ChangeType> typeOf(String optionId) {
    return typeOptions.entrySet().stream()
        .filter(e -> e.getValue().equals(optionId)).map(Map.Entry::getKey).findFirst();
  }
}
