package io.github.coexist.core.incident;

import static io.github.coexist.core.incident.Fixtures.ALICE;
import static io.github.coexist.core.incident.Fixtures.alert;
import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.support.Latest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IncidentDeskRestoreTest {
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final ToolRecords tool = new ToolRecords();
  private final Latest<IncidentId, KeptIncident> kept = new Latest<>(k -> k.incident().id());

  private IncidentDesk.Builder desk() {
    return IncidentDesk.builder(clock, Fixtures.services()).records(tool);
  }

  private IncidentDesk restored() {
    IncidentDesk desk = desk().build();
    desk.restore(kept.shuffled(7));
    return desk;
  }

  private Instant tick(int minutes) {
    return clock.advance(Duration.ofMinutes(minutes));
  }

  @Test
  @DisplayName("an incident the tool did not take before the restart is created in the tool by the next resync")
  void pendingCreateIsRetriedAfterRestore() {
    tool.tool.down(true);
    Incident opened = right(desk().keeper(kept).build().open(Fixtures.report("shop", 2, 2)));
    assertThat(kept.byKey().get(opened.id()).unsynced()).contains(new CoexistError.Unavailable("the tool is down"));

    tool.tool.down(false);
    IncidentDesk after = restored();
    assertThat(after.unsynced()).containsOnlyKeys(opened.id());
    assertThat(tool.tool.records()).isEmpty();

    assertThat(after.resync()).isEmpty();
    Incident recorded = right(after.incident(opened.id()));
    assertThat(recorded.externalKey()).isPresent();
    assertThat(tool.tool.records()).containsOnlyKeys(recorded.externalKey().get());
  }

  @Test
  @DisplayName("the keeper sees a new incident pending until the tool holds it, then held, with the tool's key")
  void keeperSeesTheMirror() {
    List<KeptIncident> handed = new ArrayList<>();
    Incident opened = right(desk().keeper(handed::add).build().open(Fixtures.report("shop", 2, 2)));
    assertThat(handed).hasSizeGreaterThanOrEqualTo(2);
    assertThat(handed.get(0).unsynced()).isPresent();
    assertThat(handed.get(0).incident().externalKey()).isEmpty();
    KeptIncident last = handed.get(handed.size() - 1);
    assertThat(last.unsynced()).isEmpty();
    assertThat(last.incident()).isEqualTo(opened);
    assertThat(last.incident().externalKey()).isPresent();
  }

  @Test
  @DisplayName("a desk counting its own ids goes on above the highest number restored")
  void idsContinueAfterRestore() {
    IncidentDesk before = desk().keeper(kept).build();
    right(before.open(Fixtures.report("shop", 2, 2)));
    right(before.open(Fixtures.report("shop", 2, 2)));
    Incident next = right(restored().open(Fixtures.report("shop", 2, 2)));
    assertThat(next.id()).isEqualTo(IncidentId.of("INC-00000003"));
  }

  @Test
  @DisplayName("ids numbered by a sequence read INC- and the number, eight digits at least")
  void idsFromNumbers() {
    AtomicLong block = new AtomicLong(41);
    IncidentDesk desk = desk().numbers(block::incrementAndGet).build();
    assertThat(right(desk.open(Fixtures.report("shop", 2, 2))).id()).isEqualTo(IncidentId.of("INC-00000042"));
    block.set(123_456_788);
    assertThat(right(desk.open(Fixtures.report("shop", 2, 2))).id()).isEqualTo(IncidentId.of("INC-123456789"));
  }

  @Test
  @DisplayName("closing an old incident of an alert key does not take the key from the incident open for it now")
  void closingAnOldIncidentKeepsTheKeyWithTheOpenOne() {
    IncidentDesk desk = desk().build();
    Incident first = right(desk.raise(alert("HighLatency", "firing", tick(0)))).incident().orElseThrow();
    right(desk.raise(alert("HighLatency", "resolved", tick(1))));
    Incident second = right(desk.raise(alert("HighLatency", "firing", tick(60)))).incident().orElseThrow();
    assertThat(second.id()).isNotEqualTo(first.id());

    right(desk.close(first.id(), ALICE));
    AlertOutcome again = right(desk.raise(alert("HighLatency", "firing", tick(1))));

    assertThat(again.kind()).isEqualTo(AlertOutcome.Kind.FOLDED);
    assertThat(again.incident().map(Incident::id)).contains(second.id());
  }

  @Test
  @DisplayName("a flapping alert key stays flapping across a restart: its clear is still suppressed")
  void flappingSurvivesRestore() {
    IncidentDesk before = desk().keeper(kept).alertPolicy(AlertPolicy.defaults().withFlapping(3, Duration.ofMinutes(30)))
        .build();
    right(before.raise(alert("HighLatency", "firing", tick(0))));
    right(before.raise(alert("HighLatency", "resolved", tick(1))));
    right(before.raise(alert("HighLatency", "firing", tick(1))));
    right(before.raise(alert("HighLatency", "resolved", tick(1))));

    IncidentDesk after = desk().alertPolicy(AlertPolicy.defaults().withFlapping(3, Duration.ofMinutes(30))).build();
    after.restore(kept.shuffled(3));
    AlertOutcome clear = right(after.raise(alert("HighLatency", "resolved", tick(1))));
    AlertOutcome late = right(after.raise(alert("HighLatency", "firing", clock.instant().minus(Duration.ofMinutes(10)))));

    assertThat(clear.kind()).isEqualTo(AlertOutcome.Kind.SUPPRESSED_FLAPPING);
    assertThat(late.kind()).isEqualTo(AlertOutcome.Kind.STALE);
  }

  @Test
  @DisplayName("an SLA breach announced before the restart is not announced again")
  void breachesAreAnnouncedOnce() {
    IncidentDesk before = desk().keeper(kept).build();
    right(before.open(Fixtures.report("shop", 1, 1)));
    tick(60 * 24);
    assertThat(before.checkSlas()).hasSize(1);

    List<IncidentEvent> heard = new ArrayList<>();
    IncidentDesk after = desk().listener(heard::add).build();
    after.restore(kept.shuffled(1));
    assertThat(after.checkSlas()).hasSize(1);
    assertThat(heard).isEmpty();
  }

  @Test
  @DisplayName("restoring is an upsert: a later state replaces the one restored, and nothing is kept again")
  void restoreIsAnUpsert() {
    IncidentDesk before = desk().keeper(kept).build();
    Incident opened = right(before.open(Fixtures.report("shop", 2, 2)));
    Latest<IncidentId, KeptIncident> standbyKept = new Latest<>(k -> k.incident().id());
    IncidentDesk standby = desk().keeper(standbyKept).build();
    standby.restore(kept.shuffled(1));
    right(before.acknowledge(opened.id(), ALICE));
    standby.restore(List.of(kept.byKey().get(opened.id())));

    assertThat(standby.incidents()).isEqualTo(before.incidents());
    assertThat(standby.openIncidents(opened.service())).extracting(Incident::state)
        .containsExactly(IncidentState.IN_PROGRESS);
    assertThat(standby.unsynced()).isEmpty();
    assertThat(standbyKept.handed()).isZero();
  }
}
