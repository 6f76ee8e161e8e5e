package io.github.coexist.core.store;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.signal.Signal;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;

/**
 * Port: the signals accepted from outside, kept before they are acknowledged. A webhook or an
 * API write answered 2xx is in here; the lease holder processes the entries in sequence and
 * marks each done in the same {@link Batch} as the state it produced ({@link Batch#inboxDone()}).
 * An entry is kept once per delivery key, so a delivery sent twice is processed once. An entry
 * that cannot be processed is set aside as a dead letter instead of blocking the others.
 */
public interface Inbox {

  /**
   * Keeps {@code signal}, received at {@code receivedAt}, under {@code deliveryKey} (the
   * source's delivery id, prefixed by the source: {@code "github:72d3162e-..."}). Answers the new
   * entry, or {@link Receipt.Duplicate} when the key was kept before (done or not). Durable
   * when it returns.
   */
  Either<CoexistError, Receipt> record(String deliveryKey, Signal signal, Instant receivedAt);

  /**
   * The entries not yet done nor set aside, lowest sequence first, at most {@code limit} of them.
   * An entry whose signal cannot be read back (a row written by a newer version, or corrupted) is
   * {@linkplain #setAside set aside} with the reason, logged once, and not returned: it never
   * blocks the entries behind it.
   */
  Either<CoexistError, Seq<InboxEntry>> pending(int limit);

  /**
   * Sets entry {@code sequence} aside as a dead letter: it stays kept (its delivery key still a
   * duplicate) with {@code reason}, is never pending again, and counts in {@link #deadLetters()},
   * so an operator can find it. For a signal whose processing trips a bug. An unknown entry, or one
   * done or set aside before, stays as it is. A reason longer than {@value #REASON_LENGTH} chars is
   * cut.
   */
  Either<CoexistError, Done> setAside(long sequence, String reason);

  /** How many entries were set aside as dead letters. */
  Either<CoexistError, Long> deadLetters();

  /** The longest reason {@link #setAside} keeps. */
  int REASON_LENGTH = 1_000;

  /** {@code reason}, cut to {@link #REASON_LENGTH}, never blank. */
  static String reason(String reason) {
    String kept = reason.isBlank() ? "set aside" : reason;
    return kept.length() <= REASON_LENGTH ? kept : kept.substring(0, REASON_LENGTH);
  }

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
