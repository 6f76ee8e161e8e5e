package io.github.coexist.core.service;

/**
 * How critical a service is to the business, as CMDBs grade it ({@code busines_criticality} in
 * ServiceNow: "1 - most critical" to "4 - not critical").
 */
public enum Tier {
  /** Business-critical: an outage stops the business. */
  TIER_1,
  /** Important: an outage hurts many users. */
  TIER_2,
  /** Supporting: an outage is a nuisance. */
  TIER_3,
  /** Not critical: internal tooling, experiments. */
  TIER_4;

  /** 1 for the most critical tier, 4 for the least. */
  public int rank() {
    return ordinal() + 1;
  }
}
