package io.github.coexist.adapters.github;

import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.adapters.http.DeliveryLedger;
import io.github.coexist.adapters.http.InvalidConfigurationException;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.ToolGuard;
import io.github.coexist.adapters.http.WebhookSignature;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub adapter: webhook intake, the gate's replies, gate time-outs and deployment calls,
 * sharing one configuration, one REST client and the adapter's memory between deliveries.
 *
 * <pre>{@code
 * GitHubAdapter github = GitHubAdapter.builder(GitHubConfig.fromEnvironment()).build();
 * GateReplies replies = github.gateReplies();                         // wired into core
 * WebhookResult result = github.webhooks().receive(body, headers);   // in the webhook endpoint
 * GitHubSignals.comparingWith(github.deployments()).of(result).forEach(coexist::accept);
 * }</pre>
 *
 * Close it with the application (or {@code Coexist.close()}). Thread-safe.
 */
public final class GitHubAdapter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubAdapter.class);

  private final GitHubApi api;
  private final GitHubWebhooks webhooks;
  private final GitHubGateReplies gateReplies;
  private final GateTimeouts gateTimeouts;
  private final GitHubDeployments deployments;

  private GitHubAdapter(GitHubSettings settings, Clock clock, RemoteClient.Sleeper sleeper,
      Optional<ToolGuard> guard, Optional<DeliveryIds> deliveryIds) {
    this.api = settings.token()
        .map(token -> GitHubApi.withToken(settings.http(), clock, sleeper, guard, token))
        .orElseGet(() -> {
          GitHubSettings.App app = settings.app().orElseThrow();
          return GitHubApi.withApp(settings.http(), clock, sleeper, guard, app.appId(), app.key(), app.installation());
        });
    GateReviewer reviewer = new GateReviewer(api);
    InstallationBook installations = new InstallationBook(Intake.MEMORY);
    this.gateTimeouts = new GateTimeouts(clock, settings.gateTimeout(), settings.timeoutOutcome());
    this.gateReplies = new GitHubGateReplies(reviewer, gateTimeouts);
    this.webhooks = new GitHubWebhooks(new WebhookSignature(settings.webhookSecrets()),
        deliveryIds.orElseGet(() -> DeliveryLedger.standard(clock)),
        new Intake(settings, clock, installations, gateTimeouts));
    this.deployments = new GitHubDeployments(api, installations);
    LOG.info("GitHub adapter ready: {}", settings);
  }

  /** A builder for an adapter configured by {@code config}. */
  public static Builder builder(GitHubConfig config) {
    return new Builder(config);
  }

  /** The webhook intake. */
  public GitHubWebhooks webhooks() {
    return webhooks;
  }

  /** The gate's replies, for core's change gate. */
  public GitHubGateReplies gateReplies() {
    return gateReplies;
  }

  /** The guard that answers gates left waiting too long; call its {@code tick()} regularly. */
  public GateTimeouts gateTimeouts() {
    return gateTimeouts;
  }

  /** Deployment statuses and commit ranges. */
  public GitHubDeployments deployments() {
    return deployments;
  }

  /** Releases the HTTP clients. */
  @Override
  public void close() {
    api.close();
  }

  @Override
  public String toString() {
    return "GitHubAdapter[" + api.settings().baseUri() + "]";
  }

  /**
   * Builds a {@link GitHubAdapter}, following the convention every coexist adapter builder keeps: a
   * {@code null} argument throws {@link NullPointerException} naming it; {@link #tryBuild()}
   * returns every configuration problem at once as a {@link CoexistError.InvalidInput}; {@link
   * #build()} throws them as one {@link InvalidConfigurationException}. Neither changes the
   * builder: calling either again gives the same answer (a new adapter when the configuration is
   * usable).
   */
  public static final class Builder {
    private final GitHubConfig config;
    private Clock clock = Clock.systemUTC();
    private RemoteClient.Sleeper sleeper = RemoteClient.Sleeper.threadSleep();
    private Optional<DeliveryIds> deliveryIds = Optional.empty();
    private Optional<ToolGuard> guard = Optional.empty();

    private Builder(GitHubConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The clock for tokens, time-outs and delivery memory; the system clock (UTC) unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait between retries; {@link Thread#sleep} unless set (tests record instead). */
    public Builder sleeper(RemoteClient.Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The bulkhead and circuit breaker every call to GitHub goes through; none unless set. */
    public Builder guard(ToolGuard guard) {
      this.guard = Optional.of(Objects.requireNonNull(guard, "guard"));
      return this;
    }

    /**
     * Where the ids of deliveries taken in are remembered ({@code X-GitHub-Delivery}), so a
     * redelivery is answered as a duplicate; a durable store's ids survive a restart. In memory
     * ({@link DeliveryLedger#standard}: 100,000 ids for 3 days) unless set.
     */
    public Builder deliveryIds(DeliveryIds deliveryIds) {
      this.deliveryIds = Optional.of(Objects.requireNonNull(deliveryIds, "deliveryIds"));
      return this;
    }

    /** The adapter, or every configuration problem at once. */
    public Either<CoexistError.InvalidInput, GitHubAdapter> tryBuild() {
      return config.validate()
          .<CoexistError.InvalidInput>mapLeft(InvalidConfigurationException::invalidInput)
          .map(valid -> new GitHubAdapter(GitHubSettings.of(config), clock, sleeper, guard, deliveryIds));
    }

    /**
     * The adapter.
     *
     * @throws InvalidConfigurationException listing every problem when the configuration is not usable
     */
    public GitHubAdapter build() {
      return tryBuild().getOrElseThrow(invalid -> new InvalidConfigurationException("GitHub", invalid));
    }
  }
}
