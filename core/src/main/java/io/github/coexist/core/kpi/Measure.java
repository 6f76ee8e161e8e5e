package io.github.coexist.core.kpi;

/** The point series the engine keeps per scope; each says what its time and its value are. */
enum Measure {
  /** Successful production deployments at their finish; value 1 when a hotfix, else 0. */
  DEPLOYMENTS,
  /** Commits at the finish of their first successful production deployment; value the lead time. */
  LEAD_TIME,
  /** Successful production deployments with an incident attributed, at their finish; value 1. */
  FAILED_DEPLOYMENTS,
  /** Failed production deployments at their finish; value 1: failed changes the change failure rate counts too. */
  FAILED_ATTEMPTS,
  /** Attributed incidents at their resolution; value resolution minus the deployment's finish. */
  RECOVERY,
  /** Acknowledged incidents at their opening; value the time to acknowledge. */
  ACKNOWLEDGE,
  /** Resolved incidents at their resolution; value the time to restore. */
  RESTORE,
  /** Resolved incidents with a known SLA outcome at their resolution; value 1 when met. */
  SLA_MET,
  /** Resolved incidents at their resolution; value 1 when reopened at least once. */
  REOPENED,
  /** Changes at their creation; value 1 when an emergency change. */
  EMERGENCY_CHANGES,
  /** Changes at their creation; value 1 when approved automatically. */
  AUTO_APPROVED_CHANGES,
  /** Closed changes at their closing; value 1 when closed successful. */
  SUCCESSFUL_CHANGES,
  /** Satisfaction answers at their time; value the rating. */
  RATINGS,
  /** Satisfaction answers at their time; value 1 when rated 4 or 5. */
  SATISFIED
}
