package io.github.coexist.benchmarks;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The KPI engine against DuckDB on generated data: 1,000,000 deployments carrying about 3,000,000
 * commits and 50,000 incidents over three years (plus 50,000 changes and 25,000 answers for the
 * ITSM side), queried for the middle year.
 *
 * <ul>
 *   <li>{@code engineQueryOneYear} / {@code duckdbQueryOneYear}: every metric of a one-year window
 *       over data already loaded (DuckDB: the DORA numbers, from tables loaded with its appender).
 *   <li>{@code engineFromRawEvents} / {@code duckdbLoadAndQuery}: the full computation from raw
 *       facts: build the engine and query, or load the tables and query.
 *   <li>{@code engineAddDeployment}: the cost of one more event on the loaded engine (a new
 *       deployment with 3 new commits, finishing at a random time of the year); its score is for a
 *       batch of {@link #FRESH} such adds.
 *   <li>{@code engineUpsertDeployment} / {@code engineUpsertIncident}: the cost of replacing a
 *       deployment with 3 commits, or an incident whose resolution and link change: a replacement
 *       first removes the old version's points, scanning their day buckets, so it costs more than a
 *       first add.
 * </ul>
 *
 * <p>Run it with {@code java -cp benchmarks/target/benchmarks.jar io.github.coexist.benchmarks.KpiBenchmark}
 * ({@code --quick} for short iterations): it runs the JMH benchmarks, measures memory per event,
 * and prints the ratios against the goals. Every trial that loads DuckDB first checks that both
 * agree on the one-year numbers, and fails loudly if they do not.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KpiBenchmark {
  /** The one-year window queried: 2023. */
  static final TimeWindow YEAR = new TimeWindow(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"));
  static final long SEED = 20240304L;

  /** The generated facts. */
  @State(Scope.Benchmark)
  public static class Raw {
    @Param("1000000")
    public int deployments;

    @Param("50000")
    public int incidents;

    KpiData data;

    @Setup(Level.Trial)
    public void generate() {
      data = KpiData.generate(deployments, incidents, 1, SEED);
    }
  }

  /** The facts loaded into an engine, and replacement events ready to add. */
  @State(Scope.Benchmark)
  public static class Loaded {
    KpiData data;
    KpiEngine engine;
    final List<Deployment> upserts = new ArrayList<>();
    final List<IncidentFact> incidentUpserts = new ArrayList<>();
    int next;

    @Setup(Level.Trial)
    public void load(Raw raw) {
      data = raw.data;
      engine = data.addTo(KpiEngine.create());
      SplittableRandom random = new SplittableRandom(SEED);
      long start = YEAR.from().toEpochMilli();
      long span = YEAR.length().toMillis();
      for (int i = 0; i < 4096; i++) {
        // 1,024 extra deployments, each replaced four times with a new finish time (same commits)
        Instant finish = Instant.ofEpochMilli(start + random.nextLong(span));
        List<Commit> commits = List.of(new Commit("up" + (i % 1024) + "a", finish.minusSeconds(3_600)),
            new Commit("up" + (i % 1024) + "b", finish.minusSeconds(7_200)),
            new Commit("up" + (i % 1024) + "c", finish.minusSeconds(86_400)));
        upserts.add(new Deployment(DeploymentId.of("upsert-" + (i % 1024)), ServiceId.of("svc" + random.nextInt(100)),
            "production", Deployment.Status.SUCCESS, finish.minusSeconds(600), Optional.of(finish), commits,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        IncidentFact original = data.incidents().get(random.nextInt(data.incidents().size()));
        Instant resolved = original.openedAt().plusSeconds(60 + random.nextInt(86_400));
        IncidentFact.Builder changed = IncidentFact.builder().id(original.id().value()).service(original.service().value())
            .priority(original.priority()).openedAt(original.openedAt()).resolvedAt(resolved);
        if (random.nextBoolean()) {
          changed.causedBy(data.deployments().get(random.nextInt(data.deployments().size())).id().value());
        }
        incidentUpserts.add(changed.build().get());
      }
    }
  }

  /** Fresh deployments, never seen by the engine, for first-time adds; refilled every iteration. */
  @State(Scope.Benchmark)
  public static class Fresh {
    final List<Deployment> deployments = new ArrayList<>();
    int next;
    int round;

    @Setup(Level.Iteration)
    public void refill() {
      deployments.clear();
      next = 0;
      round++;
      SplittableRandom random = new SplittableRandom(SEED + round);
      long start = YEAR.from().toEpochMilli();
      long span = YEAR.length().toMillis();
      for (int i = 0; i < FRESH; i++) {
        Instant finish = Instant.ofEpochMilli(start + random.nextLong(span));
        String id = "fresh-" + round + "-" + i;
        deployments.add(new Deployment(DeploymentId.of(id), ServiceId.of("svc" + random.nextInt(100)), "production",
            Deployment.Status.SUCCESS, finish.minusSeconds(600), Optional.of(finish),
            List.of(new Commit(id + "a", finish.minusSeconds(3_600)), new Commit(id + "b", finish.minusSeconds(7_200)),
                new Commit(id + "c", finish.minusSeconds(86_400))),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
      }
    }
  }

  /** The facts loaded into DuckDB, checked against the engine. */
  @State(Scope.Benchmark)
  public static class Duck {
    DuckDbKpis duck;

    @Setup(Level.Trial)
    public void load(Raw raw) throws Exception {
      duck = DuckDbKpis.load(raw.data);
      checkAgreement(raw.data, duck);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      duck.close();
    }
  }

  static void checkAgreement(KpiData data, DuckDbKpis duck) throws Exception {
    DoraNumbers coexist = DoraNumbers.of(data.addTo(KpiEngine.create()).query(KpiQuery.organisation(YEAR)));
    DoraNumbers duckdb = duck.query(YEAR.from().toEpochMilli(), YEAR.to().toEpochMilli());
    if (!coexist.agreesWith(duckdb)) {
      throw new IllegalStateException("coexist and DuckDB disagree on the one-year DORA numbers: coexist "
          + coexist + ", DuckDB " + duckdb);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public KpiReport engineQueryOneYear(Loaded state) {
    return state.engine.query(KpiQuery.organisation(YEAR));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public DoraNumbers duckdbQueryOneYear(Duck state) throws Exception {
    return state.duck.query(YEAR.from().toEpochMilli(), YEAR.to().toEpochMilli());
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public KpiReport engineFromRawEvents(Raw state) {
    return state.data.addTo(KpiEngine.create()).query(KpiQuery.organisation(YEAR));
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public DoraNumbers duckdbLoadAndQuery(Raw state) throws Exception {
    try (DuckDbKpis duck = DuckDbKpis.load(state.data)) {
      return duck.query(YEAR.from().toEpochMilli(), YEAR.to().toEpochMilli());
    }
  }

  /** One iteration of {@code engineAddDeployment} adds this many new deployments; its score is for all of them. */
  static final int FRESH = 200_000;

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, batchSize = FRESH)
  @Measurement(iterations = 5, batchSize = FRESH)
  public KpiEngine engineAddDeployment(Loaded state, Fresh fresh) {
    state.engine.add(fresh.deployments.get(fresh.next++));
    return state.engine;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public KpiEngine engineUpsertDeployment(Loaded state) {
    state.engine.add(state.upserts.get(state.next++ & 4095));
    return state.engine;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public KpiEngine engineUpsertIncident(Loaded state) {
    state.engine.add(state.incidentUpserts.get(state.next++ & 4095));
    return state.engine;
  }

  /** Runs the benchmarks, then prints memory per event and the ratios against the goals. */
  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    Options options = new OptionsBuilder()
        .include(KpiBenchmark.class.getName() + "\\.")
        .warmupTime(TimeValue.seconds(quick ? 1 : 2))
        .measurementTime(TimeValue.seconds(quick ? 1 : 2))
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> millis = new HashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      millis.put(name.substring(name.lastIndexOf('.') + 1), toMillis(result.getPrimaryResult().getScore(),
          result.getPrimaryResult().getScoreUnit()));
    }
    MemoryFigures memory = MemoryFigures.measure(KpiData.generate(1_000_000, 50_000, 1, SEED));
    double query = millis.get("engineQueryOneYear");
    double duckQuery = millis.get("duckdbQueryOneYear");
    double build = millis.get("engineFromRawEvents");
    double duckBuild = millis.get("duckdbLoadAndQuery");
    double add = millis.get("engineAddDeployment") / FRESH;
    double upsert = Math.max(millis.get("engineUpsertDeployment"), millis.get("engineUpsertIncident"));
    System.out.println();
    System.out.println("== KPI engine against DuckDB (1,000,000 deployments, one-year window) ==");
    System.out.printf(Locale.ROOT, "window query:      engine %.3f ms, DuckDB %.1f ms: %.0fx faster (goal: at least 50x)%n",
        query, duckQuery, duckQuery / query);
    System.out.printf(Locale.ROOT, "from raw events:   engine %.0f ms, DuckDB load + query %.0f ms: ratio %.2f (goal: at most 1)%n",
        build, duckBuild, build / duckBuild);
    System.out.printf(Locale.ROOT, "one more event:    %.0f ns (a new deployment with 3 commits): recomputing costs %.0fx as much"
        + " (goal: at least 1,000x)%n", add * 1e6, build / add);
    System.out.printf(Locale.ROOT, "replacing one:     %.0f ns (deployment), %.0f ns (incident): recomputing costs %.0fx as much%n",
        millis.get("engineUpsertDeployment") * 1e6, millis.get("engineUpsertIncident") * 1e6, build / upsert);
    System.out.println(memory);
  }

  private static double toMillis(double score, String unit) {
    switch (unit) {
      case "ns/op":
        return score / 1e6;
      case "us/op":
        return score / 1e3;
      case "ms/op":
        return score;
      case "s/op":
        return score * 1e3;
      default:
        throw new IllegalStateException("unexpected unit " + unit);
    }
  }

  /** Heap held by a loaded engine, per fact and per fact-or-commit. */
  record MemoryFigures(long bytes, long facts, long commits) {
    static MemoryFigures measure(KpiData data) {
      long before = usedAfterGc();
      KpiEngine engine = data.addTo(KpiEngine.create());
      engine.query(KpiQuery.organisation(YEAR)); // the query sorts day buckets once, in place
      long after = usedAfterGc();
      java.lang.ref.Reference.reachabilityFence(engine);
      return new MemoryFigures(after - before, data.factCount(), data.commitCount());
    }

    private static long usedAfterGc() {
      Runtime runtime = Runtime.getRuntime();
      for (int i = 0; i < 4; i++) {
        System.gc();
      }
      return runtime.totalMemory() - runtime.freeMemory();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "memory:            %.0f MB for %,d facts and %,d commits: %.0f bytes per fact,"
          + " %.0f bytes per fact or commit", bytes / 1e6, facts, commits, bytes / (double) facts,
          bytes / (double) (facts + commits));
    }
  }
}
