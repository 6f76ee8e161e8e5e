package io.github.coexist.core.gate;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.risk.RiskContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A change overlapping many others keeps how many it overlaps and only the nearest few by name,
 * in its decision, its reasons, its audit inputs, its tracked view and its risk context; with
 * few overlaps everything reads as it always did.
 */
class ChangeGateOverlapsTest {
  private final GateFixture fx = new GateFixture();
  private final ChangeGate gate = fx.gate();

  private GateDecision decideAt(String key, String service, Duration from, Duration length) {
    return gate.decide(deploy(key, service).plannedStart(fx.now().plus(from)).plannedDuration(length)).get();
  }

  private static List<String> ids(RiskContext.Overlaps overlaps) {
    return overlaps.nearest().stream().map(RiskContext.Overlap::changeId).toList();
  }

  @Test
  @DisplayName("keeps the exact count of 40 overlaps and, by name, only the 5 planned nearest it")
  void manyOverlaps() {
    List<String> shop = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      shop.add(decideAt("k-" + i, "shop", Duration.ofMinutes(i), Duration.ofHours(2)).change().id().value());
    }
    GateDecision d = decideAt("k-new", "shop", Duration.ofMinutes(20), Duration.ofHours(2));

    RiskContext.Overlaps conflicts = d.conflicts();
    assertThat(conflicts.count()).isEqualTo(40);
    assertThat(conflicts.onService()).isEqualTo(40);
    assertThat(ids(conflicts)).containsExactlyElementsOf(shop.subList(18, 23));
    assertThat(fx.risk.last().overlapping()).isEqualTo(conflicts);
    assertThat(gate.change(d.change().id()).orElseThrow().conflicts()).isEqualTo(conflicts);

    List<String> reasons = d.decision().reasons().stream().filter(r -> r.startsWith("conflicts with")).toList();
    assertThat(reasons).hasSize(6);
    assertThat(reasons.get(0)).isEqualTo("conflicts with change " + shop.get(18) + " on shop planned "
        + fx.now().plus(Duration.ofMinutes(18)) + " to " + fx.now().plus(Duration.ofMinutes(138)));
    assertThat(reasons.get(5)).isEqualTo("conflicts with 35 more changes planned in the same window on shop or its dependencies");
    AuditEntry requested = fx.auditOf(d.change().id().value(), "change.requested").get(0);
    assertThat(requested.inputs().get("conflicts"))
        .isEqualTo(String.join(", ", shop.subList(18, 23)) + " and 35 more");
  }

  @Test
  @DisplayName("takes the nearest from the service and its dependencies together, listing the service's first")
  void nearestAcrossDependencies() {
    List<String> shop = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      shop.add(decideAt("k-" + i, "shop", Duration.ofMinutes(i), Duration.ofHours(3)).change().id().value());
    }
    String payments = decideAt("k-pay", "payments", Duration.ofMinutes(58), Duration.ofHours(1)).change().id().value();
    String db = decideAt("k-db", "db", Duration.ofMinutes(60), Duration.ofHours(1)).change().id().value();
    decideAt("k-db-late", "db", Duration.ofHours(5), Duration.ofHours(1));
    decideAt("k-mobile", "mobile", Duration.ofMinutes(60), Duration.ofHours(1));

    GateDecision d = decideAt("k-new", "shop", Duration.ofMinutes(60), Duration.ofHours(1));

    assertThat(d.conflicts().count()).isEqualTo(12);
    assertThat(d.conflicts().onService()).isEqualTo(10);
    // Nearest 60 minutes in: db (0), payments (2), then shop's last three (51 to 53); dependencies in name order.
    assertThat(ids(d.conflicts())).containsExactly(shop.get(7), shop.get(8), shop.get(9), db, payments);
  }

  @Test
  @DisplayName("with few overlaps, names every one in the reasons and the audit, and counts no more")
  void fewOverlapsAsBefore() {
    GateDecision onDb = decideAt("k-db", "db", Duration.ZERO, Duration.ofMinutes(30));
    GateDecision onShop = decideAt("k-shop", "shop", Duration.ofMinutes(10), Duration.ofMinutes(30));
    GateDecision d = decideAt("k-new", "shop", Duration.ofMinutes(5), Duration.ofMinutes(30));
    Instant start = fx.now();

    assertThat(d.conflicts().count()).isEqualTo(2);
    assertThat(d.conflicts().more()).isZero();
    assertThat(d.decision().reasons().stream().filter(r -> r.startsWith("conflicts with")).toList()).containsExactly(
        "conflicts with change " + onShop.change().id() + " on shop planned " + start.plus(Duration.ofMinutes(10))
            + " to " + start.plus(Duration.ofMinutes(40)),
        "conflicts with change " + onDb.change().id() + " on db planned " + start + " to "
            + start.plus(Duration.ofMinutes(30)));
    assertThat(fx.auditOf(d.change().id().value(), "change.requested").get(0).inputs().get("conflicts"))
        .isEqualTo(onShop.change().id() + ", " + onDb.change().id());
  }

  @Test
  @DisplayName("counts a change being implemented whatever its window, and forgets it once finished")
  void implementingOverlapsAnything() {
    GateDecision running = decideAt("k-run", "shop", Duration.ZERO, Duration.ofMinutes(10));
    gate.deploymentStarted(running.change().id(), fx.now());
    fx.clock.advance(Duration.ofHours(1));
    GateDecision d = decideAt("k-new", "shop", Duration.ZERO, Duration.ofMinutes(10));
    assertThat(ids(d.conflicts())).containsExactly(running.change().id().value());
    gate.deploymentFinished(running.change().id(), true, fx.now());
    assertThat(decideAt("k-after", "shop", Duration.ofHours(2), Duration.ofMinutes(10)).conflicts().count())
        .isZero();
  }
}
