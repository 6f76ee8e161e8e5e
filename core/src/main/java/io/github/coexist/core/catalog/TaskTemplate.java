package io.github.coexist.core.catalog;

import io.github.coexist.core.service.TeamId;
import java.util.Objects;

/**
 * A fulfilment task a catalog item creates for each approved request, such as "create the
 * database user" for the database team.
 *
 * @param name what is to be done; unique within the item
 * @param team who does it
 */
public record TaskTemplate(String name, TeamId team) {
  public TaskTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(team, "team");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a task needs a name");
    }
  }
}
