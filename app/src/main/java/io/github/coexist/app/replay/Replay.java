package io.github.coexist.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.github.GitHubAdapter;
import io.github.coexist.adapters.github.GitHubConfig;
import io.github.coexist.adapters.github.Observation;
import io.github.coexist.adapters.github.WebhookResult;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.core.Coexist;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.app.app.Itsm;
import io.github.coexist.app.app.Wiring;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.app.app.UncheckedSignatures;
import io.github.coexist.app.serve.PolicyFile;
import io.github.coexist.app.json.Views;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Replays saved GitHub deliveries through the real GitHub adapter, whose signals go to {@link
 * Coexist#accept} on a {@link Coexist} held in memory, one delivery at a time, and says what
 * became of each.
 *
 * <p>Nothing leaves the process: the gate's replies stay in memory and commit ranges are not read
 * from the compare API, so the adapter's REST client is never used; the adapter is given a placeholder token only because its configuration requires
 * credentials. The replay's clock follows the deliveries ({@link DeliveryTime}): it starts at the
 * first time a delivery names and moves forward, never back, to each delivery's time before the
 * delivery is processed, ticking the app as {@code serve} would between deliveries.
 *
 * <p>Signatures: with a secret they are verified as {@code serve} verifies them; without one the
 * replay signs each body itself with a random secret of its own, so nothing is checked. Not
 * thread-safe: one replay runs on one thread.
 */
final class Replay implements AutoCloseable {
  /** Never sent anywhere: the adapter's configuration needs credentials, the replay makes no call. */
  private static final SignalOutcome NOTHING = SignalOutcome.NOTHING;

  private final ManualClock clock;
  private final GitHubAdapter github;
  private final Coexist app;
  private final GitHubSignals signals = GitHubSignals.offline();
  private final Optional<UncheckedSignatures> unchecked;
  private final Map<String, String> firstFileOf = new HashMap<>();

  /**
   * How to replay.
   *
   * @param secret the webhook secret(s), comma-separated, to verify signatures with; none to skip
   *     verification
   * @param production the production environments, when not coexist's defaults
   * @param apiUrl the GitHub API the deliveries came from (their callback URLs must point there)
   */
  record Options(Optional<String> secret, Optional<ProductionEnvironments> production, URI apiUrl,
      Optional<PolicyFile> policy) {
    /** GitHub.com's API. */
    static final URI GITHUB_COM = URI.create("https://api.github.com");

    Options {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(production, "production");
      Objects.requireNonNull(apiUrl, "apiUrl");
      Objects.requireNonNull(policy, "policy");
    }

    Options(Optional<String> secret, Optional<ProductionEnvironments> production, URI apiUrl) {
      this(secret, production, apiUrl, Optional.empty());
    }

    /** No signature check, the default production environments, GitHub.com. */
    static Options defaults() {
      return new Options(Optional.empty(), Optional.empty(), GITHUB_COM);
    }

    @Override
    public String toString() {
      return "Options[secret=" + secret.map(s -> "****").orElse("none") + ", production=" + production
          + ", apiUrl=" + apiUrl + ", policy=" + policy.map(p -> p.policy().version()).orElse("none") + "]";
    }
  }

  private Replay(Options options, Instant start) {
    this.clock = new ManualClock(start);
    this.unchecked = options.secret().isPresent() ? Optional.empty() : Optional.of(UncheckedSignatures.random());
    Map<String, String> config = new LinkedHashMap<>();
    config.put("coexist.github.api-url", options.apiUrl().toString());
    config.put("coexist.github.token", UncheckedSignatures.PLACEHOLDER_TOKEN);
    config.put("coexist.github.webhook-secret", options.secret().orElseGet(() -> unchecked.get().secret().reveal()));
    options.production().ifPresent(p -> config.put("coexist.github.production-environments", String.join(",", p.names())));
    this.github = GitHubAdapter.builder(GitHubConfig.of(config)).clock(clock).build();
    Coexist.Builder builder = Wiring.builder(clock, Itsm.inMemory());
    options.production().ifPresent(p -> builder.production(p).approvalPolicy(policyFor(p)));
    options.policy().ifPresent(file -> builder.approvalPolicy(file.policy()).calendar(file.calendar()));
    this.app = builder.build();
    options.policy().ifPresent(file -> file.services().forEach(app::register));
  }

  /** A replay whose clock starts at {@code start}. */
  static Replay start(Options options, Instant start) {
    return new Replay(options, start);
  }

  /**
   * A replay of {@code deliveries} (in order) whose clock starts at the first time one of them
   * names, else at {@code fallback}'s now.
   */
  static Replay startFor(Options options, List<Path> deliveries, Clock fallback) {
    for (Path file : deliveries) {
      SavedDelivery saved = SavedDelivery.read(file);
      Optional<Instant> at = saved.event().flatMap(event -> saved.body().flatMap(Replay::payload)
          .flatMap(payload -> DeliveryTime.of(event, payload)));
      if (at.isPresent()) {
        return start(options, at.get());
      }
    }
    return start(options, fallback.instant());
  }

  /** The app the deliveries went into. */
  Coexist app() {
    return app;
  }

  /** Replays one delivery; never throws for what the delivery holds. */
  ReplayLine replay(SavedDelivery saved) {
    Optional<String> event = saved.event();
    if (!saved.problems().isEmpty()) {
      return new ReplayLine(saved.file(), event, Optional.empty(), ReplayLine.Outcome.REJECTED,
          String.join("; ", saved.problems()), NOTHING);
    }
    byte[] body = saved.body().orElseThrow();
    Optional<JsonNode> payload = payload(body);
    Optional<String> action = payload.map(p -> p.path("action")).filter(JsonNode::isTextual).map(JsonNode::asText);
    payload.flatMap(p -> event.flatMap(e -> DeliveryTime.of(e, p))).ifPresent(this::moveTo);
    String deliveryId = saved.deliveryId();
    WebhookResult result = github.webhooks().receive(body, headers(saved, event, deliveryId, body));
    ReplayLine line = line(saved.file(), event, action, deliveryId, result);
    if (line.outcome() != ReplayLine.Outcome.REJECTED) {
      firstFileOf.putIfAbsent(deliveryId, saved.file());
    }
    return line;
  }

  /** Releases the adapter. */
  @Override
  public void close() {
    github.close();
    app.close();
  }

  private ReplayLine line(String file, Optional<String> event, Optional<String> action, String deliveryId,
      WebhookResult result) {
    if (result instanceof WebhookResult.Accepted accepted) {
      return dispatch(file, event, action, accepted.observations());
    }
    if (result instanceof WebhookResult.Ping ping) {
      return new ReplayLine(file, event, action, ReplayLine.Outcome.ACCEPTED,
          "ping" + ping.hookId().map(id -> " from webhook " + id).orElse("") + ": the webhook reaches coexist", NOTHING);
    }
    if (result instanceof WebhookResult.Ignored ignored) {
      return new ReplayLine(file, event, action, ReplayLine.Outcome.IGNORED, ignored.reason(), NOTHING);
    }
    if (result instanceof WebhookResult.Duplicate) {
      return new ReplayLine(file, event, action, ReplayLine.Outcome.DUPLICATE, "delivery " + deliveryId
          + " was processed before" + Optional.ofNullable(firstFileOf.get(deliveryId)).map(f -> " (" + f + ")").orElse(""),
          NOTHING);
    }
    WebhookResult.Rejected rejected = (WebhookResult.Rejected) result;
    return new ReplayLine(file, event, action, ReplayLine.Outcome.REJECTED, rejected.error().message(), NOTHING);
  }

  /**
   * Hands the signal of each observation to core, as serve does. The delivery stays accepted when core refuses
   * what it says (serve has answered GitHub by then): the reason tells, and what was kept shows.
   */
  private ReplayLine dispatch(String file, Optional<String> event, Optional<String> action,
      List<Observation> observations) {
    SignalOutcome produced = NOTHING;
    List<String> told = new ArrayList<>();
    for (Observation observation : observations) {
      Either<CoexistError, SignalOutcome> result = signals.of(observation)
          .flatMap(signal -> signal.map(app::accept).orElseGet(() -> Either.right(NOTHING)));
      SignalOutcome now = result.getOrElse(() -> keptDespite(observation));
      produced = produced.and(now);
      told.add(describe(observation, now)
          + result.fold(refusal -> "; coexist refused it: " + refusal.message(), done -> ""));
    }
    return new ReplayLine(file, event, action, ReplayLine.Outcome.ACCEPTED, String.join("; ", told), produced);
  }

  /** A deployment is logged before its change is moved, so it is kept when core refuses the move. */
  private SignalOutcome keptDespite(Observation refused) {
    if (refused instanceof Observation.DeploymentObserved observed) {
      return app.deployments().find(observed.deployment().id())
          .map(logged -> SignalOutcome.deployed(logged.id(), logged.changeId())).orElse(NOTHING);
    }
    return NOTHING;
  }

  /** What an accepted observation told coexist, in words. */
  private String describe(Observation observation, SignalOutcome produced) {
    if (observation instanceof Observation.GateRequested gate) {
      String reasons = produced.change().flatMap(app.gate()::change)
          .map(t -> String.join("; ", t.change().decision().reasons())).orElse("");
      return "gate for " + gate.request().service().value() + " to " + gate.request().environment()
          + (reasons.isEmpty() ? "" : ": " + reasons);
    }
    if (observation instanceof Observation.DeploymentObserved observed) {
      Deployment d = observed.deployment();
      return "deployment " + d.id().value() + " of " + d.service().value() + " to " + d.environment() + ": "
          + lower(d.status());
    }
    if (observation instanceof Observation.EvidenceObserved evidence) {
      return "evidence for " + shortSha(evidence.sha()) + ": " + evidence.check() + " " + lower(evidence.status())
          + " (" + lower(evidence.kind()).replace('_', ' ') + ")";
    }
    if (observation instanceof Observation.CommitsPushed push) {
      return push.commits().size() + (push.commits().size() == 1 ? " commit" : " commits") + " pushed to "
          + push.ref();
    }
    if (observation instanceof Observation.PullRequestMerged pull) {
      return "pull request #" + pull.number() + " merged into " + pull.baseRef();
    }
    if (observation instanceof Observation.IncidentSignal signal) {
      return "incident issue #" + signal.number() + " " + lower(signal.kind());
    }
    Observation.ReleaseMarker release = (Observation.ReleaseMarker) observation;
    return "release " + release.tag() + " published";
  }

  /** Moves the clock forward to {@code at} (never back) and lets the app do what time brings. */
  private void moveTo(Instant at) {
    if (at.isAfter(clock.instant())) {
      clock.set(at);
      app.tick();
    }
  }

  /** The headers handed to the adapter: the saved ones, completed from the file name, signed when not checked. */
  private Map<String, String> headers(SavedDelivery saved, Optional<String> event, String deliveryId, byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(saved.headers());
    event.ifPresent(e -> headers.put("X-GitHub-Event", e));
    headers.put("X-GitHub-Delivery", deliveryId);
    return unchecked.map(signatures -> signatures.signed(body, headers)).orElse(headers);
  }

  private static Optional<JsonNode> payload(byte[] body) {
    try {
      JsonNode node = Views.JSON.readTree(body);
      return Optional.ofNullable(node).filter(JsonNode::isObject);
    } catch (IOException e) {
      return Optional.empty(); // the adapter reports what is wrong with it
    }
  }

  /**
   * The default approval policy with exactly {@code production} as its production environments,
   * so that what the KPIs count as production is also what the gate guards as production.
   */
  static ApprovalPolicy policyFor(ProductionEnvironments production) {
    ApprovalPolicy defaults = ApprovalPolicy.defaults();
    ApprovalPolicy.Builder policy = defaults.toBuilder()
        .version(defaults.version() + "+production=" + String.join(",", production.names()));
    defaults.environments().forEach((name, isProduction) -> {
      if (isProduction && !production.contains(name)) {
        policy.environment(name);
      }
    });
    production.names().forEach(policy::productionEnvironment);
    return policy.build().getOrElseThrow(error -> new IllegalStateException(error.message()));
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
