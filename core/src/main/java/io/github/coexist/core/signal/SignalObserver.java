package io.github.coexist.core.signal;

/**
 * Hears every signal coexist takes in and what became of it at the door: kept in the inbox
 * ({@code Coexist.receive}), recognised as a duplicate, accepted or refused ({@code
 * Coexist.accept}). For metrics and audits of intake; it sees no payload. Called on the caller's
 * thread after the intake is decided, outside core's locks; it must be quick. One that throws is
 * logged and ignored.
 */
@FunctionalInterface
public interface SignalObserver {

  /** What became of a signal at the door. */
  enum Result {
    /** Kept in the inbox, to be processed by the lease holder. */
    KEPT,
    /** Kept before under the same delivery key; not kept again. */
    DUPLICATE,
    /** Processed at once ({@code accept}). */
    ACCEPTED,
    /** Refused: invalid, or the store could not keep it. */
    REFUSED
  }

  /**
   * Called once per signal.
   *
   * @param source where it came from: the delivery key's prefix before the first {@code ':'}
   *     ({@code github}, {@code jira}, {@code alert}), or {@code direct} for {@code accept}
   * @param kind the signal's kind, its record's simple name ({@code GateRequested})
   * @param result what became of it
   */
  void observed(String source, String kind, Result result);

  /** An observer that ignores everything. */
  static SignalObserver noop() {
    return (source, kind, result) -> { };
  }
}
