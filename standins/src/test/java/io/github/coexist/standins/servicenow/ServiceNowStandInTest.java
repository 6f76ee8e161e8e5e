package io.github.coexist.standins.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The stand-in answers like an instance, including the behaviours integrations trip over. */
class ServiceNowStandInTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ServiceNowStandIn instance = ServiceNowStandIn.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    instance.close();
  }

  private HttpResponse<String> send(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString(
        (instance.user() + ":" + instance.password()).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(instance.baseUri() + pathAndQuery))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a condition on an unknown field is dropped and the rest runs, so a typo matches every row")
  void silentQueryTrap() throws Exception {
    instance.insert("change_request", Map.of("correlation_id", "a"));
    instance.insert("change_request", Map.of("correlation_id", "b"));

    JsonNode typo = JSON.readTree(send("GET", "/api/now/table/change_request?sysparm_query="
        + q("corelation_id=a"), null).body());
    JsonNode exact = JSON.readTree(send("GET", "/api/now/table/change_request?sysparm_query="
        + q("correlation_id=a"), null).body());

    assertThat(typo.path("result")).hasSize(2);
    assertThat(exact.path("result")).hasSize(1);
    instance.invalidQueryReturnsNoRows(true);
    assertThat(JSON.readTree(send("GET", "/api/now/table/change_request?sysparm_query=" + q("corelation_id=a"), null)
        .body()).path("result")).isEmpty();
  }

  @Test
  @DisplayName("without sysparm_exclude_reference_link a reference comes as link and value")
  void referenceLinks() throws Exception {
    instance.addService("shop", "payments", 1);
    String path = "/api/now/table/cmdb_ci_service?sysparm_fields=name,support_group,support_group.name";

    JsonNode linked = JSON.readTree(send("GET", path, null).body()).path("result").get(0);
    JsonNode bare = JSON.readTree(send("GET", path + "&sysparm_exclude_reference_link=true", null).body())
        .path("result").get(0);

    assertThat(linked.path("support_group").path("link").asText()).contains("/api/now/table/sys_user_group/");
    assertThat(bare.path("support_group").isTextual()).isTrue();
    assertThat(bare.path("support_group.name").asText()).isEqualTo("payments");
  }

  @Test
  @DisplayName("paging: Link next and X-Total-Count, hidden rows counted but missing from their page")
  void paging() throws Exception {
    for (int i = 0; i < 5; i++) {
      String id = instance.addGroup("g" + i);
      if (i == 1) {
        instance.hide(id);
      }
    }
    HttpResponse<String> first = send("GET", "/api/now/table/sys_user_group?sysparm_limit=2&sysparm_query="
        + q("ORDERBYname"), null);

    assertThat(first.headers().firstValue("X-Total-Count")).contains("5");
    assertThat(first.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"", "sysparm_offset=2");
    assertThat(JSON.readTree(first.body()).path("result")).hasSize(1);
  }

  @Test
  @DisplayName("a Table API move the state model forbids answers 200 and changes nothing")
  void illegalMoveIsSilent() throws Exception {
    String id = instance.insert("change_request", Map.of("type", "normal"));

    HttpResponse<String> response = send("PATCH", "/api/now/table/change_request/" + id, "{\"state\":\"-1\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(instance.record("change_request", id).orElseThrow()).containsEntry("state", "-5");
    HttpResponse<String> viaChangeApi = send("PATCH", "/api/sn_chg_rest/change/" + id, "{\"state\":\"-1\"}");
    assertThat(viaChangeApi.statusCode()).isEqualTo(400);
    assertThat(viaChangeApi.body()).contains("\"status\":\"failure\"", "Change cannot be moved to state");
  }

  @Test
  @DisplayName("approving a change in Authorize schedules it; incidents get their priority from impact and urgency")
  void businessRules() throws Exception {
    String id = instance.insert("change_request", Map.of("type", "emergency"));
    send("PATCH", "/api/now/table/change_request/" + id, "{\"state\":\"-3\"}");
    assertThat(instance.record("change_request", id).orElseThrow()).containsEntry("approval", "requested");

    assertThat(instance.approvePending()).isEqualTo(1);
    assertThat(instance.record("change_request", id).orElseThrow()).containsEntry("state", "-2");

    String incident = instance.insert("incident", Map.of("impact", "1", "urgency", "2"));
    assertThat(instance.record("incident", incident).orElseThrow()).containsEntry("priority", "2")
        .containsEntry("state", "1");
  }

  @Test
  @DisplayName("a simulated CAB approves changes that waited in Authorize long enough")
  void autoApprove() throws Exception {
    String id = instance.insert("change_request", Map.of("type", "normal"));
    send("PATCH", "/api/now/table/change_request/" + id, "{\"state\":\"-4\"}");
    send("PATCH", "/api/now/table/change_request/" + id, "{\"state\":\"-3\"}");
    instance.autoApproveAfter(java.time.Duration.ofMinutes(10));

    send("GET", "/api/now/table/change_request/" + id, null);
    assertThat(instance.record("change_request", id).orElseThrow()).containsEntry("approval", "requested");

    instance.advanceTime(java.time.Duration.ofMinutes(11));
    send("GET", "/api/now/table/change_request/" + id, null);
    assertThat(instance.record("change_request", id).orElseThrow())
        .containsEntry("approval", "approved").containsEntry("state", "-2");
  }

  @Test
  @DisplayName("requests without credentials get ServiceNow's 401 error body")
  void unauthenticated() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create(instance.baseUri() + "/api/now/table/incident")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).isEqualTo("User Not Authenticated");
  }
}
