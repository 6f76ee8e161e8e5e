package io.github.coexist.core.store;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.signal.Signal;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;

/**
 * Port: the signals accepted from outside, kept before they are acknowledged. A webhook or an
 * API write answered 2xx is in here; the lease holder processes the entries in sequence and
 * marks each done in the same {@link Batch} as the state it produced ({@link Batch#inboxDone()}).
 * An entry is kept once per delivery key, so a delivery sent twice is processed once.
 */
public interface Inbox {

  /**
   * Keeps {@code signal}, received at {@code receivedAt}, under {@code deliveryKey} (the
   * source's delivery id, prefixed by the source: {@code "github:72d3162e-..."}). Answers the new
   * entry, or {@link Receipt.Duplicate} when the key was kept before (done or not). Durable
   * when it returns.
   */
  Either<CoexistError, Receipt> record(String deliveryKey, Signal signal, Instant receivedAt);

  /** The entries not yet done, lowest sequence first, at most {@code limit} of them. */
  Either<CoexistError, Seq<InboxEntry>> pending(int limit);

  /** How many entries are not yet done. */
  Either<CoexistError, Long> backlog();

  /** What {@link #record} answers. */
  sealed interface Receipt {
    /** Kept as a new entry. */
    record Recorded(InboxEntry entry) implements Receipt {}

    /** The key was kept before: the signal is not kept again. */
    record Duplicate(String deliveryKey) implements Receipt {}
  }
}
