package io.github.coexist.core.change;

import java.util.Optional;

/** How a closed change ended, as ServiceNow's {@code close_code} records it. */
public enum CloseCode {
  /** Implemented as planned. */
  SUCCESSFUL,
  /** Implemented, with problems worth recording. */
  SUCCESSFUL_WITH_ISSUES,
  /** Failed or rolled back; counts towards change failure rate. */
  UNSUCCESSFUL;

  /**
   * The value whose lower-case name is {@code label}, such as {@code successful_with_issues}; empty for
   * null or another word.
   */
  public static Optional<CloseCode> fromLabel(String label) {
    return Labels.fromLabel(values(), label);
  }
}
