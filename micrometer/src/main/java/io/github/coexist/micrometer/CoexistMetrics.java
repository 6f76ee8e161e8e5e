package io.github.coexist.micrometer;

import io.github.coexist.core.Coexist;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * coexist's meters for Micrometer: gate decisions and the time to decide, changes pending, signals
 * taken in, the store's backlog, calls to the tools, open incidents by priority, and the DORA and
 * ITSM KPIs per service and team. {@code docs/metrics.md} lists every meter with its tags.
 *
 * <pre>{@code
 * CoexistMetrics metrics = CoexistMetrics.builder().kpiWindow(Duration.ofDays(30)).build();
 * Coexist coexist = metrics.instrument(Coexist.builder().clock(Clock.systemUTC())).build();
 * metrics.watch(coexist);          // the gauges read it
 * metrics.bindTo(registry);        // any MeterRegistry, as often as needed
 * }</pre>
 *
 * <p>Events (decisions, signals, tool calls) are counted in the registries bound when they happen:
 * bind before the first signal. Tool calls come from whatever HTTP plumbing the
 * embedder uses, through {@link #toolCall} (the app wires coexist's adapters to it). Every tag
 * whose values come from outside is capped at {@value #MAX_TAG_VALUES} distinct values, the rest
 * counted as {@code other}; KPI rows are capped by {@link Builder#maxServices} and {@link
 * Builder#maxTeams}. Thread-safe; listeners are quick and take no lock of core's.
 */
public final class CoexistMetrics implements MeterBinder {
  /** How many distinct values a tag fed from outside (source, kind, tool, status, authority) may take. */
  public static final int MAX_TAG_VALUES = 32;

  private final Duration kpiWindow;
  private final Duration kpiRefresh;
  private final Duration stateRefresh;
  private final int maxServices;
  private final int maxTeams;
  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private final DecisionMeters decisions = new DecisionMeters(meters);
  private final IntakeMeters intake = new IntakeMeters(meters);
  private final ToolCallMeters tools = new ToolCallMeters(meters);
  private final AtomicBoolean watching = new AtomicBoolean();

  private CoexistMetrics(Builder b) {
    this.kpiWindow = b.kpiWindow;
    this.kpiRefresh = b.kpiRefresh;
    this.stateRefresh = b.stateRefresh;
    this.maxServices = b.maxServices;
    this.maxTeams = b.maxTeams;
  }

  /** A builder; every setting has the default its setter names. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds this instance's change listener and signal observer to {@code builder}, so decisions and
   * signals are counted; returns the same builder.
   */
  public Coexist.Builder instrument(Coexist.Builder builder) {
    return builder.changeListener(decisions).signalObserver(intake);
  }

  /**
   * Publishes the gauges that read {@code coexist}: changes pending, incidents open, the store's
   * backlog (when it keeps a store) and the KPIs.
   *
   * @throws IllegalStateException when called a second time
   */
  public void watch(Coexist coexist) {
    Objects.requireNonNull(coexist, "coexist");
    if (!watching.compareAndSet(false, true)) {
      throw new IllegalStateException("these metrics already watch a coexist");
    }
    StateGauges.register(coexist, meters, stateRefresh);
    new KpiGauges(coexist, kpiWindow, kpiRefresh, maxServices, maxTeams).register(meters);
  }

  /**
   * Records one HTTP exchange with a tool.
   *
   * @param tool the tool ({@code github}, {@code servicenow}, {@code jira}); lower-cased
   * @param method the HTTP method
   * @param status the HTTP status as text, or a word when no answer came ({@code timeout})
   * @param failed whether it ended in an error; counted in {@code coexist.tool.call.errors}
   * @param duration how long it took
   */
  public void toolCall(String tool, String method, String status, boolean failed, Duration duration) {
    tools.called(Objects.requireNonNull(tool, "tool"), Objects.requireNonNull(method, "method"),
        Objects.requireNonNull(status, "status"), failed, Objects.requireNonNull(duration, "duration"));
  }

  /** Publishes every meter, those so far and those to come, in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    meters.add(Objects.requireNonNull(registry, "registry"));
  }

  /** Configures {@link CoexistMetrics}. Not thread-safe. */
  public static final class Builder {
    private Duration kpiWindow = Duration.ofDays(30);
    private Duration kpiRefresh = Duration.ofMinutes(1);
    private Duration stateRefresh = Duration.ofSeconds(5);
    private int maxServices = 20;
    private int maxTeams = 20;

    private Builder() {}

    /** The window the KPI gauges cover, ending now; 30 days unless set. */
    public Builder kpiWindow(Duration window) {
      this.kpiWindow = positive(window, "kpiWindow");
      return this;
    }

    /** How long computed KPIs are published before they are computed again; 1 minute unless set. */
    public Builder kpiRefresh(Duration refresh) {
      this.kpiRefresh = notNegative(refresh, "kpiRefresh");
      return this;
    }

    /**
     * How long the open incident counts and the store's status (a database query) are published
     * before they are read again; 5 seconds unless set. Changes pending are read on every scrape.
     */
    public Builder stateRefresh(Duration refresh) {
      this.stateRefresh = notNegative(refresh, "stateRefresh");
      return this;
    }

    /**
     * How many services get KPI gauges of their own (those with the most production deployments
     * in the window); the rest are folded into {@code service="other"}; 20 unless set.
     */
    public Builder maxServices(int max) {
      this.maxServices = atLeastOne(max, "maxServices");
      return this;
    }

    /** How many teams get KPI gauges of their own, as {@link #maxServices}; 20 unless set. */
    public Builder maxTeams(int max) {
      this.maxTeams = atLeastOne(max, "maxTeams");
      return this;
    }

    /** The metrics. */
    public CoexistMetrics build() {
      return new CoexistMetrics(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, not " + d);
      }
      return d;
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, not " + d);
      }
      return d;
    }

    private static int atLeastOne(int max, String name) {
      if (max < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, not " + max);
      }
      return max;
    }
  }
}
