package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.internal.records.SnapshotRecords;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embedded default {@link IncidentRecords}: records held in memory under keys {@code
 * memory:INC0000001}, {@code memory:INC0000002}, ... Thread-safe.
 */
public final class InMemoryIncidentRecords implements IncidentRecords {
  /** The system name of keys this implementation issues. */
  public static final String SYSTEM = "memory";

  private final SnapshotRecords<Incident, RecordedIncident> records;
  /** Per record, its work notes in order, and the problem record each record was last linked to. */
  private final Map<ExternalKey, List<String>> workNotes = new ConcurrentHashMap<>();
  private final Map<ExternalKey, ExternalKey> linked = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryIncidentRecords() {
    records = new SnapshotRecords<>(SYSTEM, "INC", "incident record", Incident::recordKey, RecordedIncident::created,
        (key, incident) -> RecordedIncident.of(key, incident, true));
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Incident incident) {
    return records.ensure(incident);
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return records.find(key);
  }

  @Override
  public Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident) {
    return records.update(key, incident).peek(recorded -> recorded.problem().ifPresent(problem ->
        note(key, problem, incident.problem().orElseThrow())));
  }

  @Override
  public boolean linksProblems() {
    return true;
  }

  /** A work note when the record is linked to another problem, as a tool's work notes journal keeps it. */
  private void note(ExternalKey key, ExternalKey problem, ProblemLink link) {
    synchronized (linked) {
      if (!problem.equals(linked.put(key, problem))) {
        workNotes.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(link.note());
      }
    }
  }

  /**
   * The work notes of the record under {@code key}, oldest first: one each time the record was
   * linked to a problem (naming it, and the known error's workaround when it had one then).
   */
  public List<String> workNotes(ExternalKey key) {
    return List.copyOf(workNotes.getOrDefault(key, List.of()));
  }

  @Override
  public Either<CoexistError, RecordedIncident> read(ExternalKey key) {
    return records.read(key);
  }
}
