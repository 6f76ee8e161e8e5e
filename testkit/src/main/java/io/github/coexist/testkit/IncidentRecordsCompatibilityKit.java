package io.github.coexist.testkit;

import static io.github.coexist.testkit.RecordsContract.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.incident.RecordedIncident;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncidentRecords} implementation promises, as tests: extend it and implement
 * {@link #records()}; override the hooks your tool needs. The in-memory store runs it first;
 * remote adapters run it against a local stand-in of their tool.
 *
 * <pre>{@code
 * class ServiceNowIncidentRecordsCompatibilityTest extends IncidentRecordsCompatibilityKit {
 *   protected IncidentRecords records() { return adapter.incidentRecords(); }
 *   protected Optional<ExternalKey> changeRecord() { return Optional.of(standIn.createChange()); }
 * }
 * }</pre>
 *
 * <p>The checks every kind of record shares come from {@link EnsureContract}, {@link ReadContract}
 * and {@link UpdateContract}; the groups here add what only incidents have. Every test uses fresh
 * incident ids ({@link #uniqueId}), so a tool that keeps records between tests does not disturb
 * them.
 */
@DisplayNameGeneration(ImplementerNames.class)
public abstract class IncidentRecordsCompatibilityKit {
  private IncidentRecords records;
  private Incidents kind;

  /** The implementation under test; called once before each test. */
  protected abstract IncidentRecords records();

  /**
   * The key of a change record the tool holds, for the caused-by tests; empty skips them. The
   * default is a key of this system's, which is enough for stores that do not check references.
   */
  protected Optional<ExternalKey> changeRecord() {
    return Optional.of(ExternalKey.of(records.system(), "kit-change"));
  }

  /** Whether the tool keeps a major-incident flag; false skips that test. True unless overridden. */
  protected boolean keepsMajorFlag() {
    return true;
  }

  /** An incident id no other test uses. */
  protected String uniqueId(String name) {
    return "kit-" + name + "-" + UUID.randomUUID();
  }

  /** A new incident for the tests; override to use a service your tool knows. */
  protected Incident incident(String id, Impact impact, Urgency urgency) {
    return SampleIncidents.incident(id, impact, urgency);
  }

  @BeforeEach
  void createRecords() {
    records = records();
    kind = new Incidents();
  }

  /** Incidents as the generic records contracts see them: new in New, one step is In Progress. */
  private final class Incidents implements RecordKind<Incident, RecordedIncident> {
    @Override
    public RecordsPort<Incident, RecordedIncident> port() {
      return new RecordsPort<>(records::system, records::ensure, records::find, records::update, records::read);
    }

    @Override
    public Incident fresh(String name) {
      return incident(uniqueId(name), Impact.MEDIUM, Urgency.MEDIUM);
    }

    @Override
    public IdempotencyKey idempotencyKey(Incident incident) {
      return incident.recordKey();
    }

    @Override
    public Incident nextStep(Incident incident, ExternalKey key) {
      return SampleIncidents.moved(keyed(incident, key), IncidentState.IN_PROGRESS);
    }

    @Override
    public ExternalKey key(RecordedIncident recorded) {
      return recorded.key();
    }

    @Override
    public Enum<?> state(RecordedIncident recorded) {
      return recorded.state();
    }

    @Override
    public Enum<?> firstState() {
      return IncidentState.NEW;
    }

    @Override
    public Enum<?> nextState() {
      return IncidentState.IN_PROGRESS;
    }
  }

  private ExternalKey ensure(Incident incident) {
    return succeeded(records.ensure(incident), "ensure");
  }

  private RecordedIncident update(ExternalKey key, Incident incident) {
    return succeeded(records.update(key, incident), "update");
  }

  private RecordedIncident read(ExternalKey key) {
    return succeeded(records.read(key), "read");
  }

  private static Incident keyed(Incident incident, ExternalKey key) {
    return Incident.builder().from(incident).externalKey(key).build();
  }

  @Nested
  class Ensure implements EnsureContract<Incident, RecordedIncident> {
    @Override
    public RecordKind<Incident, RecordedIncident> kind() {
      return kind;
    }

    @Test
    @DisplayName("creates a record with the incident's impact, urgency and priority, not major, caused by nothing")
    void createsWithPriority() {
      RecordedIncident recorded = read(ensure(incident(uniqueId("create"), Impact.HIGH, Urgency.MEDIUM)));
      assertThat(recorded.state()).isEqualTo(IncidentState.NEW);
      assertThat(recorded.impact()).isEqualTo(Impact.HIGH);
      assertThat(recorded.urgency()).isEqualTo(Urgency.MEDIUM);
      assertThat(recorded.priority()).isEqualTo(Priority.HIGH);
      assertThat(recorded.major()).isFalse();
      assertThat(recorded.causedBy()).isEmpty();
    }
  }

  @Nested
  class Update implements UpdateContract<Incident, RecordedIncident> {
    @Override
    public RecordKind<Incident, RecordedIncident> kind() {
      return kind;
    }

    @Test
    @DisplayName("follows the whole lifecycle, hold and reopen included, and reads back each state")
    void lifecycle() {
      Incident incident = incident(uniqueId("life"), Impact.MEDIUM, Urgency.MEDIUM);
      ExternalKey key = ensure(incident);
      incident = keyed(incident, key);
      for (IncidentState state : List.of(IncidentState.IN_PROGRESS, IncidentState.ON_HOLD, IncidentState.IN_PROGRESS,
          IncidentState.RESOLVED, IncidentState.IN_PROGRESS, IncidentState.RESOLVED, IncidentState.CLOSED)) {
        incident = SampleIncidents.moved(incident, state);
        assertThat(update(key, incident).state()).as("after moving to %s", state).isEqualTo(state);
        assertThat(read(key).state()).isEqualTo(state);
      }
    }

    @Test
    @DisplayName("brings a record that fell behind from New straight to Closed")
    void catchesUp() {
      Incident incident = incident(uniqueId("behind"), Impact.LOW, Urgency.MEDIUM);
      ExternalKey key = ensure(incident);
      Incident closed = SampleIncidents.moved(SampleIncidents.moved(SampleIncidents.moved(keyed(incident, key),
          IncidentState.IN_PROGRESS), IncidentState.RESOLVED), IncidentState.CLOSED);
      assertThat(update(key, closed).state()).isEqualTo(IncidentState.CLOSED);
    }

    @Test
    @DisplayName("brings a new record to Resolved, as an alert that clears does")
    void newToResolved() {
      Incident incident = incident(uniqueId("autoresolve"), Impact.HIGH, Urgency.HIGH);
      ExternalKey key = ensure(incident);
      assertThat(update(key, SampleIncidents.moved(keyed(incident, key), IncidentState.RESOLVED)).state())
          .isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    @DisplayName("cancels an open record")
    void cancels() {
      Incident incident = incident(uniqueId("cancel"), Impact.LOW, Urgency.LOW);
      ExternalKey key = ensure(incident);
      assertThat(update(key, SampleIncidents.moved(keyed(incident, key), IncidentState.CANCELED)).state())
          .isEqualTo(IncidentState.CANCELED);
    }

    @Test
    @DisplayName("changes impact, urgency and priority")
    void reprioritises() {
      Incident incident = incident(uniqueId("prio"), Impact.LOW, Urgency.LOW);
      ExternalKey key = ensure(incident);
      RecordedIncident recorded = update(key, SampleIncidents.reprioritised(keyed(incident, key), Impact.HIGH, Urgency.HIGH));
      assertThat(recorded.impact()).isEqualTo(Impact.HIGH);
      assertThat(recorded.urgency()).isEqualTo(Urgency.HIGH);
      assertThat(recorded.priority()).isEqualTo(Priority.CRITICAL);
      assertThat(read(key).priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    @DisplayName("sets the major-incident flag")
    void major() {
      assumeTrue(keepsMajorFlag(), "the tool keeps no major-incident flag");
      Incident incident = incident(uniqueId("major"), Impact.HIGH, Urgency.HIGH);
      ExternalKey key = ensure(incident);
      assertThat(update(key, SampleIncidents.major(SampleIncidents.moved(keyed(incident, key),
          IncidentState.IN_PROGRESS))).major()).isTrue();
      assertThat(read(key).major()).isTrue();
    }

    @Test
    @DisplayName("records the change that caused it")
    void causedBy() {
      Optional<ExternalKey> change = changeRecord();
      assumeTrue(change.isPresent(), "no change record to point at");
      Incident incident = incident(uniqueId("cause"), Impact.HIGH, Urgency.MEDIUM);
      ExternalKey key = ensure(incident);
      Incident caused = SampleIncidents.causedBy(SampleIncidents.moved(keyed(incident, key), IncidentState.IN_PROGRESS),
          "kit-change", change.get());
      assertThat(update(key, caused).causedBy()).contains(change.get());
      assertThat(read(key).causedBy()).contains(change.get());
    }
  }

  @Nested
  class Read implements ReadContract<Incident, RecordedIncident> {
    @Override
    public RecordKind<Incident, RecordedIncident> kind() {
      return kind;
    }
  }
}
