package io.github.coexist.benchmarks;

import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.store.jdbc.JdbcStore;
import io.vavr.control.Either;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * The gate's decision made durable: {@link Coexist#accept} of a new gate request with the state
 * kept in a durable store, returning once the decision, the change and its audit entries are
 * committed. {@code store=embedded}: the embedded file (SQLite, WAL, {@code synchronous=FULL});
 * {@code store=postgres}: an embedded PostgreSQL server started for the trial (as store-jdbc's
 * tests start it; its defaults: {@code fsync=on}, {@code synchronous_commit=on}). Commits of
 * concurrent callers are grouped, so run it with several threads ({@code -t 8}) to see group
 * commit, and with one for the cost of a lone decision. Requests as in {@link GateBenchmark}, 64
 * services.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DurableGateBenchmark -t 8}.
 * Goal (issue 14): 5,000 durable decisions per second on the file store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DurableGateBenchmark {
  private static final int SERVICES = 64;

  /** Where the state is kept: {@code embedded} (the SQLite file) or {@code postgres}. */
  @Param({"embedded", "postgres"})
  public String store;

  /**
   * The directory the database goes under: empty for the system's temporary directory (a disk).
   * {@code /dev/shm} (a RAM file system, where a sync costs nothing) measures what a decision
   * costs apart from the disk: the same code and settings, {@code synchronous=FULL} included.
   */
  @Param("")
  public String under;

  private final AtomicLong sequence = new AtomicLong();
  private Path dir;
  private JdbcStore jdbc;
  private Optional<EmbeddedPostgres> postgres = Optional.empty();
  private Coexist coexist;
  private MeasuredStore measured;
  private long decisionsBefore;

  /** A clock that moves 10 ms each time it is read: no system time in the measured code. */
  static final class TickingClock extends Clock {
    private final AtomicLong millis = new AtomicLong(Instant.parse("2025-03-04T10:00:00Z").toEpochMilli());

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
      return millis.addAndGet(10);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = under.isEmpty() ? Files.createTempDirectory("coexist-durable-bench")
        : Files.createTempDirectory(Path.of(under), "coexist-durable-bench");
    Clock clock = new TickingClock();
    jdbc = open().getOrElseThrow(e -> new IllegalStateException(e.message()));
    InMemoryServiceDirectory directory = new InMemoryServiceDirectory();
    for (int i = 0; i < SERVICES; i++) {
      directory.register(Service.of("service-" + i, "team-" + (i % 8)));
    }
    measured = new MeasuredStore(jdbc.stateStore(clock));
    coexist = Coexist.builder().clock(clock).riskAssessor(GateBenchmark.assessor()).serviceDirectory(directory)
        .store(measured).leaseTtl(Duration.ofHours(1)).build();
  }

  private Either<CoexistError, JdbcStore> open() throws IOException {
    if (store.equals("embedded")) {
      return JdbcStore.embedded(dir);
    }
    EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
        .setCleanDataDirectory(true).start();
    postgres = Optional.of(server);
    // Trust authentication: the password is sent and ignored.
    return JdbcStore.postgres(server.getJdbcUrl("postgres", "postgres"), "postgres", Secret.of("unused"));
  }

  /** Starts counting commits for the iteration about to run. */
  @Setup(Level.Iteration)
  public void startIteration() {
    decisionsBefore = sequence.get();
    measured.report(0);
  }

  /** Prints how many decisions shared a commit in the iteration and what a commit cost. */
  @TearDown(Level.Iteration)
  public void reportIteration() {
    System.out.println();
    System.out.println(measured.report(sequence.get() - decisionsBefore));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    coexist.close();
    jdbc.close();
    if (postgres.isPresent()) {
      postgres.get().close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** A new change, decided and committed. */
  @Benchmark
  public SignalOutcome decideDurably() {
    long n = sequence.incrementAndGet();
    return coexist.accept(Signal.GateRequested.of(GateBenchmark.request("github:octo/shop:deployment:" + n,
        "service-" + (n % SERVICES), n % 16 == 0 ? 900 : 80).build().get()))
        .getOrElseThrow((CoexistError e) -> new IllegalStateException(e.message()));
  }
}
