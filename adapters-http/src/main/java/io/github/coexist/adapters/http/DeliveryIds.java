package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;

/**
 * Port: the webhook delivery ids already taken in ({@code X-GitHub-Delivery}, {@code
 * X-Atlassian-Webhook-Identifier}), so a redelivery is acknowledged without being processed twice.
 * {@link DeliveryLedger} keeps them in memory; a durable store keeps them across restarts and
 * shares them between instances. Implementations are thread-safe.
 */
public interface DeliveryIds {
  /**
   * The longest delivery id a webhook may carry (GitHub's are 36-character GUIDs). A longer one is
   * refused, never cut: two ids cut to one prefix would be taken for the same delivery.
   */
  int MAX_LENGTH = 128;

  /**
   * Why the delivery id in {@code header} cannot be taken whole, if it cannot: an {@link
   * CoexistError.InvalidInput} naming the header, the limit and the id's length, quoting none of it.
   */
  static java.util.Optional<CoexistError> refuseTooLong(String header, String id) {
    if (id.length() <= MAX_LENGTH) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(CoexistError.invalid(header + " is at most " + MAX_LENGTH
        + " characters, this one has " + id.length() + ": refused rather than cut, so that two ids never collide"));
  }

  /**
   * Remembers {@code id} atomically: right(true) for the one caller that takes it first (two
   * concurrent callers never both get true), right(false) for every repeat while it is
   * remembered. An id the implementation cannot keep whole (too long, blank) is refused with
   * {@link CoexistError.InvalidInput}, never shortened.
   */
  Either<CoexistError, Boolean> claim(String id);

  /** Forgets {@code id}, so a delivery whose processing failed is processed when redelivered. */
  Either<CoexistError, Done> release(String id);
}
