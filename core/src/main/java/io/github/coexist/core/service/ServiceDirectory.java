package io.github.coexist.core.service;

import io.github.coexist.core.error.CoexistError;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * Port: where coexist reads services, their owners and their dependencies (a CMDB).
 *
 * <p>Implemented in memory by {@link InMemoryServiceDirectory} (the embedded default) and against
 * ServiceNow's CMDB by the ServiceNow adapter. Every implementation passes
 * {@code ServiceDirectoryCompatibilityKit} from coexist-testkit. Implementations are thread-safe.
 */
public interface ServiceDirectory {

  /** The service with this id, or empty when the directory does not know it. */
  Either<CoexistError, Optional<Service>> find(ServiceId id);

  /** Every service the directory knows, in a stable order (by id). */
  Either<CoexistError, Seq<Service>> all();

  /** The dependency graph of every service, for blast radius and dependency suspects. */
  default Either<CoexistError, ServiceGraph> graph() {
    return all().map(ServiceGraph::of);
  }
}
