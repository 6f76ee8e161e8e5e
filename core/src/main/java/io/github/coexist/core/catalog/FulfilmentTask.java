package io.github.coexist.core.catalog;

import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.service.TeamId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One task of a request's fulfilment, created from the item's {@link TaskTemplate}.
 *
 * @param name what is to be done
 * @param team who does it
 * @param doneBy who did it, once done
 * @param doneAt when, once done
 */
public record FulfilmentTask(String name, TeamId team, Optional<Actor> doneBy, Optional<Instant> doneAt) {
  public FulfilmentTask {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(doneBy, "doneBy");
    Objects.requireNonNull(doneAt, "doneAt");
    if (doneBy.isPresent() != doneAt.isPresent()) {
      throw new IllegalArgumentException("task " + name + ": a done task has both who and when");
    }
  }

  /** The open task for {@code template}. */
  static FulfilmentTask open(TaskTemplate template) {
    return new FulfilmentTask(template.name(), template.team(), Optional.empty(), Optional.empty());
  }

  /** Whether it is done. */
  public boolean isDone() {
    return doneAt.isPresent();
  }

  /** This task, done by {@code actor} at {@code at}. */
  FulfilmentTask done(Actor actor, Instant at) {
    return new FulfilmentTask(name, team, Optional.of(actor), Optional.of(at));
  }
}
