package io.github.coexist.adapters.servicenow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Answers no well-behaved instance gives, canned with WireMock. */
class ServiceNowCannedResponsesTest {
  private static final String SYS_ID = "0123456789abcdef0123456789abcdef";
  private WireMockServer server;
  private ChangeRecords records;
  private ServiceNowAdapter adapter;

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(get(urlPathEqualTo("/api/sn_chg_rest/change")).willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":{\"message\":\"Requested URI does not represent any resource\",\"detail\":null},"
            + "\"status\":\"failure\"}")));
    adapter = ServiceNowAdapter.builder(ServiceNowConfig.fromMap(Map.of(
            "coexist.servicenow.url", server.baseUrl(),
            "coexist.servicenow.user", "u",
            "coexist.servicenow.password", "p")))
        .sleeper(d -> true)
        .build();
    records = adapter.changeRecords();
  }

  @AfterEach
  void stop() {
    adapter.close();
    server.stop();
  }

  @Test
  @DisplayName("a lookup answered with rows of another correlation id is an error, never a match")
  void queryTrap() {
    server.stubFor(get(urlPathEqualTo("/api/now/table/change_request")).willReturn(aResponse().withStatus(200)
        .withBody("{\"result\":[{\"sys_id\":\"a1\",\"number\":\"CHG0000001\",\"correlation_id\":\"someone-else\"},"
            + "{\"sys_id\":\"a2\",\"number\":\"CHG0000002\",\"correlation_id\":\"\"}]}")));

    CoexistError error = records.find(IdempotencyKey.of("k-trap")).getLeft();

    assertThat(error).isInstanceOf(CoexistError.Conflict.class);
    assertThat(error.message()).contains("2 records carrying another id", "did not apply the query as written");
    assertThat(records.ensure(TestChanges.change("k-trap")).getLeft()).isInstanceOf(CoexistError.Conflict.class);
  }

  @Test
  @DisplayName("a 200 whose body says status failure is a conflict, not a success")
  void twoHundredFailure() {
    server.stubFor(get(urlPathMatching("/api/now/table/change_request/.*")).willReturn(aResponse().withStatus(200)
        .withBody("{\"error\":{\"message\":\"Operation Failed\",\"detail\":\"Business rule aborted\"},"
            + "\"status\":\"failure\"}")));

    CoexistError error = records.read(new ExternalKey("servicenow", SYS_ID, "CHG1")).getLeft();

    assertThat(error).isInstanceOf(CoexistError.Conflict.class);
    assertThat(error.message()).contains("Operation Failed (Business rule aborted)");
  }

  @Test
  @DisplayName("a record with an unknown state or approval is an error naming the value")
  void unknownValues() {
    server.stubFor(get(urlPathMatching("/api/now/table/change_request/.*")).willReturn(aResponse().withStatus(200)
        .withBody("{\"result\":{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"CHG1\",\"state\":\"-7\","
            + "\"approval\":\"approved\",\"type\":\"normal\"}}")));

    CoexistError error = records.read(new ExternalKey("servicenow", SYS_ID, "CHG1")).getLeft();

    assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(error.message()).contains("unknown change state '-7'");
  }

  @Test
  @DisplayName("a result of the wrong shape is Unavailable, never an exception")
  void wrongShape() {
    server.stubFor(get(urlPathMatching("/api/now/table/change_request/.*")).willReturn(aResponse().withStatus(200)
        .withBody("{\"result\":[1,2,3]}")));
    server.stubFor(get(urlPathEqualTo("/api/now/table/change_request")).willReturn(aResponse().withStatus(200)
        .withBody("{\"result\":{\"sys_id\":\"x\"}}")));

    assertThat(records.read(new ExternalKey("servicenow", SYS_ID, "CHG1")).getLeft())
        .isInstanceOf(CoexistError.Unavailable.class);
    assertThat(records.find(IdempotencyKey.of("k")).getLeft()).isInstanceOf(CoexistError.Unavailable.class);
  }

  @Test
  @DisplayName("a next-page link naming another host is followed on the configured instance only")
  void linkToAnotherHost() {
    server.stubFor(get(urlPathEqualTo("/api/now/table/cmdb_ci_service"))
        .withQueryParam("sysparm_offset", com.github.tomakehurst.wiremock.client.WireMock.equalTo("0"))
        .willReturn(aResponse().withStatus(200)
            .withHeader("Link", "<https://elsewhere.example/api/now/table/cmdb_ci_service?sysparm_offset=1"
                + "&sysparm_limit=1&sysparm_fields=sys_id,name>;rel=\"next\"")
            .withBody("{\"result\":[{\"sys_id\":\"s1\",\"name\":\"shop\"}]}")));
    server.stubFor(get(urlPathEqualTo("/api/now/table/cmdb_ci_service"))
        .withQueryParam("sysparm_offset", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1"))
        .willReturn(aResponse().withStatus(200).withBody("{\"result\":[{\"sys_id\":\"s2\",\"name\":\"cart\"}]}")));
    server.stubFor(get(urlPathEqualTo("/api/now/table/cmdb_rel_ci")).willReturn(aResponse().withStatus(200)
        .withBody("{\"result\":[]}")));

    assertThat(adapter.cmdb().all().get().map(s -> s.id().value())).containsExactly("cart", "shop");
  }

  @Test
  @DisplayName("a record read back unchanged after a PATCH that answered 200 is a conflict")
  void unchangedAfterPatch() {
    server.stubFor(get(urlPathMatching("/api/now/table/change_request/.*")).willReturn(aResponse().withStatus(200)
        .withBody("{\"result\":{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"CHG1\",\"state\":\"-4\","
            + "\"approval\":\"not requested\",\"type\":\"normal\",\"risk\":\"2\",\"impact\":\"1\"}}")));
    server.stubFor(patch(urlPathMatching("/api/now/table/change_request/.*")).willReturn(aResponse().withStatus(200)
        .withBody("{\"result\":{\"sys_id\":\"" + SYS_ID + "\"}}")));

    CoexistError error = records.update(new ExternalKey("servicenow", SYS_ID, "CHG1"),
        TestChanges.moved(TestChanges.change("k"), ChangeState.AUTHORIZE, Decision.Outcome.PENDING)).getLeft();

    assertThat(error).isInstanceOf(CoexistError.Conflict.class);
    assertThat(error.message()).contains("stayed in ASSESS");
  }
}
