package io.github.coexist.adapters.github;

import io.github.coexist.core.error.CoexistError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one webhook delivery. Every delivery ends in exactly one of these; none throws.
 * {@link #httpStatus()} is the status to answer GitHub with (2xx for everything GitHub should not
 * report as a failed delivery).
 */
public sealed interface WebhookResult {

  /** The HTTP status to answer the delivery with. */
  int httpStatus();

  /**
   * The delivery was used: {@code observations} is what it told coexist, for the embedding
   * application to hand to core (gate requests first).
   *
   * @param event the {@code X-GitHub-Event}
   * @param deliveryId the {@code X-GitHub-Delivery}
   * @param observations what the delivery produced, at least one
   */
  record Accepted(String event, String deliveryId, List<Observation> observations) implements WebhookResult {
    public Accepted {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(deliveryId, "deliveryId");
      observations = List.copyOf(observations);
    }

    @Override
    public int httpStatus() {
      return 202;
    }
  }

  /**
   * The delivery was valid but coexist has no use for it (another event, another action, an
   * environment or state it does not track, a late duplicate of a known fact).
   *
   * @param event the {@code X-GitHub-Event}
   * @param deliveryId the {@code X-GitHub-Delivery}
   * @param reason why, in words
   */
  record Ignored(String event, String deliveryId, String reason) implements WebhookResult {
    public Ignored {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int httpStatus() {
      return 200;
    }
  }

  /**
   * A delivery id already processed: a redelivery, acknowledged and not processed again.
   *
   * @param event the {@code X-GitHub-Event}
   * @param deliveryId the {@code X-GitHub-Delivery} seen before
   */
  record Duplicate(String event, String deliveryId) implements WebhookResult {
    public Duplicate {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(deliveryId, "deliveryId");
    }

    @Override
    public int httpStatus() {
      return 200;
    }
  }

  /**
   * GitHub's {@code ping}, sent when a webhook is created.
   *
   * @param deliveryId the {@code X-GitHub-Delivery}
   * @param hookId the webhook's id, when the ping names it
   * @param zen GitHub's zen sentence (empty when absent)
   */
  record Ping(String deliveryId, Optional<Long> hookId, String zen) implements WebhookResult {
    public Ping {
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(hookId, "hookId");
      Objects.requireNonNull(zen, "zen");
    }

    @Override
    public int httpStatus() {
      return 200;
    }
  }

  /**
   * The delivery was refused: {@code Unauthorized} for a missing or wrong signature (401), {@code
   * InvalidInput} for a malformed delivery (400), {@code Forbidden} for a callback URL outside the
   * configured API host (403), {@code Unavailable} when the delivery could not be taken in now,
   * such as its id not being recorded (503: deliver it again), anything else 500.
   *
   * @param event the {@code X-GitHub-Event}, when the delivery named one
   * @param deliveryId the {@code X-GitHub-Delivery}, when the delivery named one
   * @param error why
   */
  record Rejected(Optional<String> event, Optional<String> deliveryId, CoexistError error) implements WebhookResult {
    public Rejected {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(error, "error");
    }

    @Override
    public int httpStatus() {
      if (error instanceof CoexistError.Unauthorized) {
        return 401;
      }
      if (error instanceof CoexistError.InvalidInput) {
        return 400;
      }
      if (error instanceof CoexistError.Forbidden) {
        return 403;
      }
      if (error instanceof CoexistError.Unavailable) {
        return 503;
      }
      return 500;
    }
  }
}
