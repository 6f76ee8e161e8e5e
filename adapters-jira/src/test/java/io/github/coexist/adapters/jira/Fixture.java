package io.github.coexist.adapters.jira;

import io.github.coexist.standins.jira.JiraStandIn;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** A stand-in Jira site and an adapter pointed at it; waits are recorded instead of slept. */
class Fixture implements AutoCloseable {
  final JiraStandIn site;
  final JiraAdapter adapter;
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  private Fixture(JiraStandIn site, Map<String, String> overrides, UnaryOperator<JiraAdapter.Builder> shape) {
    this.site = site;
    Map<String, String> settings = new HashMap<>(site.adapterSettings());
    settings.put("coexist.jira.service.checkout", "svc-checkout-0001");
    settings.putAll(overrides);
    settings.values().removeIf(String::isEmpty);
    this.adapter = shape.apply(JiraAdapter.builder(JiraConfig.fromMap(settings)).sleeper(d -> waits.add(d))).build();
  }

  static Fixture start() {
    return new Fixture(JiraStandIn.start(), Map.of(), b -> b);
  }

  static Fixture start(JiraStandIn.Builder site, Map<String, String> overrides) {
    return new Fixture(site.start(), overrides, b -> b);
  }

  static Fixture start(JiraStandIn.Builder site, Map<String, String> overrides, UnaryOperator<JiraAdapter.Builder> shape) {
    return new Fixture(site.start(), overrides, shape);
  }

  /** A fixture whose settings depend on the started site (its port, its credentials). */
  static Fixture start(JiraStandIn.Builder site, java.util.function.Function<JiraStandIn, Map<String, String>> overrides) {
    JiraStandIn started = site.start();
    return new Fixture(started, overrides.apply(started), b -> b);
  }

  /** Settings that send the adapter through the site's gateway ({@code /ex/jira/{cloudId}}) with {@code auth}. */
  static Map<String, String> viaGateway(JiraStandIn site, Map<String, String> auth) {
    Map<String, String> s = new HashMap<>(auth);
    s.put("coexist.jira.url", "");
    s.put("coexist.jira.email", "");
    s.put("coexist.jira.api-token", "");
    s.put("coexist.jira.cloud-id", site.cloudId());
    s.put("coexist.jira.api-base", site.apiBase().toString());
    return s;
  }

  /** Settings for OAuth client credentials through the gateway, plus {@code extra}. */
  static Map<String, String> oauth(JiraStandIn site, Map<String, String> extra) {
    Map<String, String> auth = new HashMap<>(extra);
    auth.put("coexist.jira.auth", "oauth");
    auth.put("coexist.jira.client-id", site.clientId());
    auth.put("coexist.jira.client-secret", site.clientSecret());
    return viaGateway(site, auth);
  }

  static Fixture start(JiraStandIn.Builder site) {
    return start(site, Map.of());
  }

  /** Another adapter (another process) on the same site, with its own memory. */
  Fixture another(Map<String, String> overrides, UnaryOperator<JiraAdapter.Builder> shape) {
    return new Fixture(site, overrides, shape) {
      @Override
      public void close() {
        adapter.close(); // the site belongs to the first fixture
      }
    };
  }

  /** Calls to the removed search endpoints (they answer 410): there must be none. */
  long removedSearchCalls() {
    return site.requests().stream().filter(r -> r.matches("(GET|POST) (/ex/jira/[^/]+)?/rest/api/[23]/search")).count();
  }

  JiraChangeRecords changes() {
    return (JiraChangeRecords) adapter.changeRecords();
  }

  @Override
  public void close() {
    adapter.close();
    site.close();
  }
}
