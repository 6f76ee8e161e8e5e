package io.github.coexist.benchmarks;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.gate.ChangeGate;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Duration;
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

/**
 * A gate decision on a service with a backlog: {@link #pending} changes wait on it, each a large,
 * high-risk change planned for the next 30 days and waiting for its CAB, so every new change on
 * the service overlaps all of them. Each measured decision is a new, small change on the same
 * service, 100 ms of clock after the last and planned to take 3 seconds (so it overlaps the
 * backlog and the 30 or so measured changes before it, and waits for the change manager).
 *
 * <p>Before overlaps were kept as a count and the nearest few, every change held every change it
 * overlapped: 1.2 ms a decision with 100 pending, 6.6 ms with 3,000, and 10,000 exhausted a 12 GB
 * heap. Goal: a decision with 100,000 pending within 2x of one with none.
 *
 * <p>Measured on a shared 2-core VM (1 fork, 2 + 3 iterations of 2 s, {@code -prof gc}): 32.9 µs
 * with none pending, 27.6 µs with 1,000, 27.7 µs with 10,000 and 29.8 µs with 100,000; about 17.3 to
 * 19.6 KB allocated per decision whatever the backlog (0 to 10,000; noisier at 100,000, where the set-up's
 * collections overlap the iterations). The same benchmark before: 49.4 µs with none, 665 µs and
 * 1.56 MB allocated per decision with 1,000. Setting up 100,000 pending changes leaves about 0.6 GB
 * live (changes, audit trail, records and replies in memory); the fork runs with 2 GB.
 *
 * <p>The gate, its backlog and in-memory ports are built afresh for every iteration, outside the
 * measurement. Run: {@code java -jar benchmarks/target/benchmarks.jar BacklogBenchmark -f 1 -wi 2
 * -w 2 -i 3 -r 2}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BacklogBenchmark {
  private static final String SERVICE = "shop";
  private static final int WARM_UP = 20_000;

  /** How many changes wait on the service before the measured decisions. */
  @Param({"0", "1000", "10000", "100000"})
  public int pending;

  private GateBenchmark.StepClock clock;
  private Coexist coexist;
  private ChangeGate gate;
  private long sequence;

  /**
   * Compiles the decision path before any measurement, whatever the backlog: without it the run
   * with no backlog (nothing set up) would measure the JIT, and the one with 100,000 (warmed by its
   * set-up) would not.
   */
  @Setup(Level.Trial)
  public void warmUp() {
    int backlog = pending;
    pending = 0;
    setUp();
    for (int i = 0; i < WARM_UP; i++) {
      decideWithBacklog();
    }
    tearDown();
    pending = backlog;
  }

  @Setup(Level.Iteration)
  public void setUp() {
    clock = new GateBenchmark.StepClock();
    InMemoryServiceDirectory directory = new InMemoryServiceDirectory();
    directory.register(Service.builder().id(ServiceId.of(SERVICE)).owner(TeamId.of("web")).build());
    coexist = Coexist.builder().clock(clock).riskAssessor(GateBenchmark.assessor()).serviceDirectory(directory).build();
    gate = coexist.gate();
    for (int i = 0; i < pending; i++) {
      clock.step(Duration.ofMillis(1));
      gate.decide(request("backlog:" + i, 900, Duration.ofDays(30))).get();
    }
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    coexist.close();
    coexist = null;
    gate = null;
  }

  private static DeploymentRequest.Builder request(String key, int lines, Duration planned) {
    return GateBenchmark.request(key, SERVICE, lines).plannedDuration(planned);
  }

  /** A new change on the service with the backlog: the full decision. */
  @Benchmark
  public GateDecision decideWithBacklog() {
    clock.step(Duration.ofMillis(100));
    return gate.decide(request("measured:" + ++sequence, 80, Duration.ofSeconds(3))).get();
  }
}
