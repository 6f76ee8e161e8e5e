package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a new change request is placed: its configuration item and assignment group when the
 * instance knows them, the configured default group when the owner has none, and neither
 * otherwise. Neither {@code cmdb_ci} nor {@code assignment_group} is mandatory on {@code
 * change_request} in a standard instance, so a change is always recorded (someone can approve a
 * record that exists; nobody can approve one that was refused) and its work notes say what is
 * missing. Each missing name is logged once, not once per change. Thread-safe.
 */
final class ChangePlacement {
  private static final Logger LOG = LoggerFactory.getLogger(ChangePlacement.class);
  private final References references;
  private final TableSchema services;
  private final Optional<String> defaultGroup;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  /** A placement on {@code services}, falling back to {@code defaultGroup} ({@code change.default-group}). */
  ChangePlacement(References references, TableSchema services, Optional<String> defaultGroup) {
    this.references = references;
    this.services = services;
    this.defaultGroup = defaultGroup;
  }

  /** Sets {@code cmdb_ci}, {@code assignment_group} and {@code work_notes} of {@code body} for {@code change}. */
  Either<CoexistError, ObjectNode> place(Change change, ObjectNode body) {
    String service = change.service().value();
    String owner = change.assignmentGroup().value();
    return references.sysIdOf(services, service).flatMap(ci -> group(owner).map(group -> {
      List<String> notes = new ArrayList<>();
      ci.ifPresentOrElse(id -> body.put("cmdb_ci", id), () -> notes.add(missing("configuration item",
          "'" + service + "' is not in " + services.name() + ", so no configuration item is set")));
      group.id().ifPresent(id -> body.put("assignment_group", id));
      group.note().ifPresent(notes::add);
      if (!notes.isEmpty()) {
        body.put("work_notes", "coexist: " + String.join("; ", notes) + ".");
      }
      return body;
    }));
  }

  /** A group's sys_id when there is one to set, and the note to write when the owner's was not found. */
  private record Group(Optional<String> id, Optional<String> note) {}

  private Either<CoexistError, Group> group(String owner) {
    return references.sysIdOf(TableSchema.SYS_USER_GROUP, owner).flatMap(found -> {
      if (found.isPresent()) {
        return Either.right(new Group(found, Optional.empty()));
      }
      String lost = "the owning group '" + owner + "' is not in sys_user_group";
      if (defaultGroup.isEmpty() || defaultGroup.get().equals(owner)) {
        return Either.right(new Group(Optional.empty(),
            Optional.of(missing("group", lost + ", so no assignment group is set"))));
      }
      return references.sysIdOf(TableSchema.SYS_USER_GROUP, defaultGroup.get()).map(fallback -> fallback.isPresent()
          ? new Group(fallback, Optional.of(missing("group", lost + ", so it is assigned to the default group '"
              + defaultGroup.get() + "' (change.default-group)")))
          : new Group(Optional.empty(), Optional.of(missing("group", lost + ", nor is the default group '"
              + defaultGroup.get() + "' (change.default-group), so no assignment group is set"))));
    });
  }

  private String missing(String kind, String note) {
    if (logged.add(kind + "\u0000" + note)) {
      LOG.warn("ServiceNow: {}; changes are recorded all the same (logged once)", note);
    }
    return note;
  }
}
