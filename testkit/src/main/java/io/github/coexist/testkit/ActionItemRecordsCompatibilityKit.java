package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.postmortem.ActionItem;
import io.github.coexist.core.postmortem.ActionItemRecords;
import io.github.coexist.core.postmortem.TrackedAction;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ActionItemRecords} implementation promises, as tests: extend it and implement
 * {@link #records()}.
 */
@DisplayNameGeneration(ImplementerNames.class)
public abstract class ActionItemRecordsCompatibilityKit {
  private static final Instant DUE = Instant.parse("2025-03-18T10:00:00Z");
  private ActionItemRecords records;

  /** The implementation under test; called once before each test. */
  protected abstract ActionItemRecords records();

  @BeforeEach
  void createRecords() {
    records = records();
  }

  private static TrackedAction action(String name) {
    return new TrackedAction("INC-" + name + "-" + UUID.randomUUID() + "-A1", IncidentId.of("INC-" + name),
        ServiceId.of("shop"), "alert on the error budget burn rate", ActionItem.Kind.IMPROVEMENT, TeamId.of("platform"),
        DUE, TrackedAction.Status.OPEN, Optional.empty(), Optional.empty());
  }

  @Test
  @DisplayName("names its system, and issues keys of it")
  void namesItsSystem() {
    assertThat(records.system()).isNotBlank();
    assertThat(records.ensure(action("system")).get().system()).isEqualTo(records.system());
  }

  @Test
  @DisplayName("creates one ticket per action item: ensuring it again finds the same one")
  void ensureIsIdempotent() {
    TrackedAction action = action("again");
    ExternalKey first = records.ensure(action).get();
    assertThat(records.ensure(action).get()).isEqualTo(first);
    assertThat(records.ensure(action("other")).get()).isNotEqualTo(first);
  }

  @Test
  @DisplayName("creates one ticket per action item also when asked from several threads at once")
  void ensureConcurrently() throws Exception {
    TrackedAction action = action("race");
    assertThat(AtOnce.distinctResults(8, () -> records.ensure(action))).containsExactly(records.ensure(action).get());
  }

  @Test
  @DisplayName("takes a status, and the same status again, so a retry is safe")
  void update() {
    TrackedAction action = action("done");
    ExternalKey key = records.ensure(action).get();
    TrackedAction done = action.withTicket(key).finished(TrackedAction.Status.DONE, DUE.minusSeconds(3600));
    assertThat(records.update(key, done).get()).isEqualTo(Done.DONE);
    assertThat(records.update(key, done).get()).isEqualTo(Done.DONE);
  }
}
