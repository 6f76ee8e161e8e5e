package io.github.coexist.core.change;

import java.util.Optional;

/** The ITIL 4 change types, as ServiceNow and Jira Service Management model them. */
public enum ChangeType {
  /** Low risk, pre-authorised, follows a documented template: skips Assess and Authorize. */
  STANDARD,
  /** Assessed and authorised by the change authority its risk calls for. */
  NORMAL,
  /** Must be done now to restore service: expedited authority, reviewed afterwards. */
  EMERGENCY;

  /**
   * The value whose lower-case name is {@code label}, such as {@code emergency}; empty for
   * null or another word.
   */
  public static Optional<ChangeType> fromLabel(String label) {
    return Labels.fromLabel(values(), label);
  }
}
