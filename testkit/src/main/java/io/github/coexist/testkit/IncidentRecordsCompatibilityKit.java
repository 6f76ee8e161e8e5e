package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.coexist.core.error.CoexistError;
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
 * <p>Every test uses fresh incident ids ({@link #uniqueId}), so a tool that keeps records between
 * tests does not disturb them.
 */
public abstract class IncidentRecordsCompatibilityKit {
  private IncidentRecords records;

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
  }

  private ExternalKey ensure(Incident incident) {
    return records.ensure(incident).getOrElseThrow(e -> new AssertionError("ensure failed: " + e.message()));
  }

  private RecordedIncident update(ExternalKey key, Incident incident) {
    return records.update(key, incident).getOrElseThrow(e -> new AssertionError("update failed: " + e.message()));
  }

  private RecordedIncident read(ExternalKey key) {
    return records.read(key).getOrElseThrow(e -> new AssertionError("read failed: " + e.message()));
  }

  private static Incident keyed(Incident incident, ExternalKey key) {
    return Incident.builder().from(incident).externalKey(key).build();
  }

  @Test
  @DisplayName("names its system")
  void namesItsSystem() {
    assertThat(records.system()).isNotBlank();
  }

  @Nested
  @DisplayName("ensure")
  class Ensure {
    @Test
    @DisplayName("creates a record in state New with the incident's impact, urgency and priority")
    void creates() {
      ExternalKey key = ensure(incident(uniqueId("create"), Impact.HIGH, Urgency.MEDIUM));
      assertThat(key.system()).isEqualTo(records.system());
      assertThat(key.display()).isNotBlank();
      RecordedIncident recorded = read(key);
      assertThat(recorded.key()).isEqualTo(key);
      assertThat(recorded.state()).isEqualTo(IncidentState.NEW);
      assertThat(recorded.impact()).isEqualTo(Impact.HIGH);
      assertThat(recorded.urgency()).isEqualTo(Urgency.MEDIUM);
      assertThat(recorded.priority()).isEqualTo(Priority.HIGH);
      assertThat(recorded.major()).isFalse();
      assertThat(recorded.causedBy()).isEmpty();
    }

    @Test
    @DisplayName("twice for one incident returns the same key, and find returns it")
    void twiceSameKey() {
      Incident incident = incident(uniqueId("twice"), Impact.MEDIUM, Urgency.MEDIUM);
      ExternalKey key = ensure(incident);
      assertThat(ensure(incident)).isEqualTo(key);
      assertThat(records.find(incident.recordKey()).get()).contains(key);
    }

    @Test
    @DisplayName("for two incidents creates two records")
    void twoIncidents() {
      assertThat(ensure(incident(uniqueId("one"), Impact.LOW, Urgency.LOW)))
          .isNotEqualTo(ensure(incident(uniqueId("two"), Impact.LOW, Urgency.LOW)));
    }

    @Test
    @DisplayName("find of a key never used is empty")
    void findUnknown() {
      assertThat(records.find(IdempotencyKey.of("coexist:incident:" + uniqueId("never"))).get()).isEmpty();
    }

    @Test
    @DisplayName("called concurrently for one incident creates one record")
    void concurrent() throws Exception {
      Incident incident = incident(uniqueId("race"), Impact.MEDIUM, Urgency.HIGH);
      assertThat(AtOnce.distinctResults(8, () -> records.ensure(incident))).hasSize(1);
    }
  }

  @Nested
  @DisplayName("update")
  class Update {
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

    @Test
    @DisplayName("to what the record already holds succeeds and changes nothing")
    void idempotent() {
      Incident incident = incident(uniqueId("same"), Impact.MEDIUM, Urgency.LOW);
      ExternalKey key = ensure(incident);
      Incident acked = SampleIncidents.moved(keyed(incident, key), IncidentState.IN_PROGRESS);
      RecordedIncident first = update(key, acked);
      assertThat(update(key, acked)).isEqualTo(first);
      assertThat(read(key)).isEqualTo(first);
    }

    @Test
    @DisplayName("of a record that does not exist is not found")
    void unknown() {
      ExternalKey missing = ExternalKey.of(records.system(), uniqueId("missing"));
      Incident incident = incident(uniqueId("ghost"), Impact.LOW, Urgency.LOW);
      assertThat(records.update(missing, incident).getLeft()).isInstanceOf(CoexistError.NotFound.class);
    }
  }

  @Nested
  @DisplayName("read")
  class Read {
    @Test
    @DisplayName("of a record that does not exist is not found")
    void unknown() {
      assertThat(records.read(ExternalKey.of(records.system(), uniqueId("missing"))).getLeft())
          .isInstanceOf(CoexistError.NotFound.class);
    }
  }
}
