package io.github.coexist.benchmarks;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.Lease;
import io.github.coexist.core.store.NumberBlock;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredState;
import io.vavr.control.Either;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * A state store that counts its commits, the records and audit entries they carry and the time
 * they take, so that a run of {@link DurableGateBenchmark} says how many decisions share one synced
 * commit and what one commit costs: the figures that matter more than the throughput on a loaded
 * machine. Commits are serialised by core's group commit, so the sums are exact.
 */
final class MeasuredStore implements StateStore {
  private final StateStore store;
  private final LongAdder commits = new LongAdder();
  private final LongAdder records = new LongAdder();
  private final LongAdder audit = new LongAdder();
  private final LongAdder nanos = new LongAdder();
  private final LongAdder cpuNanos = new LongAdder();
  private final LongAdder userNanos = new LongAdder();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean system =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
  private long processCpuAtReport = system.getProcessCpuTime();

  MeasuredStore(StateStore store) {
    this.store = store;
  }

  @Override
  public Either<CoexistError, Long> commit(Batch batch) {
    long start = System.nanoTime();
    long cpu = threads.getCurrentThreadCpuTime();
    long user = threads.getCurrentThreadUserTime();
    Either<CoexistError, Long> committed = store.commit(batch);
    cpuNanos.add(threads.getCurrentThreadCpuTime() - cpu);
    userNanos.add(threads.getCurrentThreadUserTime() - user);
    nanos.add(System.nanoTime() - start);
    commits.increment();
    records.add(batch.records().size());
    audit.add(batch.audit().size());
    return committed;
  }

  /**
   * The commits since the last report, per commit: records, audit entries, milliseconds (and how
   * many of them the committing thread spent on a CPU: encoding and SQL, the rest is mostly the
   * sync to disk); and the whole process's CPU time per decision, which bounds the decisions one
   * core can make whatever the disk.
   */
  String report(long decisions) {
    long n = Math.max(1, commits.sumThenReset());
    long processCpu = system.getProcessCpuTime();
    double cpuPerDecision = (processCpu - processCpuAtReport) / 1e3 / Math.max(1, decisions);
    processCpuAtReport = processCpu;
    return String.format(Locale.ROOT, "%d decisions in %d commits: %.1f decisions, %.1f records and %.1f audit"
        + " entries per commit, %.2f ms per commit (%.2f ms on a CPU, %.2f of them in"
        + " user mode); process CPU %.0f µs per decision",
        decisions, n, (double) decisions / n, (double) records.sumThenReset() / n,
        (double) audit.sumThenReset() / n, nanos.sumThenReset() / 1e6 / n, cpuNanos.sumThenReset() / 1e6 / n,
        userNanos.sumThenReset() / 1e6 / n,
        cpuPerDecision);
  }

  @Override
  public String location() {
    return store.location();
  }

  @Override
  public Either<CoexistError, StoredState> load(long revision) {
    return store.load(revision);
  }

  @Override
  public Either<CoexistError, NumberBlock> reserve(String sequence, int count) {
    return store.reserve(sequence, count);
  }

  @Override
  public Inbox inbox() {
    return store.inbox();
  }

  @Override
  public AuditStore audit() {
    return store.audit();
  }

  @Override
  public Lease lease() {
    return store.lease();
  }

  @Override
  public void close() {
    store.close();
  }
}
