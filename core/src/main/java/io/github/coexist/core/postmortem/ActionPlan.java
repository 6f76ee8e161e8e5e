package io.github.coexist.core.postmortem;

import io.github.coexist.core.service.TeamId;
import java.time.Instant;
import java.util.Objects;

/**
 * An action item as the postmortem's authors commit to it: what, what sort, which team owns it
 * and by when. {@link PostmortemBook#publish} checks it and tracks it as a {@link TrackedAction}.
 *
 * @param title what to do, phrased about systems and processes (1 to 200 characters)
 * @param kind what sort of work it is
 * @param owner the team that owns it
 * @param due when it is due: after the postmortem is published
 */
public record ActionPlan(String title, ActionItem.Kind kind, TeamId owner, Instant due) {
  /** The longest title. */
  public static final int MAX_TITLE = 200;

  public ActionPlan {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(due, "due");
  }
}
