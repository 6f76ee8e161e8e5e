package io.github.coexist.core.problem;

/** How a problem was closed, as ServiceNow's {@code resolution_code} records it. */
public enum Resolution {
  /** A fix was applied and held. Only a resolved problem closes this way. */
  FIX_APPLIED,
  /** The cause is known and living with it was judged cheaper than fixing it. */
  RISK_ACCEPTED,
  /** Another problem covers it. */
  DUPLICATE,
  /** Not a problem after all. */
  CANCELED
}
