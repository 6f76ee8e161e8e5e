package io.github.coexist.core.delivery;

/** The outcome of one piece of pipeline evidence (tests, review, security scan). */
public enum EvidenceStatus {
  /** It ran and passed. */
  PASSED,
  /** It ran and failed. */
  FAILED,
  /** It did not run, or its result is not known yet. */
  MISSING
}
