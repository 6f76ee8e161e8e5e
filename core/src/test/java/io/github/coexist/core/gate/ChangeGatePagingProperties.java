package io.github.coexist.core.gate;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.service.ServiceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Walking the gate's changes page by page ({@link ChangeGate#changes(Optional, Predicate, int)})
 * gives exactly what the whole list gives, newest first, whatever the page size and filter, and
 * changes created in the middle of a walk neither repeat nor hide one that was there before.
 */
class ChangeGatePagingProperties {
  private static final List<String> SERVICES = List.of("shop", "payments", "db");

  @Test
  @DisplayName("pages walked one after the other are the whole filtered list, newest first, each change once")
  void pagesAreTheWholeList() {
    // Each number creates one change on a service; then pages of a random size walk one service or all.
    qt().withExamples(80)
        .forAll(lists().of(integers().between(0, SERVICES.size() - 1)).ofSizeBetween(0, 60),
            integers().between(1, 12), integers().between(-1, SERVICES.size() - 1))
        .checkAssert((services, limit, only) -> {
          GateFixture fx = new GateFixture();
          ChangeGate gate = fx.gate();
          for (int i = 0; i < services.size(); i++) {
            gate.decide(deploy("k-" + i, SERVICES.get(services.get(i)))).get();
          }
          Predicate<TrackedChange> filter = only < 0 ? t -> true
              : t -> t.change().service().equals(ServiceId.of(SERVICES.get(only)));
          List<ChangeId> expected = gate.changes().stream().filter(filter).map(t -> t.change().id())
              .sorted(Comparator.reverseOrder()).toList();

          assertThat(walk(gate, filter, limit, () -> { })).isEqualTo(expected);
        });
  }

  @Test
  @DisplayName("changes created between pages never repeat a change nor hide one that was there when the walk began")
  void stableUnderInserts() {
    qt().withExamples(40)
        .forAll(integers().between(0, 50), integers().between(1, 7), integers().between(0, 5))
        .checkAssert((before, limit, perPage) -> {
          GateFixture fx = new GateFixture();
          ChangeGate gate = fx.gate();
          for (int i = 0; i < before; i++) {
            gate.decide(deploy("k-" + i, "shop")).get();
          }
          List<ChangeId> there = gate.changes().stream().map(t -> t.change().id()).toList();
          int[] made = {0};

          List<ChangeId> walked = walk(gate, t -> true, limit, () -> {
            for (int i = 0; i < perPage; i++) {
              gate.decide(deploy("new-" + made[0]++, "shop")).get();
            }
          });

          assertThat(walked).doesNotHaveDuplicates().containsAll(there).hasSize(there.size());
        });
  }

  /** Every change {@code filter} accepts, page after page of {@code limit}, running {@code between} after each page. */
  private static List<ChangeId> walk(ChangeGate gate, Predicate<TrackedChange> filter, int limit, Runnable between) {
    List<ChangeId> walked = new ArrayList<>();
    Optional<ChangeId> before = Optional.empty();
    while (true) {
      List<TrackedChange> page = gate.changes(before, filter, limit);
      assertThat(page.size()).isLessThanOrEqualTo(limit);
      page.forEach(t -> walked.add(t.change().id()));
      assertThat(walked.size()).as("a walk that ends").isLessThan(10_000);
      if (page.size() < limit) {
        return walked;
      }
      before = Optional.of(page.get(page.size() - 1).change().id());
      between.run();
    }
  }
}
