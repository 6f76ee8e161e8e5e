package io.github.coexist.core.postmortem;

import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A postmortem its authors published: the blameless draft as it stood, who published it and when,
 * and the action items they committed to, each followed up until done.
 *
 * @param postmortem the blameless draft, as published
 * @param publishedBy who published it
 * @param publishedAt when
 * @param actions its action items, in the order given
 */
public record PublishedPostmortem(Postmortem postmortem, Actor publishedBy, Instant publishedAt,
    List<TrackedAction> actions) {
  public PublishedPostmortem {
    Objects.requireNonNull(postmortem, "postmortem");
    Objects.requireNonNull(publishedBy, "publishedBy");
    Objects.requireNonNull(publishedAt, "publishedAt");
    actions = List.copyOf(actions);
  }

  /** The incident it is about. */
  public IncidentId incident() {
    return postmortem.incident();
  }

  /** This postmortem with {@code action} in place of the action item of the same id. */
  public PublishedPostmortem with(TrackedAction action) {
    List<TrackedAction> next = new ArrayList<>(actions);
    next.replaceAll(a -> a.id().equals(action.id()) ? action : a);
    return new PublishedPostmortem(postmortem, publishedBy, publishedAt, next);
  }
}
