package io.github.coexist.adapters.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.WebhookSignature;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub webhook intake: hand it the raw body bytes and the headers of each delivery, answer GitHub
 * with {@link WebhookResult#httpStatus()}, and dispatch the {@link Observation}s of an accepted
 * delivery to core. It does no remote call, so it answers well within GitHub's 10 seconds.
 *
 * <p>In order: the {@code X-Hub-Signature-256} is verified over the raw bytes (any configured
 * secret, constant time; a missing or wrong one is {@code Unauthorized}); {@code X-GitHub-Event}
 * and {@code X-GitHub-Delivery} must be present; a delivery id seen before is a {@link
 * WebhookResult.Duplicate}; the body must be JSON; then the event is read leniently. Events used:
 * {@code ping}, {@code deployment_protection_rule}, {@code deployment}, {@code deployment_status},
 * {@code workflow_run}, {@code check_suite}, {@code check_run}, {@code pull_request_review}, {@code
 * pull_request}, {@code push}, {@code issues} and {@code release}; others are ignored with the
 * reason. Nothing throws: every delivery ends in a {@link WebhookResult}. Thread-safe.
 */
public final class GitHubWebhooks {
  /** GitHub does not send payloads above 25 MB; a larger body is not from GitHub. */
  public static final int MAX_BODY_BYTES = 25 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhooks.class);
  /** The longest event name taken ({@code deployment_protection_rule} is 26). */
  static final int MAX_EVENT = 64;

  private final WebhookSignature signature;
  private final DeliveryIds ledger;
  private final GateIntake gates;
  private final DeploymentIntake deployments;
  private final EvidenceIntake evidence;
  private final CommitIntake commits;
  private final SignalIntake signals;

  GitHubWebhooks(WebhookSignature signature, DeliveryIds ledger, Intake intake) {
    this.signature = signature;
    this.ledger = ledger;
    this.gates = new GateIntake(intake);
    this.deployments = new DeploymentIntake(intake);
    this.evidence = new EvidenceIntake(intake);
    this.commits = new CommitIntake(intake);
    this.signals = new SignalIntake(intake);
  }

  /**
   * Receives one delivery.
   *
   * @param body the request body exactly as received (the signature covers these bytes)
   * @param headers the request headers; names are matched without case
   */
  public WebhookResult receive(byte[] body, Map<String, String> headers) {
    Optional<String> event = header(headers, "X-GitHub-Event");
    Optional<String> delivery = header(headers, "X-GitHub-Delivery");
    // What a refusal before the ids are checked shows of them: never more than an excerpt.
    Optional<String> shownEvent = event.map(GitHubWebhooks::shorten);
    Optional<String> shownDelivery = delivery.map(GitHubWebhooks::shorten);
    if (body == null) {
      return new WebhookResult.Rejected(shownEvent, shownDelivery, CoexistError.invalid("the delivery has no body"));
    }
    Either<CoexistError, io.github.coexist.core.kernel.Done> verified =
        signature.verify(body, header(headers, "X-Hub-Signature-256"));
    if (verified.isLeft()) {
      LOG.warn("refused delivery {} ({}): {}", shownDelivery.orElse("without id"), shownEvent.orElse("no event"),
          verified.getLeft().message());
      return new WebhookResult.Rejected(shownEvent, shownDelivery, verified.getLeft());
    }
    if (event.isEmpty() || delivery.isEmpty()) {
      return new WebhookResult.Rejected(shownEvent, shownDelivery,
          CoexistError.invalid("a GitHub delivery names its X-GitHub-Event and X-GitHub-Delivery"));
    }
    Optional<CoexistError> tooLong = DeliveryIds.refuseTooLong("X-GitHub-Delivery", delivery.get())
        .or(() -> event.get().length() > MAX_EVENT
            ? Optional.of(CoexistError.invalid("X-GitHub-Event is at most " + MAX_EVENT + " characters")) : Optional.empty());
    if (tooLong.isPresent()) {
      LOG.info("delivery {} ({}) refused: {}", shownDelivery.get(), shownEvent.get(), tooLong.get().message());
      return new WebhookResult.Rejected(shownEvent, shownDelivery, tooLong.get());
    }
    Either<CoexistError, Boolean> first = ledger.claim(delivery.get());
    if (first.isLeft()) {
      LOG.warn("delivery {} ({}) not taken in: its id could not be recorded: {}", delivery.get(), event.get(),
          first.getLeft().message());
      return new WebhookResult.Rejected(event, delivery, first.getLeft());
    }
    if (!first.get()) {
      LOG.debug("delivery {} ({}) seen before: acknowledged, not processed again", delivery.get(), event.get());
      return new WebhookResult.Duplicate(event.get(), delivery.get());
    }
    WebhookResult result;
    try {
      result = process(event.get(), delivery.get(), body);
    } catch (RuntimeException bug) {
      // a bug must not take the endpoint down, nor leave GitHub without an answer
      LOG.error("delivery {} ({}) could not be processed", delivery.get(), event.get(), bug);
      result = new WebhookResult.Rejected(event, delivery,
          new CoexistError.Unavailable("the delivery could not be processed; redeliver it once fixed"));
    }
    if (result instanceof WebhookResult.Rejected) {
      // a redelivery after a fix must be processed
      ledger.release(delivery.get()).peekLeft(error -> LOG.warn("delivery {} could not be forgotten: {}",
          delivery.get(), error.message()));
    }
    return result;
  }

  private WebhookResult process(String event, String delivery, byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      return rejected(event, delivery, CoexistError.invalid("the body is larger than GitHub's 25 MB"));
    }
    if (startsWith(body, "payload=")) {
      return rejected(event, delivery, CoexistError.invalid(
          "the delivery is form-encoded: set the webhook's content type to application/json"));
    }
    Either<CoexistError, JsonNode> json = Json.parse(body, "the " + shorten(event) + " payload");
    if (json.isLeft()) {
      return rejected(event, delivery, json.getLeft());
    }
    if (!json.get().isObject()) {
      return rejected(event, delivery, CoexistError.invalid("the " + shorten(event) + " payload is not a JSON object"));
    }
    Fields payload = new Fields(json.get());
    if (event.equalsIgnoreCase("ping")) {
      return new WebhookResult.Ping(delivery, payload.number("/hook_id"), payload.shortText("/zen").orElse(""));
    }
    Optional<Either<CoexistError, Handled>> handled = dispatch(event, payload);
    if (handled.isEmpty()) {
      return new WebhookResult.Ignored(event, delivery, "event '" + shorten(event) + "' is not used by coexist");
    }
    return handled.get().fold(
        error -> rejected(event, delivery, error),
        done -> done.ignoredBecause()
            .<WebhookResult>map(reason -> new WebhookResult.Ignored(event, delivery, reason))
            .orElseGet(() -> new WebhookResult.Accepted(event, delivery, done.observations())));
  }

  private Optional<Either<CoexistError, Handled>> dispatch(String event, Fields payload) {
    return switch (event.toLowerCase(Locale.ROOT)) {
      case "deployment_protection_rule" -> Optional.of(gates.handle(payload));
      case "deployment" -> Optional.of(deployments.created(payload));
      case "deployment_status" -> Optional.of(deployments.status(payload));
      case "workflow_run" -> Optional.of(evidence.workflowRun(payload));
      case "check_suite" -> Optional.of(evidence.checkSuite(payload));
      case "check_run" -> Optional.of(evidence.checkRun(payload));
      case "pull_request_review" -> Optional.of(evidence.review(payload));
      case "pull_request" -> Optional.of(commits.pullRequest(payload));
      case "push" -> Optional.of(commits.push(payload));
      case "issues" -> Optional.of(signals.issue(payload));
      case "release" -> Optional.of(signals.release(payload));
      default -> Optional.empty();
    };
  }

  private static WebhookResult rejected(String event, String delivery, CoexistError error) {
    LOG.info("delivery {} ({}) refused: {}", delivery, event, error.message());
    return new WebhookResult.Rejected(Optional.of(event), Optional.of(delivery), error);
  }

  private static Optional<String> header(Map<String, String> headers, String name) {
    if (headers == null) {
      return Optional.empty();
    }
    return headers.entrySet().stream()
        .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null)
        .map(e -> e.getValue().strip())
        .filter(v -> !v.isEmpty())
        .findFirst();
  }

  private static boolean startsWith(byte[] body, String prefix) {
    byte[] p = prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (body.length < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (body[i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  /** At most 64 characters of {@code s}, to quote in a log line or an answer. */
  private static String shorten(String s) {
    return s.length() <= MAX_EVENT ? s : s.substring(0, MAX_EVENT) + "…";
  }

  @Override
  public String toString() {
    return "GitHubWebhooks[" + signature + "]";
  }
}
