package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulkhead and a circuit breaker for one tool (Resilience4j), shared by every call to it: at most
 * {@link Settings#maxConcurrentCalls} calls at once, and once most recent calls found the tool
 * unreachable, none for {@link Settings#openFor} (then one trial call). A call refused by either
 * fails at once with a transient {@link CoexistError.Unavailable} that says when to try again, so
 * the write it carried stays owed and the next tick retries it: nothing is lost, and no thread
 * waits on a tool that does not answer. Only {@code Unavailable} outcomes (timeouts, lost
 * connections, 5xx) count against the tool; a refusal (4xx) or a rate limit means it answered.
 *
 * <p>Wrap a whole call, retries and their back-off included ({@link RemoteClient.Builder#guard}),
 * so the bulkhead bounds the threads one tool can hold. Thread-safe.
 */
public final class ToolGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ToolGuard.class);

  private final String tool;
  private final Settings settings;
  private final Bulkhead bulkhead;
  private final CircuitBreaker breaker;

  private ToolGuard(String tool, Settings settings, Clock clock) {
    this.tool = tool;
    this.settings = settings;
    this.bulkhead = Bulkhead.of(tool, BulkheadConfig.custom()
        .maxConcurrentCalls(settings.maxConcurrentCalls())
        .maxWaitDuration(Duration.ZERO)
        .build());
    this.breaker = CircuitBreaker.of(tool, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(settings.window())
        .minimumNumberOfCalls(settings.minimumCalls())
        .failureRateThreshold(settings.failureRatePercent())
        .waitDurationInOpenState(settings.openFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        .clock(clock)
        .build());
    breaker.getEventPublisher().onStateTransition(event -> LOG.info("{} circuit breaker: {}", tool,
        event.getStateTransition()));
  }

  /** A guard for {@code tool} (a short name for errors, logs and {@code /health}). */
  public static ToolGuard of(String tool, Settings settings) {
    return of(tool, settings, Clock.systemUTC());
  }

  /** A guard whose breaker reads time from {@code clock} (tests move it on). */
  public static ToolGuard of(String tool, Settings settings, Clock clock) {
    return new ToolGuard(Objects.requireNonNull(tool, "tool"), Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(clock, "clock"));
  }

  /** Runs {@code call} if the breaker and the bulkhead let it, and counts how it went. */
  public <T> Either<CoexistError, T> call(Supplier<Either<CoexistError, T>> call) {
    if (!breaker.tryAcquirePermission()) {
      return Either.left(new CoexistError.Unavailable(tool + " is failing: its circuit breaker is open, next try in "
          + Math.max(1, retryIn().toSeconds()) + " s"));
    }
    if (!bulkhead.tryAcquirePermission()) {
      breaker.releasePermission();
      return Either.left(new CoexistError.Unavailable(tool + " already has " + settings.maxConcurrentCalls()
          + " calls under way; try again shortly"));
    }
    long start = System.nanoTime();
    boolean counted = false;
    try {
      Either<CoexistError, T> outcome = call.get();
      long took = System.nanoTime() - start;
      if (outcome.isLeft() && outcome.getLeft() instanceof CoexistError.Unavailable) {
        breaker.onError(took, TimeUnit.NANOSECONDS, new ToolDown(outcome.getLeft().message()));
      } else {
        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
      }
      counted = true;
      return outcome;
    } finally {
      if (!counted) {
        breaker.releasePermission();
      }
      bulkhead.onComplete();
    }
  }

  /** The tool's name. */
  public String tool() {
    return tool;
  }

  /** How the guard stands now, for {@code /health}. */
  public Status status() {
    CircuitBreaker.State state = breaker.getState();
    return new Status(tool, state.name().toLowerCase(java.util.Locale.ROOT),
        settings.maxConcurrentCalls() - bulkhead.getMetrics().getAvailableConcurrentCalls(),
        settings.maxConcurrentCalls(), breaker.getMetrics().getFailureRate());
  }

  /** How long an open breaker still refuses calls; zero when it is not open. */
  private Duration retryIn() {
    return breaker.getState() == CircuitBreaker.State.OPEN ? settings.openFor() : Duration.ZERO;
  }

  @Override
  public String toString() {
    return "ToolGuard[" + tool + " " + status().breaker() + "]";
  }

  /**
   * How a guard stands.
   *
   * @param tool the tool's name
   * @param breaker {@code closed} (calls go through), {@code open} (refused until the wait ends) or
   *     {@code half_open} (a trial call decides)
   * @param callsUnderWay the calls to the tool running now
   * @param maxConcurrentCalls the bulkhead's size
   * @param failureRatePercent the share of recent calls that found the tool down; -1 before enough calls
   */
  public record Status(String tool, String breaker, int callsUnderWay, int maxConcurrentCalls,
      float failureRatePercent) {
    /** Whether calls are refused now without reaching the tool. */
    public boolean open() {
      return breaker.equals("open") || breaker.equals("forced_open");
    }
  }

  /**
   * A guard's settings; {@link #defaults()} suit a tool called by a few workers.
   *
   * @param maxConcurrentCalls how many calls may run at once; more are refused at once
   * @param window how many recent calls the breaker judges by
   * @param minimumCalls how many calls it needs before it may open
   * @param failureRatePercent the share of failed calls (1 to 100) that opens it
   * @param openFor how long it stays open before a trial call
   */
  public record Settings(int maxConcurrentCalls, int window, int minimumCalls, float failureRatePercent,
      Duration openFor) {
    public Settings {
      Objects.requireNonNull(openFor, "openFor");
      if (maxConcurrentCalls < 1 || window < 1 || minimumCalls < 1 || minimumCalls > window) {
        throw new IllegalArgumentException("a tool guard needs at least one call at once, a window of at least one "
            + "call and a minimum within the window, not " + maxConcurrentCalls + "/" + window + "/" + minimumCalls);
      }
      if (failureRatePercent <= 0 || failureRatePercent > 100) {
        throw new IllegalArgumentException("the failure rate must be within (0, 100], not " + failureRatePercent);
      }
      if (openFor.isNegative() || openFor.isZero()) {
        throw new IllegalArgumentException("the breaker must stay open a positive time, not " + openFor);
      }
    }

    /** 4 calls at once; opens when half of the last 10 calls (at least 4) found the tool down; open 30 s. */
    public static Settings defaults() {
      return new Settings(4, 10, 4, 50, Duration.ofSeconds(30));
    }

    /** These settings with {@code maxConcurrentCalls}. */
    public Settings withMaxConcurrentCalls(int maxConcurrentCalls) {
      return new Settings(maxConcurrentCalls, window, minimumCalls, failureRatePercent, openFor);
    }

    /** These settings with the breaker open for {@code openFor}. */
    public Settings withOpenFor(Duration openFor) {
      return new Settings(maxConcurrentCalls, window, minimumCalls, failureRatePercent, openFor);
    }
  }

  /** What the breaker records for a call that found the tool down; carries no stack (it is no bug). */
  private static final class ToolDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ToolDown(String message) {
      super(message, null, false, false);
    }
  }
}
