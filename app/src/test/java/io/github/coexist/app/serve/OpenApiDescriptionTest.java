package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description itself: valid OpenAPI 3.1, its examples valid against their schemas,
 * and the contract that checks real answers against it able to fail.
 */
class OpenApiDescriptionTest {
  private static final OpenApiContract CONTRACT = new OpenApiContract();
  private static final String CHANGE = """
      {"id": "ch-1", "itsmKey": null, "service": "shop", "summary": null, "type": "normal", "model": "reviewed",
       "state": "authorize", "risk": {"score": 40, "level": "moderate", "forcedBy": null, "factors": []},
       "decision": {"outcome": "pending", "reasons": [], "policyVersion": "v1", "authority": "cab", "decidedBy": "policy"},
       "decidedAt": "2025-03-04T10:00:00Z", "waitingFor": "cab", "expiresAt": null,
       "deployment": {"repository": "octo/shop", "environment": "production", "sha": null},
       "plannedStart": "2025-03-04T10:00:00Z", "plannedEnd": "2025-03-04T11:00:00Z",
       "createdAt": "2025-03-04T10:00:00Z", "updatedAt": "2025-03-04T10:00:00Z", "closeCode": null,
       "conflicts": [], "conflictCount": 0, "sync": "synced", "syncProblem": null, "itsmRefusal": null%s}
      """;
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8");

  @Test
  @DisplayName("the description is OpenAPI 3.1 that swagger-parser reads without a message")
  void validOpenApi31() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(OpenApiContract.text(), null, options);

    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
    assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1.");
    assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("bearer", "trustedProxy");
    assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/webhooks/github", "/webhooks/pagerduty", "/api/openapi.json");
  }

  @Test
  @DisplayName("every operation has an id, a summary and a described answer, and every webhook names its signature header")
  void operationsDescribed() {
    JsonNode paths = CONTRACT.description().path("paths");
    List<String> missing = new ArrayList<>();
    for (String operation : CONTRACT.operations()) {
      String[] parts = operation.split(" ", 2);
      JsonNode op = paths.path(parts[1]).path(parts[0].toLowerCase(java.util.Locale.ROOT));
      if (!op.path("operationId").isTextual() || !op.path("summary").isTextual() || op.path("responses").isEmpty()) {
        missing.add(operation);
      }
    }
    assertThat(missing).as("operations without an id, a summary or responses").isEmpty();
    assertThat(headers(paths.path("/webhooks/github").path("post"))).contains("X-Hub-Signature-256", "X-GitHub-Event",
        "X-GitHub-Delivery");
    assertThat(headers(paths.path("/webhooks/jira").path("post"))).contains("X-Hub-Signature",
        "X-Atlassian-Webhook-Identifier");
    assertThat(headers(paths.path("/webhooks/pagerduty").path("post"))).contains("X-PagerDuty-Signature");
  }

  @Test
  @DisplayName("each schema's examples are valid against it, so the examples teach nothing false")
  void examplesValid() {
    List<String> checked = new ArrayList<>();
    CONTRACT.description().path("components").path("schemas").fields().forEachRemaining(schema -> {
      for (JsonNode example : schema.getValue().path("examples")) {
        assertThat(CONTRACT.validate("#/components/schemas/" + schema.getKey(), example.toString()))
            .as(schema.getKey() + " example").isEmpty();
        checked.add(schema.getKey());
      }
    });
    assertThat(checked).contains("Error", "Alert", "AlertmanagerWebhook", "DecisionRequest");
    Map<String, String> answers = CONTRACT.responseExamples();
    answers.forEach((where, example) -> assertThat(CONTRACT.validate(where.substring(0, where.indexOf(' ')), example))
        .as(where).isEmpty());
    assertThat(answers).isNotEmpty();
  }

  @Test
  @DisplayName("an answer as described conforms")
  void conforming() {
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/api/nothing", 404, JSON,
        "{\"error\": \"not_found\", \"message\": \"no such resource: /api/nothing\", \"problems\": []}"))).isEmpty();
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/api/changes", 200,
        Map.of("Content-Type", "application/json", "Link", "</api/changes?cursor=abc&limit=1>; rel=\"next\""),
        "{\"changes\": [" + CHANGE.formatted("") + "], \"count\": 1, \"next\": \"abc\"}"))).isEmpty();
  }

  @Test
  @DisplayName("the contract refuses a missing field (a page's total too), an undescribed field, status, media type or header, and a bad Link")
  void departures() {
    String change = CHANGE.formatted("");
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/api/changes/ch-1", 200, JSON,
        change.replace("\"model\": \"reviewed\",", "")))).anySatisfy(v -> assertThat(v).contains("model"));
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/api/changes", 200, JSON,
        "{\"changes\": [" + CHANGE.formatted(", \"colour\": \"red\"") + "], \"count\": 1, \"next\": null}")))
        .anySatisfy(v -> assertThat(v).contains("colour"));
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/api/changes/ch-1", 200, JSON,
        CHANGE.formatted(", \"replyPending\": false, \"approvals\": {\"authority\": \"cab\"}"))))
        .anySatisfy(v -> assertThat(v).contains("quorum"));
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/api/changes", 201, JSON, "{}")))
        .anySatisfy(v -> assertThat(v).contains("status 201 is not described"));
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/health/live", 200,
        Map.of("Content-Type", "text/plain"), "live"))).anySatisfy(v -> assertThat(v).contains("media type 'text/plain'"));
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("DELETE", "/api/changes", 405, JSON,
        "{\"error\": \"method_not_allowed\", \"message\": \"no\", \"problems\": []}")))
        .anySatisfy(v -> assertThat(v).contains("required header Allow"));
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/api/changes", 200,
        Map.of("Content-Type", "application/json", "Link", "</api/changes?cursor=abc>"),
        "{\"changes\": [], \"count\": 0, \"next\": null}"))).anySatisfy(v -> assertThat(v).contains("header Link"));
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/api/dashboard/incidents", 200, JSON,
        "{\"incidents\": [], \"count\": 0, \"next\": null}"))).anySatisfy(v -> assertThat(v).contains("total"));
    assertThat(CONTRACT.violations(new OpenApiContract.Exchange("GET", "/api/undescribed", 200, JSON, "{}")))
        .anySatisfy(v -> assertThat(v).contains("the path is not described"));
    assertThat(CONTRACT.requestViolations("POST", "/alerts", "{\"source\": \"x\", \"dedupKey\": \"k\","
        + " \"summary\": \"s\", \"severity\": \"dire\", \"status\": \"firing\"}"))
        .anySatisfy(v -> assertThat(v).contains("service"))
        .anySatisfy(v -> assertThat(v).contains("severity"));
    assertThat(CONTRACT.requestViolations("POST", "/alerts", "{\"source\": \"x\", \"dedupKey\": \"k\", \"service\": \"s\","
        + " \"summary\": \"s\", \"severity\": \"info\", \"status\": \"firing\"}")).isEmpty();
  }

  private static List<String> headers(JsonNode operation) {
    List<String> names = new ArrayList<>();
    operation.path("parameters").forEach(p -> {
      if (p.path("in").asText().equals("header")) {
        names.add(p.path("name").asText());
      }
    });
    return names;
  }
}
