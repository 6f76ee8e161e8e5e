package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision.Outcome;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.risk.RiskLevel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random walks through the change lifecycle, each recorded in the stand-in site: after every
 * update the record reads back in the state coexist asked for, approved once past approval,
 * with a close code exactly when closed, and one issue per change.
 */
class ChangeLifecycleProperties {
  private static final List<ChangeState> NORMAL = List.of(ChangeState.NEW, ChangeState.ASSESS, ChangeState.AUTHORIZE,
      ChangeState.SCHEDULED, ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED);
  private static final List<ChangeState> STANDARD = List.of(ChangeState.NEW, ChangeState.SCHEDULED,
      ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED);

  @Test
  @DisplayName("random walks of normal and standard changes read back as asked after every step")
  void randomWalks() {
    AtomicInteger walks = new AtomicInteger();
    try (Fixture f = Fixture.start()) {
      qt().withExamples(40).withShrinkCycles(0)
          .forAll(booleans().all(), lists().of(integers().between(0, 9)).ofSizeBetween(1, 7), integers().between(0, 2))
          .checkAssert((standard, choices, closing) -> {
            int walk = walks.incrementAndGet();
            List<ChangeState> path = standard ? STANDARD : NORMAL;
            Change change = Changes.change("walk-" + walk, standard ? ChangeType.STANDARD : ChangeType.NORMAL,
                standard ? RiskLevel.LOW : RiskLevel.HIGH, ChangeState.NEW, standard ? Outcome.APPROVED : Outcome.PENDING);
            ExternalKey key = f.adapter.changeRecords().ensure(change).get();
            int at = 0;
            for (int choice : choices) {
              if (path.get(at).isTerminal()) {
                break;
              }
              Change next;
              if (choice == 0 && !standard && at <= 2) {
                next = Changes.moved(change, ChangeState.CANCELED, at == 2 ? Outcome.REJECTED : Outcome.PENDING);
                at = -1;
              } else {
                at = Math.min(path.size() - 1, at + 1 + choice % 2); // one step, or two at once
                ChangeState target = path.get(at);
                Outcome outcome = standard || target.compareTo(ChangeState.AUTHORIZE) > 0 ? Outcome.APPROVED : Outcome.PENDING;
                next = Changes.moved(change, target, outcome);
                if (target == ChangeState.CLOSED) {
                  next = Changes.closed(next, CloseCode.values()[closing], "walk " + walk);
                }
              }
              RecordedChange read = f.adapter.changeRecords().update(key, next).get();

              assertThat(read.state()).isEqualTo(next.state());
              assertThat(read.closeCode()).isEqualTo(next.closeCode());
              if (!standard && next.state().compareTo(ChangeState.AUTHORIZE) > 0 && next.state() != ChangeState.CANCELED) {
                assertThat(read.approval()).isEqualTo(ApprovalStatus.APPROVED);
              }
              if (next.decision().outcome() == Outcome.REJECTED) {
                assertThat(read.approval()).isEqualTo(ApprovalStatus.REJECTED);
              }
              if (at < 0) {
                break;
              }
              change = next;
            }
            assertThat(f.site.issues()).hasSize(walk);
          });
      assertThat(f.removedSearchCalls()).isZero();
    }
  }
}
