package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ServiceNowHttpTest {
  private Harness harness = new Harness();

  @AfterEach
  void stop() {
    harness.close();
  }

  private Map<String, String> oauth(String grant) {
    Map<String, String> config = harness.basic();
    config.put("coexist.servicenow.auth", "oauth");
    config.put("coexist.servicenow.oauth.grant", grant);
    config.put("coexist.servicenow.oauth.client-id", harness.instance.clientId());
    config.put("coexist.servicenow.oauth.client-secret", harness.instance.clientSecret());
    return config;
  }

  private long count(String prefix) {
    return harness.instance.requests().stream().filter(r -> r.startsWith(prefix)).count();
  }

  @Test
  @DisplayName("every Table API read asks for raw values, bare references and named fields")
  void readParameters() {
    ServiceNowAdapter adapter = harness.adapter();
    Change change = TestChanges.change("k-params");
    ExternalKey key = adapter.changeRecords().ensure(change).get();
    adapter.changeRecords().update(key, TestChanges.moved(change, ChangeState.ASSESS, Decision.Outcome.PENDING)).get();
    adapter.cmdb().all().get();

    List<String> reads = harness.instance.requests().stream().filter(r -> r.startsWith("GET /api/now/table/")).toList();
    assertThat(reads).hasSizeGreaterThan(4).allSatisfy(r -> assertThat(r)
        .contains("sysparm_display_value=false", "sysparm_exclude_reference_link=true", "sysparm_fields="));
    assertThat(reads).filteredOn(r -> r.contains("sysparm_query=")).allSatisfy(r -> assertThat(r).contains("ORDERBY"));
  }

  @Test
  @DisplayName("the Change Management API is probed once and remembered")
  void probesOnce() {
    ChangeRecords records = harness.adapter().changeRecords();
    for (int i = 0; i < 3; i++) {
      Change change = TestChanges.change("k-probe-" + i);
      ExternalKey key = records.ensure(change).get();
      records.update(key, TestChanges.moved(change, ChangeState.ASSESS, Decision.Outcome.PENDING)).get();
    }
    assertThat(count("GET /api/sn_chg_rest/change?sysparm_limit=1")).isEqualTo(1);
  }

  @Nested
  @DisplayName("authentication")
  class Authentication {
    @Test
    @DisplayName("a wrong password is Unauthorized, with ServiceNow's words and without the password")
    void wrongPassword() {
      Map<String, String> config = harness.basic();
      config.put("coexist.servicenow.password", "not-the-password");
      CoexistError error = harness.adapter(config).changeRecords().ensure(TestChanges.change("k")).getLeft();
      assertThat(error).isInstanceOf(CoexistError.Unauthorized.class);
      assertThat(error.message()).contains("User Not Authenticated").doesNotContain("not-the-password");
    }

    @Test
    @DisplayName("the API key alone authenticates in x-sn-apikey; a wrong one is refused")
    void apiKey() {
      Map<String, String> config = new HashMap<>();
      config.put("coexist.servicenow.url", harness.instance.baseUri().toString());
      config.put("coexist.servicenow.auth", "api-key");
      config.put("coexist.servicenow.api-key", harness.instance.apiKey());
      assertThat(harness.adapter(config).changeRecords().ensure(TestChanges.change("k-key")).isRight()).isTrue();

      config.put("coexist.servicenow.api-key", "wrong");
      assertThat(harness.adapter(config).changeRecords().ensure(TestChanges.change("k-key2")).getLeft())
          .isInstanceOf(CoexistError.Unauthorized.class);
    }

    @Test
    @DisplayName("OAuth: a password grant first, then the refresh token after the instance expired the access token")
    void oauthRefreshAfterExpiry() {
      ChangeRecords records = harness.adapter(oauth("password")).changeRecords();
      ExternalKey key = records.ensure(TestChanges.change("k-oauth")).get();
      assertThat(harness.instance.tokenGrants()).containsExactly("password");

      harness.instance.expireTokens();
      assertThat(records.read(key).isRight()).isTrue();

      assertThat(harness.instance.tokenGrants()).containsExactly("password", "refresh_token");
      assertThat(harness.instance.requests()).noneMatch(r -> r.contains(harness.instance.clientSecret()));
    }

    @Test
    @DisplayName("OAuth: the token is renewed shortly before expires_in runs out, without waiting for a 401")
    void oauthRefreshBeforeExpiry() {
      ChangeRecords records = harness.adapter(oauth("password")).changeRecords();
      ExternalKey key = records.ensure(TestChanges.change("k-early")).get();

      harness.clock.advance(Duration.ofMinutes(28));
      records.read(key).get();
      assertThat(harness.instance.tokenGrants()).containsExactly("password");

      harness.clock.advance(Duration.ofSeconds(90)); // 29.5 minutes: inside the last minute of 30
      records.read(key).get();
      assertThat(harness.instance.tokenGrants()).containsExactly("password", "refresh_token");
    }

    @Test
    @DisplayName("OAuth: a refused refresh token falls back to the configured grant")
    void oauthFallback() {
      ChangeRecords records = harness.adapter(oauth("password")).changeRecords();
      ExternalKey key = records.ensure(TestChanges.change("k-fallback")).get();
      harness.instance.expireTokens();
      harness.instance.failNextTokenRequests(401, 2);

      assertThat(records.read(key).isRight()).isTrue();
      assertThat(harness.instance.tokenGrants()).endsWith("password");
    }

    @Test
    @DisplayName("OAuth: the client-credentials grant needs no user")
    void clientCredentials() {
      Map<String, String> config = oauth("client-credentials");
      config.remove("coexist.servicenow.user");
      config.remove("coexist.servicenow.password");
      assertThat(harness.adapter(config).changeRecords().ensure(TestChanges.change("k-cc")).isRight()).isTrue();
      assertThat(harness.instance.tokenGrants()).containsExactly("client_credentials");
    }

    @Test
    @DisplayName("OAuth: a wrong client secret is Unauthorized and the secret is not in the message")
    void oauthRefused() {
      Map<String, String> config = oauth("password");
      config.put("coexist.servicenow.oauth.client-secret", "wrong-secret");
      CoexistError error = harness.adapter(config).changeRecords().ensure(TestChanges.change("k")).getLeft();
      assertThat(error).isInstanceOf(CoexistError.Unauthorized.class);
      assertThat(error.message()).contains("access_denied").doesNotContain("wrong-secret");
    }
  }

  @Nested
  @DisplayName("failures")
  class Failures {
    @Test
    @DisplayName("403 from a table ACL is Forbidden with ServiceNow's detail")
    void forbidden() {
      harness.instance.forbid("change_request");
      CoexistError error = harness.adapter().changeRecords().ensure(TestChanges.change("k")).getLeft();
      assertThat(error).isInstanceOf(CoexistError.Forbidden.class);
      assertThat(error.message()).contains("User Not Authorized (Failed API level ACL Validation)");
    }

    @Test
    @DisplayName("429 is retried after exactly the Retry-After the instance asked for")
    void rateLimited() {
      ChangeRecords records = harness.adapter().changeRecords();
      ExternalKey key = records.ensure(TestChanges.change("k-429")).get();
      harness.waits.clear();
      harness.instance.rateLimitNext(1, 7);

      assertThat(records.read(key).isRight()).isTrue();
      assertThat(harness.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    @DisplayName("a 429 asking for longer than max-retry-after is handed back as RateLimited")
    void longRateLimit() {
      ChangeRecords records = harness.adapter().changeRecords();
      ExternalKey key = records.ensure(TestChanges.change("k-429-long")).get();
      harness.instance.rateLimitNext(1, 3600);

      CoexistError error = records.read(key).getLeft();
      assertThat(error).isInstanceOf(CoexistError.RateLimited.class);
      assertThat(((CoexistError.RateLimited) error).retryAfter()).contains(Duration.ofHours(1));
    }

    @Test
    @DisplayName("a 5xx on a read is retried; an HTML 503 that never ends is Unavailable")
    void serverErrors() {
      ChangeRecords records = harness.adapter().changeRecords();
      ExternalKey key = records.ensure(TestChanges.change("k-5xx")).get();
      harness.instance.failNext(500, 2);
      assertThat(records.read(key).isRight()).isTrue();

      harness.instance.failNext(503, 4);
      CoexistError error = records.read(key).getLeft();
      assertThat(error).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(error.message()).contains("503", "an HTML page instead of JSON");
    }

    @Test
    @DisplayName("a create that failed with a 5xx is not retried blindly; the next ensure finds or creates one record")
    void createNotRetried() {
      ChangeRecords records = harness.adapter().changeRecords();
      records.ensure(TestChanges.change("k-warm")).get();
      harness.instance.failNext("POST", 500, 1);

      assertThat(records.ensure(TestChanges.change("k-post")).getLeft()).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(count("POST /api/sn_chg_rest/change/normal")).isEqualTo(2);

      assertThat(records.ensure(TestChanges.change("k-post")).isRight()).isTrue();
      assertThat(harness.instance.records("change_request", "correlation_id", "k-post")).hasSize(1);
    }

    @Test
    @DisplayName("a body that is not JSON is Unavailable, never an exception")
    void malformed() {
      ChangeRecords records = harness.adapter().changeRecords();
      ExternalKey key = records.ensure(TestChanges.change("k-bad-json")).get();
      harness.instance.malformedNext(1);

      CoexistError error = records.read(key).getLeft();
      assertThat(error).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(error.message()).contains("not JSON");
    }

    @Test
    @DisplayName("without the Change Management API plugin the adapter uses the Table API throughout")
    void noPlugin() {
      harness.close();
      harness = new Harness(ServiceNowStandIn.builder().changeApi(false).start());
      ChangeRecords records = harness.adapter().changeRecords();
      Change change = TestChanges.change("k-noplugin");
      ExternalKey key = records.ensure(change).get();
      records.update(key, TestChanges.moved(change, ChangeState.IMPLEMENT, Decision.Outcome.APPROVED)).get();

      assertThat(count("GET /api/sn_chg_rest/change?")).isEqualTo(1);
      assertThat(harness.instance.requests()).filteredOn(r -> r.contains("sn_chg_rest")).hasSize(1);
      assertThat(count("POST /api/now/table/change_request")).isEqualTo(1);
    }
  }
}
