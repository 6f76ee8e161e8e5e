package io.github.coexist.app.serve;

import io.github.coexist.app.app.UncheckedSignatures;
import io.github.coexist.adapters.github.GitHubAdapter;
import io.github.coexist.adapters.http.ToolGuard;
import io.github.coexist.adapters.github.GitHubConfig;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.adapters.github.WebhookResult;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.InMemoryGateReplies;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub side of the service, in one of two modes.
 *
 * <ul>
 *   <li><b>Connected</b> ({@code COEXIST_GITHUB_TOKEN} or {@code COEXIST_GITHUB_APP_ID} set): the
 *       adapter as its README describes it; gate answers go to GitHub as protection rule reviews,
 *       and a webhook secret is required, so that nobody else can make coexist answer a gate.
 *   <li><b>Receive-only</b> (no credentials): deliveries are still read by the adapter's intake and
 *       decisions are kept in memory. The adapter insists on credentials and a webhook secret, so it
 *       is given a placeholder token that is never sent (nothing here calls GitHub: neither its
 *       replies nor its deployments are used) and, when no secret is set, a random
 *       one with which each delivery is signed on arrival: signatures are checked only when {@code
 *       COEXIST_GITHUB_WEBHOOK_SECRET} is set.
 * </ul>
 *
 * Thread-safe.
 */
final class GitHubSide implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubSide.class);

  private final GitHubAdapter adapter;
  private final Setup setup;
  private final Optional<DeliveryIds> deliveryIds;

  /**
   * What the settings say about GitHub.
   *
   * @param config the adapter's settings
   * @param connected whether credentials are set, so answers go to GitHub
   * @param unchecked the signatures deliveries get on arrival, when no secret is configured
   */
  record Setup(GitHubConfig config, boolean connected, Optional<UncheckedSignatures> unchecked) {
    @Override
    public String toString() {
      return "GitHubSide.Setup[connected=" + connected + ", signatures checked=" + unchecked.isEmpty() + "]";
    }
  }

  /**
   * The GitHub side; {@code deliveryIds} remembers the deliveries taken in (in memory when empty);
   * every call to GitHub goes through {@code guard}, when given.
   */
  GitHubSide(Setup setup, Clock clock, Optional<DeliveryIds> deliveryIds, Optional<ToolGuard> guard) {
    this.setup = setup;
    this.deliveryIds = deliveryIds;
    GitHubAdapter.Builder builder = GitHubAdapter.builder(setup.config()).clock(clock);
    guard.ifPresent(builder::guard);
    deliveryIds.ifPresent(builder::deliveryIds);
    this.adapter = builder.build();
  }

  /**
   * Reads the GitHub settings from {@code env}, reporting every problem to {@code problems}.
   * {@code production}, when set, is the production environments' fallback for the adapter.
   */
  static Setup setup(ConfigSource env, Optional<String> production, Consumer<String> problems) {
    boolean connected = env.get("coexist.github.token").isPresent() || env.get("coexist.github.app-id").isPresent();
    Map<String, String> fallback = new HashMap<>();
    production.ifPresent(p -> fallback.put("coexist.github.production-environments", p));
    Optional<UncheckedSignatures> unchecked = Optional.empty();
    if (!connected) {
      fallback.put("coexist.github.token", UncheckedSignatures.PLACEHOLDER_TOKEN);
      if (env.get("coexist.github.webhook-secret").isEmpty()) {
        unchecked = Optional.of(UncheckedSignatures.random());
        fallback.put("coexist.github.webhook-secret", unchecked.get().secret().reveal());
      }
    }
    GitHubConfig config = GitHubConfig.from(ConfigSource.firstOf(env, ConfigSource.of(fallback)));
    config.validate().peekLeft(error -> ServeSettings.report(error, "", problems));
    return new Setup(config, connected, unchecked);
  }

  /** Reads one delivery: the raw body and the request's headers. Makes no remote call. */
  WebhookResult receive(byte[] body, Map<String, String> headers) {
    return adapter.webhooks().receive(body,
        setup.unchecked().map(signatures -> signatures.signed(body, headers)).orElse(headers));
  }

  /**
   * Forgets the delivery {@code deliveryId}, whose work was left undone, so that GitHub's
   * redelivery is processed; only a durable ledger outlives the process, so only it is told.
   */
  void forget(String deliveryId) {
    deliveryIds.ifPresent(ids -> ids.release(deliveryId).peekLeft(error -> LOG.warn(
        "delivery {} left undone and not forgotten: a redelivery will be answered as a duplicate: {}", deliveryId,
        error.message())));
  }

  /** Whether answers go to GitHub. */
  boolean connected() {
    return setup.connected();
  }

  /** Whether deliveries must carry a valid signature. */
  boolean checksSignatures() {
    return setup.unchecked().isEmpty();
  }

  /** Where the gate's answers go: GitHub when connected, else kept in memory. */
  GateReplies gateReplies() {
    return setup.connected() ? adapter.gateReplies() : new InMemoryGateReplies();
  }

  /**
   * How accepted deliveries become core's signals: when connected, a deployment that arrived
   * without commits gets them from the compare API; otherwise no call is made to GitHub.
   */
  GitHubSignals signals() {
    return setup.connected() ? GitHubSignals.comparingWith(adapter.deployments()) : GitHubSignals.offline();
  }

  /** How many gates wait for their final answer at GitHub, when connected. */
  Optional<Integer> gatesAwaitingAnswer() {
    return setup.connected() ? Optional.of(adapter.gateTimeouts().pending()) : Optional.empty();
  }

  /** One line for the start-up log. */
  String describe() {
    String signatures = checksSignatures() ? "signatures checked" : "signatures NOT checked (set COEXIST_GITHUB_WEBHOOK_SECRET)";
    return setup.connected()
        ? "GitHub: connected to " + setup.config().apiUrl() + "; gate answers are posted as protection rule reviews; "
            + signatures
        : "GitHub: no credentials (COEXIST_GITHUB_TOKEN or COEXIST_GITHUB_APP_ID), so webhooks are received and "
            + "decisions are kept in memory, not posted to GitHub; " + signatures;
  }

  @Override
  public void close() {
    adapter.close();
  }
}
