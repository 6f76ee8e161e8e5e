package io.github.coexist.adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RemoteCallsTest {
  private WireMockServer server;
  private final List<CallObserver.Call> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private RemoteClient client() {
    return client(4);
  }

  private RemoteClient client(int attempts) {
    HttpSettings settings = HttpSettings.defaults(URI.create(server.baseUrl() + "/api"))
        .withMaxAttempts(attempts);
    return RemoteClient.builder("tool", settings,
            new StatusPolicy("tool", Clock.systemUTC(), r -> Optional.of(StatusPolicy.shorten(r.body(), 80))))
        .sleeper(d -> true)
        .build();
  }

  @Test
  @DisplayName("an observer hears each attempt of a call with its tool, method and status, failures marked")
  void hearsEveryAttempt() {
    server.stubFor(get(urlPathEqualTo("/api/things")).inScenario("limit")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
    server.stubFor(get(urlPathEqualTo("/api/things")).inScenario("limit")
        .whenScenarioStateIs("open").willReturn(aResponse().withStatus(200).withBody("{}")));
    server.stubFor(get(urlPathEqualTo("/api/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    try (RemoteCalls.Registration registration = RemoteCalls.observe(heard::add)) {
      client().send(RemoteRequest.get("/things").build()).get();
      client(1).send(RemoteRequest.get("/reset").build());
    }

    assertThat(heard).extracting(CallObserver.Call::tool, CallObserver.Call::method, CallObserver.Call::status,
        CallObserver.Call::failed).containsExactly(
            org.assertj.core.groups.Tuple.tuple("tool", "GET", "429", true),
            org.assertj.core.groups.Tuple.tuple("tool", "GET", "200", false),
            org.assertj.core.groups.Tuple.tuple("tool", "GET", "io_error", true));
    assertThat(heard).allSatisfy(call -> assertThat(call.duration()).isPositive());
  }

  @Test
  @DisplayName("a closed registration hears nothing more, and an observer that throws does not fail the call")
  void closedAndFailingObservers() {
    server.stubFor(get(urlPathEqualTo("/api/things")).willReturn(aResponse().withStatus(200).withBody("{}")));
    RemoteCalls.Registration closed = RemoteCalls.observe(heard::add);
    closed.close();
    try (RemoteCalls.Registration failing = RemoteCalls.observe(call -> {
      throw new IllegalStateException("broken observer");
    })) {
      assertThat(client().send(RemoteRequest.get("/things").build()).get().status()).isEqualTo(200);
    }
    assertThat(heard).isEmpty();
  }
}
