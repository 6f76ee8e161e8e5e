package io.github.coexist.adapters.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Canned Jira answers the stand-in does not give: malformed bodies, odd shapes, error bodies. */
class JiraErrorsTest {
  private static final String FIELDS = """
      {"startAt":0,"maxResults":50,"total":5,"fields":[
       {"fieldId":"customfield_1","key":"customfield_1","name":"Change type","required":false,"schema":{"type":"option"},
        "allowedValues":[{"id":"1","value":"Standard"},{"id":"2","value":"Normal"},{"id":"3","value":"Emergency"}]},
       {"fieldId":"customfield_2","key":"customfield_2","name":"Change risk","required":false,"schema":{"type":"option"},
        "allowedValues":[{"id":"4","value":"Low"},{"id":"5","value":"Medium"},{"id":"6","value":"High"},{"id":"7","value":"Critical"}]},
       {"fieldId":"customfield_3","key":"customfield_3","name":"Planned start","required":false,"schema":{"type":"datetime"}},
       {"fieldId":"customfield_4","key":"customfield_4","name":"Planned end","required":false,"schema":{"type":"datetime"}},
       {"fieldId":"customfield_5","key":"customfield_5","name":"Affected services","required":false,"schema":{"type":"array"}}]}
      """;
  private WireMockServer jira;
  private JiraAdapter adapter;

  @BeforeEach
  void start() {
    jira = new WireMockServer(wireMockConfig().dynamicPort());
    jira.start();
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/createmeta/OPS/issuetypes")).willReturn(aResponse()
        .withStatus(200).withBody("{\"startAt\":0,\"maxResults\":50,\"total\":1,\"issueTypes\":[{\"id\":\"5\",\"name\":\"Change\"}]}")));
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/createmeta/OPS/issuetypes/5"))
        .willReturn(aResponse().withStatus(200).withBody(FIELDS)));
    adapter = JiraAdapter.builder(JiraConfig.fromMap(Map.of("coexist.jira.url", jira.baseUrl(),
        "coexist.jira.email", "bot@example.com", "coexist.jira.api-token", "t", "coexist.jira.project", "OPS",
        "coexist.jira.max-attempts", "1"))).build();
  }

  @AfterEach
  void stop() {
    adapter.close();
    jira.stop();
  }

  private CoexistError readFails() {
    return adapter.changeRecords().read(new ExternalKey("jira", "10001", "OPS-1")).getLeft();
  }

  @Test
  @DisplayName("a 400 lists every field problem of Jira's {errorMessages, errors} body")
  void fieldProblems() {
    jira.stubFor(post(urlPathEqualTo("/rest/api/3/search/jql")).willReturn(aResponse().withStatus(200)
        .withBody("{\"issues\":[],\"isLast\":true}")));
    jira.stubFor(post(urlPathEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(400).withBody(
        "{\"errorMessages\":[\"Bad request\"],\"errors\":{\"customfield_2\":\"Option id '9' is not valid\","
            + "\"summary\":\"You must specify a summary of the issue.\"}}")));

    CoexistError error = adapter.changeRecords().ensure(Changes.normal("k")).getLeft();

    assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, e -> assertThat(e.problems())
        .containsExactly("jira: Bad request", "jira: customfield_2: Option id '9' is not valid",
            "jira: summary: You must specify a summary of the issue."));
  }

  @Test
  @DisplayName("the service desk error shape is read too")
  void serviceDeskShape() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/10001")).willReturn(aResponse().withStatus(200).withBody(
        "{\"id\":\"10001\",\"key\":\"OPS-1\",\"fields\":{\"status\":{\"name\":\"Open\"}}}")));
    jira.stubFor(get(urlPathMatching("/rest/servicedeskapi/request/10001/approval")).willReturn(aResponse().withStatus(403)
        .withBody("{\"errorMessage\":\"You do not have permission to view approvals.\","
            + "\"i18nErrorMessage\":{\"i18nKey\":\"sd.error\",\"parameters\":[]}}")));

    CoexistError error = readFails();

    assertThat(error).isInstanceOf(CoexistError.Forbidden.class);
    assertThat(error.message()).contains("You do not have permission to view approvals.");
  }

  @Test
  @DisplayName("a body that is not JSON, or lacks what it must hold, is Unavailable and names the problem")
  void malformed() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/10001")).willReturn(aResponse().withStatus(200)
        .withBody("<html>Atlassian maintenance</html>")));
    assertThat(readFails()).isInstanceOfSatisfying(CoexistError.Unavailable.class,
        e -> assertThat(e.message()).contains("not JSON"));

    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/10001")).willReturn(aResponse().withStatus(200)
        .withBody("{\"id\":10001,\"fields\":{}}")));
    assertThat(readFails()).isInstanceOfSatisfying(CoexistError.Unavailable.class,
        e -> assertThat(e.message()).contains("without id, key or status"));

    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/10001")).willReturn(aResponse().withStatus(200).withBody(
        "{\"id\":\"10001\",\"key\":\"OPS-1\",\"fields\":{\"status\":{\"name\":\"Open\"}}}")));
    jira.stubFor(get(urlPathMatching("/rest/servicedeskapi/request/10001/approval")).willReturn(aResponse().withStatus(200)
        .withBody("{\"values\":\"none\"}")));
    assertThat(readFails()).isInstanceOfSatisfying(CoexistError.Unavailable.class,
        e -> assertThat(e.message()).contains("without a list of values"));
  }

  @Test
  @DisplayName("a connection that answers nothing is Unavailable, never an exception")
  void connectionReset() {
    jira.stubFor(get(anyUrl()).willReturn(aResponse().withFault(
        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

    assertThat(adapter.changeRecords().find(io.github.coexist.core.kernel.IdempotencyKey.of("k")).getLeft())
        .isInstanceOf(CoexistError.Unavailable.class);
  }
}
