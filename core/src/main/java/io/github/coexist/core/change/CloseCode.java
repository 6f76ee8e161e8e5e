package io.github.coexist.core.change;

/** How a closed change ended, as ServiceNow's {@code close_code} records it. */
public enum CloseCode {
  /** Implemented as planned. */
  SUCCESSFUL,
  /** Implemented, with problems worth recording. */
  SUCCESSFUL_WITH_ISSUES,
  /** Failed or rolled back; counts towards change failure rate. */
  UNSUCCESSFUL
}
