package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IncidentId;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each incident's record in the ITSM tool in step with coexist's latest snapshot. One
 * incident is synced by one thread at a time, always with the snapshot current at that moment, so
 * a slow update can never overwrite a newer one. An incident whose sync failed stays pending, with
 * its error, until a later sync succeeds; nothing is dropped.
 */
final class IncidentMirror {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentMirror.class);

  private final IncidentRecords records;
  private final Function<IncidentId, Optional<Incident>> latest;
  private final BiConsumer<IncidentId, ExternalKey> keyIssued;
  private final Map<IncidentId, Object> locks = new ConcurrentHashMap<>();
  private final Map<IncidentId, RecordedIncident> sent = new ConcurrentHashMap<>();
  private final Map<IncidentId, CoexistError> pending = new ConcurrentHashMap<>();

  IncidentMirror(IncidentRecords records, Function<IncidentId, Optional<Incident>> latest,
      BiConsumer<IncidentId, ExternalKey> keyIssued) {
    this.records = records;
    this.latest = latest;
    this.keyIssued = keyIssued;
  }

  /** Syncs one incident; the error, when there is one, also stays pending. */
  Optional<CoexistError> sync(IncidentId id) {
    synchronized (locks.computeIfAbsent(id, k -> new Object())) {
      Optional<Incident> current = latest.apply(id);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      Either<CoexistError, RecordedIncident> outcome = push(current.get());
      if (outcome.isLeft()) {
        pending.put(id, outcome.getLeft());
        LOG.warn("incident {} is not yet mirrored to {}: {}", id, records.system(), outcome.getLeft().message());
        return Optional.of(outcome.getLeft());
      }
      pending.remove(id);
      return Optional.empty();
    }
  }

  private Either<CoexistError, RecordedIncident> push(Incident incident) {
    Optional<ExternalKey> known = incident.externalKey();
    if (known.isEmpty()) {
      Either<CoexistError, ExternalKey> ensured = records.ensure(incident);
      if (ensured.isLeft()) {
        return Either.left(ensured.getLeft());
      }
      keyIssued.accept(incident.id(), ensured.get());
      sent.put(incident.id(), RecordedIncident.created(ensured.get(), incident));
      known = Optional.of(ensured.get());
    }
    RecordedIncident wanted = RecordedIncident.of(known.get(), incident);
    if (wanted.equals(sent.get(incident.id()))) {
      return Either.right(wanted);
    }
    return records.update(known.get(), incident).peek(done -> sent.put(incident.id(), wanted));
  }

  /** The incidents whose record is behind, with the last error of each. */
  Map<IncidentId, CoexistError> pending() {
    return Map.copyOf(pending);
  }
}
