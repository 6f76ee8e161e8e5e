package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers webhook delivery ids ({@code X-GitHub-Delivery}, {@code X-Atlassian-Webhook-Identifier})
 * so a redelivery is acknowledged without being processed twice. Bounded in size and age; the
 * oldest ids are forgotten first. Thread-safe. The in-memory {@link DeliveryIds}: forgets everything
 * on a restart.
 */
public final class DeliveryLedger implements DeliveryIds {
  private final int capacity;
  private final Duration retention;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  /** Remembers up to {@code capacity} ids, each for {@code retention}. */
  public DeliveryLedger(int capacity, Duration retention, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A ledger of 100,000 ids kept for 3 days, GitHub's redelivery horizon. */
  public static DeliveryLedger standard(Clock clock) {
    return new DeliveryLedger(100_000, Duration.ofDays(3), clock);
  }

  /** Records {@code id}; true the first time it is seen, false for a repeat. */
  public synchronized boolean firstDelivery(String id) {
    Instant now = clock.instant();
    evict(now);
    if (seen.containsKey(id)) {
      return false;
    }
    seen.put(id, now);
    return true;
  }

  /** Forgets {@code id}, so a delivery whose processing failed can be retried by redelivery. */
  public synchronized void forget(String id) {
    seen.remove(id);
  }

  @Override
  public Either<CoexistError, Boolean> claim(String id) {
    return Either.right(firstDelivery(id));
  }

  @Override
  public Either<CoexistError, Done> release(String id) {
    forget(id);
    return Either.right(Done.DONE);
  }

  private void evict(Instant now) {
    Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<String, Instant> entry = oldest.next();
      if (seen.size() >= capacity || entry.getValue().plus(retention).isBefore(now)) {
        oldest.remove();
      } else {
        break;
      }
    }
  }
}
