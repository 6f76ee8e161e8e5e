package io.github.coexist.adapters.jira;

import io.github.coexist.adapters.jira.JiraConfig.ChangeField;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.risk.RiskLevel;
import java.util.Collections;
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
