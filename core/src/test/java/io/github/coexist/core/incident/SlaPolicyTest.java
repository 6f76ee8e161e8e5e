package io.github.coexist.core.incident;

import static io.github.coexist.core.incident.Fixtures.BOB;
import static io.github.coexist.core.incident.Fixtures.report;
import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlaPolicyTest {
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final IncidentDesk desk = Fixtures.desk(clock).build();

  @Test
  @DisplayName("a P1 nobody answers breaches its response target after 15 minutes, not before")
  void responseBreach() {
    IncidentId id = right(desk.open(report("shop", 1, 1))).id();
    clock.advance(Duration.ofMinutes(15));
    SlaStatus atTarget = right(desk.sla(id));
    assertThat(atTarget.response().breached()).isFalse();
    assertThat(atTarget.response().remaining()).isZero();
    assertThat(atTarget.response().phase()).isEqualTo(SlaClock.Phase.RUNNING);
    clock.advance(Duration.ofSeconds(1));
    SlaStatus after = right(desk.sla(id));
    assertThat(after.response().breached()).isTrue();
    assertThat(after.response().dueAt()).isEmpty();
    assertThat(after.resolution().remaining()).isEqualTo(Duration.ofHours(4).minusMinutes(15).minusSeconds(1));
    assertThat(after.resolution().dueAt()).contains(clock.instant().plus(after.resolution().remaining()));
  }

  @Test
  @DisplayName("time on hold pauses the resolution clock and is reported as paused")
  void holdPauses() {
    IncidentId id = right(desk.open(report("shop", 1, 1))).id();
    clock.advance(Duration.ofMinutes(10));
    right(desk.acknowledge(id, BOB));
    clock.advance(Duration.ofMinutes(50));
    right(desk.hold(id, "vendor", BOB));
    clock.advance(Duration.ofHours(5));
    SlaStatus held = right(desk.sla(id));
    assertThat(held.resolution().phase()).isEqualTo(SlaClock.Phase.PAUSED);
    assertThat(held.resolution().elapsed()).isEqualTo(Duration.ofHours(1));
    assertThat(held.resolution().paused()).isEqualTo(Duration.ofHours(5));
    assertThat(held.resolution().breached()).isFalse();
    assertThat(held.resolution().dueAt()).isEmpty();
    assertThat(held.response().phase()).isEqualTo(SlaClock.Phase.STOPPED);
    assertThat(held.response().elapsed()).isEqualTo(Duration.ofMinutes(10));
    right(desk.resume(id, BOB));
    clock.advance(Duration.ofHours(3).plusSeconds(1));
    assertThat(right(desk.sla(id)).resolution().breached()).isTrue();
  }

  @Test
  @DisplayName("time while resolved does not count, and a reopened incident carries on where it stopped")
  void reopenCarriesOn() {
    IncidentId id = right(desk.open(report("shop", 1, 1))).id();
    right(desk.acknowledge(id, BOB));
    clock.advance(Duration.ofHours(1));
    right(desk.resolve(id, "restarted", BOB));
    clock.advance(Duration.ofDays(2));
    SlaStatus resolved = right(desk.sla(id));
    assertThat(resolved.resolution().phase()).isEqualTo(SlaClock.Phase.STOPPED);
    assertThat(resolved.resolution().elapsed()).isEqualTo(Duration.ofHours(1));
    right(desk.reopen(id, "back", BOB));
    clock.advance(Duration.ofMinutes(30));
    assertThat(right(desk.sla(id)).resolution().elapsed()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  @DisplayName("a new priority brings its own targets")
  void priorityChange() {
    IncidentId id = right(desk.open(report("shop", 3, 3))).id();
    clock.advance(Duration.ofHours(5));
    assertThat(right(desk.sla(id)).resolution().breached()).isFalse();
    right(desk.reprioritize(id, Impact.HIGH, Urgency.HIGH, BOB));
    assertThat(right(desk.sla(id)).resolution().target()).isEqualTo(Duration.ofHours(4));
    assertThat(right(desk.sla(id)).resolution().breached()).isTrue();
  }

  @Test
  @DisplayName("a policy must give every priority a target, and lists each one missing")
  void incompletePolicy() {
    Map<Priority, SlaTarget> targets = new EnumMap<>(Priority.class);
    targets.put(Priority.CRITICAL, new SlaTarget(Duration.ofMinutes(5), Duration.ofHours(1)));
    CoexistError error = SlaPolicy.of(targets).getLeft();
    assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, invalid ->
        assertThat(invalid.problems()).containsExactly("P2 High has no SLA target", "P3 Moderate has no SLA target",
            "P4 Low has no SLA target", "P5 Planning has no SLA target"));
  }
}
