package io.github.coexist.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The check of every restore property: a desk that kept its records, and a fresh desk restored
 * from them, must be indistinguishable from the restart on.
 */
public final class Restarts {
  private Restarts() {}

  /**
   * A desk with its clock, its audit trail and what it announced, driven by commands of type
   * {@code O}.
   *
   * @param <O> the command type
   */
  public abstract static class World<O> {
    /** The desk's clock. */
    protected final ManualClock clock;
    /** The desk's audit trail. */
    protected final AuditTrail trail;
    /** Every event the desk announced, in order: give {@code heard::add} as its listener. */
    protected final List<Object> heard = new ArrayList<>();

    /** A world whose clock reads {@code now}. */
    protected World(Instant now) {
      this.clock = new ManualClock(now);
      this.trail = new AuditTrail(new InMemoryAuditStore(), clock);
    }

    /** Runs {@code op} and answers what the desk answered. */
    protected abstract Object run(O op);

    /** What the desk holds and answers now. */
    protected abstract Object state();

    /** The latest record of each key that the desk's keepers were handed (the restored ones included). */
    protected abstract Object kept();
  }

  /**
   * Runs {@code before} on {@code original}, restarts it into the desk {@code restart} restores from
   * what it kept, runs {@code after} on both and checks that they answer the same to each command,
   * hold the same after each, and announced, audited and kept the same since the restart.
   */
  public static <O, W extends World<O>> void check(W original, List<O> before, UnaryOperator<W> restart, List<O> after) {
    before.forEach(original::run);
    long audited = original.trail.read(1, Integer.MAX_VALUE).get().size();
    int heard = original.heard.size();
    W restored = restart.apply(original);
    assertThat(restored.state()).as("right after the restore").isEqualTo(original.state());
    for (O op : after) {
      assertThat(restored.run(op)).as("answer to %s", op).isEqualTo(original.run(op));
      assertThat(restored.state()).as("state after %s", op).isEqualTo(original.state());
    }
    assertThat(restored.heard).as("events").isEqualTo(original.heard.subList(heard, original.heard.size()));
    assertThat(content(restored.trail, 1)).as("audit").isEqualTo(content(original.trail, audited + 1));
    assertThat(restored.kept()).as("kept records").isEqualTo(original.kept());
  }

  /** The audit entries from sequence {@code from}, without their sequence numbers and hashes. */
  private static List<List<Object>> content(AuditTrail trail, long from) {
    return trail.read(from, Integer.MAX_VALUE).get().map(Restarts::content).toJavaList();
  }

  private static List<Object> content(AuditEntry e) {
    return List.of(e.at(), e.actor(), e.action(), e.subject(), e.policyVersion(), e.inputMap(), e.outcome());
  }
}
