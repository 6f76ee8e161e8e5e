package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.WebhookSignature;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jira admin webhooks in: each delivery is verified by its {@code X-Hub-Signature} ({@code
 * sha256=} HMAC of the raw body), dropped as a duplicate when its {@code
 * X-Atlassian-Webhook-Identifier} was seen, and an {@code jira:issue_updated} whose changelog
 * moves a coexist change is turned into a {@link JiraEvent.ChangeMoved}. Thread-safe.
 *
 * <p>Finding the change's idempotency key may read its issue property from Jira; a delivery that
 * fails for a passing reason is forgotten, so Jira's retry is processed again.
 */
public final class JiraWebhooks {
  private static final Logger LOG = LoggerFactory.getLogger(JiraWebhooks.class);
  private static final String SIGNATURE = "X-Hub-Signature";
  private static final String DELIVERY = "X-Atlassian-Webhook-Identifier";
  private final WebhookSignature signature;
  private final DeliveryIds ledger;
  private final JiraSettings settings;
  private final KeyIndex index;
  private final KeyLookup lookup;

  JiraWebhooks(WebhookSignature signature, DeliveryIds ledger, JiraSettings settings, KeyIndex index,
      KeyLookup lookup) {
    this.signature = signature;
    this.ledger = ledger;
    this.settings = settings;
    this.index = index;
    this.lookup = lookup;
  }

  /**
   * Forgets delivery {@code deliveryId}, handled but not kept by the caller (its store was down),
   * so that Jira's retry of it is taken in rather than answered as a duplicate.
   */
  public Either<CoexistError, Done> forget(String deliveryId) {
    return ledger.release(deliveryId);
  }

  /**
   * Handles one delivery: {@code headers} as received (names in any case), {@code body} the raw
   * bytes exactly as received. A bad signature is {@code Unauthorized}, a malformed payload
   * {@code InvalidInput}; neither is remembered as delivered.
   */
  public Either<CoexistError, JiraEvent> handle(Map<String, String> headers, byte[] body) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    Either<CoexistError, ?> verified = signature.verify(body, Optional.ofNullable(h.get(SIGNATURE)));
    if (verified.isLeft()) {
      LOG.warn("jira webhook refused: {}", verified.getLeft().message());
      return Either.left(verified.getLeft());
    }
    String delivery = h.get(DELIVERY);
    if (delivery == null || delivery.isBlank()) {
      return Either.left(CoexistError.invalid("the delivery has no " + DELIVERY + " header"));
    }
    Optional<CoexistError> tooLong = DeliveryIds.refuseTooLong(DELIVERY, delivery);
    if (tooLong.isPresent()) {
      return Either.left(tooLong.get());
    }
    Either<CoexistError, JsonNode> payload = Json.parse(body, "jira webhook payload");
    if (payload.isLeft()) {
      return Either.left(payload.getLeft());
    }
    Either<CoexistError, Boolean> first = ledger.claim(delivery);
    if (first.isLeft()) {
      LOG.warn("jira webhook {} not taken in: its id could not be recorded: {}", delivery, first.getLeft().message());
      return Either.left(first.getLeft());
    }
    if (!first.get()) {
      LOG.debug("jira webhook {} is a duplicate", delivery);
      return Either.right(new JiraEvent.Duplicate(delivery));
    }
    Either<CoexistError, JiraEvent> event = interpret(delivery, payload.get());
    if (event.isLeft() && event.getLeft().isTransient()) {
      // Jira retries failed deliveries; let the retry in
      ledger.release(delivery).peekLeft(error -> LOG.warn("jira webhook {} could not be forgotten: {}", delivery,
          error.message()));
    }
    if (event.isRight() && event.get() instanceof JiraEvent.Ignored ignored) {
      LOG.info("jira webhook {} ignored: {}", delivery, ignored.reason());
    }
    return event;
  }

  private Either<CoexistError, JiraEvent> interpret(String delivery, JsonNode payload) {
    if (!payload.path("webhookEvent").isTextual()) {
      return Either.left(CoexistError.invalid("the jira webhook payload has no webhookEvent"));
    }
    String kind = payload.path("webhookEvent").asText();
    if (!kind.equals("jira:issue_updated")) {
      return Either.right(new JiraEvent.Ignored(delivery, "event " + kind + " does not move changes"));
    }
    JsonNode issue = payload.path("issue");
    if (!issue.path("id").isTextual() || !issue.path("key").isTextual()) {
      return Either.left(CoexistError.invalid("the jira webhook payload has no issue id and key"));
    }
    ExternalKey key = new ExternalKey("jira", issue.path("id").asText(), issue.path("key").asText());
    boolean ours = false;
    for (JsonNode label : issue.path("fields").path("labels")) {
      ours |= label.asText("").equals(settings.label);
    }
    if (!ours) {
      return Either.right(new JiraEvent.Ignored(delivery, key.display() + " is not a coexist change"));
    }
    Optional<JsonNode> move = Optional.empty();
    for (JsonNode item : payload.path("changelog").path("items")) {
      if ("status".equals(item.path("fieldId").asText(item.path("field").asText("")))
          || "status".equals(item.path("field").asText(""))) {
        move = Optional.of(item);
      }
    }
    if (move.isEmpty()) {
      return Either.right(new JiraEvent.Ignored(delivery, key.display() + " changed, but not its status"));
    }
    String from = move.get().path("fromString").asText("");
    if (!move.get().path("toString").isTextual()) {
      return Either.left(CoexistError.invalid("the status change of " + key.display() + " names no new status"));
    }
    String to = move.get().path("toString").asText();
    Optional<ChangeState> state = settings.statuses.state(to);
    if (state.isEmpty()) {
      return Either.left(CoexistError.invalid(key.display() + " moved to Jira status '" + to
          + "', which stands for no coexist state; map it with coexist.jira.status.<state>"));
    }
    Optional<Decision.Outcome> verdict = verdict(from, to, state.get());
    Actor actor = payload.path("user").path("accountId").isTextual()
        ? Actor.person(payload.path("user").path("accountId").asText())
        : Actor.system("jira");
    return idempotencyKey(key).map(k -> k.<JiraEvent>map(found -> new JiraEvent.ChangeMoved(delivery, key, found,
            from, to, state.get(), verdict, actor))
        .orElseGet(() -> new JiraEvent.Ignored(delivery, key.display() + " carries the " + settings.label
            + " label but no " + settings.property + " property")));
  }

  private Optional<Decision.Outcome> verdict(String from, String to, ChangeState state) {
    if (to.equalsIgnoreCase(settings.statuses.declined)) {
      return Optional.of(Decision.Outcome.REJECTED);
    }
    boolean leftApproval = settings.statuses.state(from).filter(s -> s == ChangeState.AUTHORIZE).isPresent();
    if (leftApproval && state.compareTo(ChangeState.AUTHORIZE) > 0 && state != ChangeState.CANCELED) {
      return Optional.of(Decision.Outcome.APPROVED);
    }
    return Optional.empty();
  }

  private Either<CoexistError, Optional<IdempotencyKey>> idempotencyKey(ExternalKey issue) {
    Optional<IdempotencyKey> known = index.key(issue.id());
    if (known.isPresent()) {
      return Either.right(known);
    }
    Either<CoexistError, Optional<IdempotencyKey>> read = lookup.propertyKey(issue);
    read.forEach(k -> k.ifPresent(found -> index.remember(found, issue)));
    return read;
  }

  @Override
  public String toString() {
    return "JiraWebhooks[" + signature + "]";
  }
}
