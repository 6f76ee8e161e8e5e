package io.github.coexist.adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RemoteClientTest {
  private WireMockServer server;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private RemoteClient client(RequestAuth auth) {
    // Long enough that a loaded machine never turns a quick stub into a time-out and a retry.
    return client(auth, Duration.ofSeconds(10));
  }

  private RemoteClient client(RequestAuth auth, Duration requestTimeout) {
    HttpSettings settings = HttpSettings.defaults(URI.create(server.baseUrl() + "/api"))
        .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
        .withRequestTimeout(requestTimeout);
    return RemoteClient.builder("tool", settings,
            new StatusPolicy("tool", Clock.systemUTC(), r -> Optional.of(StatusPolicy.shorten(r.body(), 80))))
        .auth(auth)
        .sleeper(d -> waits.add(d))
        .build();
  }

  private RemoteClient client() {
    return client(RequestAuth.none());
  }

  @Test
  @DisplayName("a read moved permanently on the same host is followed, with its credentials; a write follows a 307")
  void followsRedirectsOnTheSameHost() {
    server.stubFor(get(urlPathEqualTo("/api/repos/old/name")).willReturn(aResponse().withStatus(301)
        .withHeader("Location", server.baseUrl() + "/api/repositories/42")));
    server.stubFor(get(urlPathEqualTo("/api/repositories/42")).willReturn(aResponse().withStatus(200).withBody("{}")));
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/api/repos/old/name/x"))
        .willReturn(aResponse().withStatus(307).withHeader("Location", "/api/repositories/42/x")));
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/api/repositories/42/x"))
        .willReturn(aResponse().withStatus(201).withBody("{\"made\":true}")));
    RemoteClient client = client(() -> Either.right(java.util.Map.of("Authorization", "Bearer t")));

    assertThat(client.send(RemoteRequest.get("/repos/old/name").build()).get().status()).isEqualTo(200);
    assertThat(client.send(RemoteRequest.post("/repos/old/name/x", "{}").build()).get().body()).contains("made");
    server.verify(getRequestedFor(urlPathEqualTo("/api/repositories/42")).withHeader("Authorization", equalTo("Bearer t")));
    server.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/api/repositories/42/x"))
        .withRequestBody(equalTo("{}")));
  }

  @Test
  @DisplayName("a redirect to another host is refused, and a redirect loop ends after a few hops")
  void refusesForeignAndEndlessRedirects() {
    server.stubFor(get(urlPathEqualTo("/api/away")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "https://elsewhere.example/api/away")));
    server.stubFor(get(urlPathEqualTo("/api/loop")).willReturn(aResponse().withStatus(301)
        .withHeader("Location", "/api/loop")));

    assertThat(client().send(RemoteRequest.get("/away").build()).getLeft()).isInstanceOf(CoexistError.Forbidden.class);
    RemoteClient client = client();
    assertThat(client.send(RemoteRequest.get("/loop").build()).getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    // Each attempt follows at most MAX_REDIRECTS hops; the attempts are bounded as for any unavailable answer.
    server.verify(client.settings().maxAttempts() * (RemoteClient.MAX_REDIRECTS + 1),
        getRequestedFor(urlPathEqualTo("/api/loop")));
  }

  @Test
  @DisplayName("a 429 is retried after exactly the Retry-After the tool asked for")
  void honoursRetryAfter() {
    server.stubFor(get(urlPathEqualTo("/api/things")).inScenario("limit")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
    server.stubFor(get(urlPathEqualTo("/api/things")).inScenario("limit")
        .whenScenarioStateIs("open").willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));

    Either<CoexistError, RemoteResponse> result = client().send(RemoteRequest.get("/things").build());

    assertThat(result.get().body()).isEqualTo("{\"ok\":true}");
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  @DisplayName("a Retry-After longer than the configured maximum is handed back, not waited for")
  void longRetryAfterIsReturned() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    Either<CoexistError, RemoteResponse> result = client().send(RemoteRequest.get("/things").build());

    assertThat(result.getLeft()).isInstanceOfSatisfying(CoexistError.RateLimited.class,
        limited -> assertThat(limited.retryAfter()).contains(Duration.ofHours(1)));
    assertThat(waits).isEmpty();
    server.verify(1, getRequestedFor(urlPathEqualTo("/api/things")));
  }

  @Test
  @DisplayName("server errors on an idempotent call are retried with bounded, growing jittered waits")
  void retriesIdempotentServerErrors() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503).withBody("down")));

    Either<CoexistError, RemoteResponse> result = client().send(RemoteRequest.get("/things").build());

    assertThat(result.getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    assertThat(result.getLeft().message()).contains("503").contains("down");
    server.verify(4, getRequestedFor(urlPathEqualTo("/api/things")));
    assertThat(waits).hasSize(3);
    assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    assertThat(waits.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(400));
  }

  @Test
  @DisplayName("a server error on a call that is not idempotent is not retried")
  void doesNotRetryNonIdempotent() {
    server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(500)));

    Either<CoexistError, RemoteResponse> result = client().send(RemoteRequest.post("/things", "{}").build());

    assertThat(result.getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    server.verify(1, postRequestedFor(urlPathEqualTo("/api/things")));
  }

  @Test
  @DisplayName("a slow answer times out as Unavailable instead of hanging")
  void timesOut() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));

    Either<CoexistError, RemoteResponse> result =
        client(RequestAuth.none(), Duration.ofMillis(500)).send(RemoteRequest.get("/slow").build());

    assertThat(result.getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    assertThat(result.getLeft().message()).contains("did not answer");
  }

  @Test
  @DisplayName("a 401 drops the cached token and tries once more with a fresh one")
  void reauthenticatesOnce() {
    AtomicInteger generation = new AtomicInteger(1);
    RequestAuth refreshing = new RequestAuth() {
      @Override
      public Either<CoexistError, Map<String, String>> headers() {
        return Either.right(Map.of("Authorization", "Bearer t" + generation.get()));
      }

      @Override
      public void invalidate() {
        generation.incrementAndGet();
      }
    };
    server.stubFor(get(anyUrl()).withHeader("Authorization", equalTo("Bearer t1"))
        .willReturn(aResponse().withStatus(401)));
    server.stubFor(get(anyUrl()).withHeader("Authorization", equalTo("Bearer t2"))
        .willReturn(aResponse().withStatus(200).withBody("fresh")));

    assertThat(client(refreshing).send(RemoteRequest.get("/me").build()).get().body()).isEqualTo("fresh");
  }

  @Test
  @DisplayName("a 401 to Basic credentials is final: Unauthorized after one request, never repeated with the same credentials")
  void basicUnauthorizedIsFinal() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)
        .withBody("{\"errorMessages\":[\"Client must be authenticated to access this resource.\"]}")));

    Either<CoexistError, RemoteResponse> result =
        client(RequestAuth.basic("bot@example.com", Secret.of("t0ken"))).send(RemoteRequest.get("/me").build());

    assertThat(result.getLeft()).isInstanceOf(CoexistError.Unauthorized.class);
    assertThat(result.getLeft().message()).doesNotContain("t0ken");
    server.verify(1, getRequestedFor(anyUrl()));
    assertThat(waits).isEmpty();
  }

  @Test
  @DisplayName("a refreshing credential that is refused again after its one renewal is Unauthorized after two requests")
  void refreshedAndRefusedAgain() {
    AtomicInteger renewals = new AtomicInteger();
    RequestAuth refreshing = new RequestAuth() {
      @Override
      public Either<CoexistError, Map<String, String>> headers() {
        return Either.right(Map.of("Authorization", "Bearer t" + renewals.get()));
      }

      @Override
      public void invalidate() {
        renewals.incrementAndGet();
      }
    };
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)));

    assertThat(client(refreshing).send(RemoteRequest.get("/me").build()).getLeft())
        .isInstanceOf(CoexistError.Unauthorized.class);
    server.verify(2, getRequestedFor(anyUrl()));
    assertThat(renewals).hasValue(1);
  }

  @Test
  @DisplayName("a URL on another host is refused before any credential is sent")
  void refusesOtherHosts() {
    Either<CoexistError, RemoteResponse> result = client(RequestAuth.bearer(Secret.of("s3cret")))
        .send(RemoteRequest.get("https://evil.example.com/api/x").build());

    assertThat(result.getLeft()).isInstanceOf(CoexistError.Forbidden.class);
    assertThat(result.getLeft().message()).doesNotContain("s3cret");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  @DisplayName("query values are encoded and paths are joined below the base path")
  void encodesQuery() {
    server.stubFor(get(urlPathEqualTo("/api/table/x"))
        .withQueryParam("sysparm_query", equalTo("correlation_id=a&b^ORDERBYsys_id"))
        .willReturn(aResponse().withStatus(200).withBody("[]")));

    Either<CoexistError, RemoteResponse> result = client().send(
        RemoteRequest.get("/table/x").query("sysparm_query", "correlation_id=a&b^ORDERBYsys_id").build());

    assertThat(result.isRight()).isTrue();
  }

  @Test
  @DisplayName("typed errors carry the tool's message: 404, 409, 422")
  void typedErrors() {
    server.stubFor(get(urlPathEqualTo("/api/missing")).willReturn(aResponse().withStatus(404).withBody("no such")));
    server.stubFor(get(urlPathEqualTo("/api/taken")).willReturn(aResponse().withStatus(409).withBody("taken")));
    server.stubFor(get(urlPathEqualTo("/api/bad")).willReturn(aResponse().withStatus(422).withBody("bad field")));

    assertThat(client().send(RemoteRequest.get("/missing").build()).getLeft()).isInstanceOf(CoexistError.NotFound.class);
    assertThat(client().send(RemoteRequest.get("/taken").build()).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    assertThat(client().send(RemoteRequest.get("/bad").build()).getLeft())
        .isInstanceOfSatisfying(CoexistError.InvalidInput.class, e -> assertThat(e.message()).contains("bad field"));
  }

  @Test
  @DisplayName("a call observer hears each attempt with its tool, method and status, failures marked")
  void observersHearEveryAttempt() {
    List<CallObserver.Call> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.stubFor(get(urlPathEqualTo("/api/things")).inScenario("limit")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
    server.stubFor(get(urlPathEqualTo("/api/things")).inScenario("limit")
        .whenScenarioStateIs("open").willReturn(aResponse().withStatus(200).withBody("{}")));
    server.stubFor(post(urlPathEqualTo("/api/reset"))
        .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

    try (RemoteCalls.Registration registration = RemoteCalls.observe(heard::add)) {
      client().send(RemoteRequest.get("/things").build()).get();
      client().send(RemoteRequest.post("/reset", "{}").build());
    }
    client().send(RemoteRequest.get("/things").build()).get();

    assertThat(heard).extracting(CallObserver.Call::tool, CallObserver.Call::method, CallObserver.Call::status,
        CallObserver.Call::failed).containsExactly(
            org.assertj.core.groups.Tuple.tuple("tool", "GET", "429", true),
            org.assertj.core.groups.Tuple.tuple("tool", "GET", "200", false),
            org.assertj.core.groups.Tuple.tuple("tool", "POST", "io_error", true));
    assertThat(heard).allSatisfy(call -> assertThat(call.duration()).isPositive());
  }

  @Test
  @DisplayName("a call observer that throws does not fail the call")
  void failingObserver() {
    server.stubFor(get(urlPathEqualTo("/api/things")).willReturn(aResponse().withStatus(200).withBody("{}")));
    try (RemoteCalls.Registration failing = RemoteCalls.observe(call -> {
      throw new IllegalStateException("broken observer");
    })) {
      assertThat(client().send(RemoteRequest.get("/things").build()).get().status()).isEqualTo(200);
    }
  }
}
