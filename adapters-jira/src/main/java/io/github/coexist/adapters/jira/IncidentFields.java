package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.incident.Urgency;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where incidents go on the site: the project's service desk, the incident request type and its
 * issue type, and the ids of the Impact, Urgency and Priority fields and their options, found once
 * from the service desk API and the create metadata.
 *
 * @param serviceDeskId the service desk of the project
 * @param requestTypeId the request type incidents are raised with
 * @param issueTypeName the issue type that request type creates
 * @param impact the Impact field and its options by impact key
 * @param urgency the Urgency field and its options by urgency key
 * @param priority the Priority field and its options by priority key
 */
record IncidentFields(
    String serviceDeskId,
    String requestTypeId,
    String issueTypeName,
    FieldResolver.Found impact,
    FieldResolver.Found urgency,
    FieldResolver.Found priority) {

  /** Finds them, or every problem in one error. */
  static Either<CoexistError, IncidentFields> resolve(JiraHttp http, FieldResolver resolver, JiraSettings settings) {
    JiraConfig config = settings.config;
    return serviceDesk(http, settings).flatMap(desk -> requestType(http, desk, config.incidentRequestType(), settings)
        .flatMap(type -> {
          String typeId = type.path("issueTypeId").asText("");
          List<FieldResolver.Spec> specs = List.of(
              spec("impact", "option", config, Impact.values(), config::impactOptions),
              spec("urgency", "option", config, Urgency.values(), config::urgencyOptions),
              new FieldResolver.Spec("priority", config.incidentFieldName("priority"),
                  Optional.of(config.incidentFieldId("priority").orElse("priority")), "priority",
                  options(Priority.values(), p -> config.priorityName(p))));
          return resolver.fields(typeId, type.path("name").asText("incident"), specs).map(found ->
              new IncidentFields(desk, type.path("id").asText(), type.path("name").asText(),
                  found.get("impact"), found.get("urgency"), found.get("priority")));
        }));
  }

  private static <E extends Enum<E>> FieldResolver.Spec spec(String key, String type, JiraConfig config, E[] values,
      Function<E, String> names) {
    return new FieldResolver.Spec(key, config.incidentFieldName(key), config.incidentFieldId(key), type,
        options(values, names));
  }

  private static <E extends Enum<E>> Map<String, List<String>> options(E[] values, Function<E, String> names) {
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (E value : values) {
      options.put(JiraSettings.key(value), Arrays.stream(names.apply(value).split(","))
          .map(String::strip).filter(n -> !n.isEmpty()).toList());
    }
    return options;
  }

  private static Either<CoexistError, String> serviceDesk(JiraHttp http, JiraSettings settings) {
    return http.serviceDeskPages("/rest/servicedeskapi/servicedesk").flatMap(desks -> desks.stream()
        .filter(d -> d.path("projectKey").asText("").equalsIgnoreCase(settings.project) && d.path("id").isTextual())
        .map(d -> d.path("id").asText()).findFirst()
        .<Either<CoexistError, String>>map(Either::right)
        .orElseGet(() -> Either.left(CoexistError.invalid("project " + settings.project
            + " is no service desk this account can see; incidents need a Jira Service Management project"))));
  }

  private static Either<CoexistError, JsonNode> requestType(JiraHttp http, String desk, String name,
      JiraSettings settings) {
    return http.serviceDeskPages("/rest/servicedeskapi/servicedesk/" + JiraHttp.segment(desk) + "/requesttype").flatMap(types -> {
      List<String> names = new ArrayList<>();
      for (JsonNode t : types) {
        names.add(t.path("name").asText(""));
        if (t.path("name").asText("").equalsIgnoreCase(name) && t.path("id").isTextual() && t.path("issueTypeId").isTextual()) {
          return Either.right(t);
        }
      }
      return Either.left(CoexistError.invalid("the service desk of " + settings.project + " has no request type '"
          + name + "' (it has " + names + "); set " + JiraSettings.describe(settings.config, "incident.request-type")));
    });
  }
}
