package io.github.coexist.core.kpi;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * DORA and ITSM metrics, kept incrementally: each fact is added once, any window of any scope can
 * be asked for at any time, and no query rescans the facts.
 *
 * <p>Facts are deployments ({@link Deployment}), incidents ({@link IncidentFact}), changes
 * ({@link ChangeFact}) and satisfaction answers ({@link FeedbackFact}). A fact whose id was seen
 * before replaces the earlier one (last write wins), and everything that depended on it follows:
 * an incident linked to its cause after the fact moves from its heuristic deployment to the linked
 * one; a deployment that turns out to have failed stops counting. Adding a fact costs
 * O(log n) to find its place plus work proportional to what it changes (its commits, the
 * incidents within the attribution window of its service); replacing one also scans the day of
 * each of its old points to remove them (a few thousand values at most on a busy day).
 *
 * <p>The definitions, one per ambiguity, are those of {@link KpiReport} and the README's KPI
 * section: a production deployment is a successful deployment to an environment in
 * {@link ProductionEnvironments}; ties between deployments finishing at the same instant are broken
 * by id, the smaller id counting as earlier; times are kept to the millisecond.
 *
 * <p>Thread-safe: every method holds the engine's lock, so a query sees a consistent state.
 */
public final class KpiEngine {
  /** The attribution window unless configured: 24 hours. */
  public static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofHours(24);
  /** The lowest priority attributed heuristically unless configured: 3 (P1 to P3). */
  public static final int DEFAULT_HEURISTIC_PRIORITY = 3;

  private final KpiState state;

  private KpiEngine(Builder builder) {
    this.state = new KpiState(builder.production, builder.attributionWindow, builder.targets, builder.teams,
        builder.heuristicPriority);
  }

  /** An engine with every default: production/prod, 24 hours attribution, default resolution targets, no teams. */
  public static KpiEngine create() {
    return builder().build();
  }

  /** A builder for an engine. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds a deployment, or replaces the one with its id. */
  public synchronized void add(Deployment deployment) {
    state.add(Objects.requireNonNull(deployment, "deployment"));
  }

  /** Adds an incident, or replaces the one with its id. */
  public synchronized void add(IncidentFact incident) {
    state.add(Objects.requireNonNull(incident, "incident"));
  }

  /** Adds a change, or replaces the one with its id. */
  public synchronized void add(ChangeFact change) {
    state.add(Objects.requireNonNull(change, "change"));
  }

  /** Adds a satisfaction answer, or replaces the one for its ticket. */
  public synchronized void add(FeedbackFact answer) {
    state.add(Objects.requireNonNull(answer, "answer"));
  }

  /**
   * Puts back the facts a store kept, the latest of each as {@link FactListener} heard it: for a
   * store at start-up, or a standby catching up. An upsert, as {@code add}: finished deployments
   * (an unfinished one is no fact), changes, incidents, then satisfaction answers in the order they
   * were given, so the latest on a ticket wins. Queries then answer as they did for the engine that
   * heard the facts one by one; only {@link #span()} may be narrower, as it counted the times of
   * facts since replaced. Service owners are not facts: {@link #assign} them again.
   */
  public synchronized void restore(Collection<Deployment> deployments, Collection<ChangeFact> changes,
      Collection<IncidentFact> incidents, Collection<FeedbackFact> answers) {
    deployments.stream().filter(d -> d.finishedAt().isPresent()).forEach(state::add);
    changes.forEach(state::add);
    incidents.forEach(state::add);
    answers.stream().sorted(Comparator.comparing(FeedbackFact::at).thenComparing(FeedbackFact::ticket))
        .forEach(state::add);
  }

  /** Records that {@code team} owns {@code service}, for team queries (a later call moves the service). */
  public synchronized void assign(ServiceId service, TeamId team) {
    state.assign(Objects.requireNonNull(service, "service"), Objects.requireNonNull(team, "team"));
  }

  /**
   * Every service a fact added so far named (a deployment, change, incident or satisfaction
   * answer), in the order first named: the services a per-service query can say something about.
   */
  public synchronized List<ServiceId> services() {
    return state.services();
  }

  /** Each service's owning team, as {@link #assign} recorded it; a service never assigned is absent. */
  public synchronized Map<ServiceId, TeamId> owners() {
    return state.owners();
  }

  /**
   * The production deployments of the query's scope that finished in its window and count as
   * failed in its change failure rate, each with why (the incidents attributed to it and how, the
   * rollbacks of it), by finish then id. Their number is the report's {@code failed}.
   */
  public synchronized List<FailedDeployment> failures(KpiQuery query) {
    return state.failures(Objects.requireNonNull(query, "query"));
  }

  /**
   * The production deployment incident {@code incident} counts against now (an explicit link, or
   * the heuristic for an unlinked incident of priority at or above the threshold whose cause
   * nobody ruled on), and why; empty when it counts against none.
   */
  public synchronized Optional<Attribution> attribution(io.github.coexist.core.kernel.IncidentId incident) {
    return state.attribution(Objects.requireNonNull(incident, "incident").value());
  }

  /** The numbers of the query's scope over its window. */
  public synchronized KpiReport query(KpiQuery query) {
    return state.query(Objects.requireNonNull(query, "query"));
  }

  /**
   * The numbers week by week: one report per ISO week (Monday 00:00 UTC to the next Monday) that
   * the query's window overlaps, each clipped to the window, in time order.
   */
  public synchronized List<KpiReport> weekly(KpiQuery query) {
    TimeWindow window = query.window();
    List<KpiReport> weeks = new ArrayList<>();
    Instant start = window.from().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
    while (start.isBefore(window.to())) {
      Instant end = start.plus(7, ChronoUnit.DAYS);
      Instant from = start.isBefore(window.from()) ? window.from() : start;
      Instant to = end.isAfter(window.to()) ? window.to() : end;
      weeks.add(state.query(query.withWindow(new TimeWindow(from, to))));
      start = end;
    }
    return weeks;
  }

  /**
   * The numbers period by period over complete periods only: one report per {@code period} (UTC)
   * that lies wholly inside the query's window, in time order. A period the window cuts (the
   * current week, a month the window starts in the middle of) is left out, so no point of a trend
   * is a fraction of a period.
   */
  public synchronized List<KpiReport> trend(KpiQuery query, TrendPeriod period) {
    Objects.requireNonNull(period, "period");
    TimeWindow window = query.window();
    List<KpiReport> periods = new ArrayList<>();
    for (Instant start = period.firstStartAtOrAfter(window.from()); !period.next(start).isAfter(window.to());
        start = period.next(start)) {
      periods.add(state.query(query.withWindow(new TimeWindow(start, period.next(start)))));
    }
    return periods;
  }

  /**
   * The facts behind {@link #query} of the same query, for a drill-down: the production deployments
   * and the incidents it counts. Unlike a query, this reads every incident the engine holds once.
   */
  public synchronized KpiBasis basis(KpiQuery query) {
    return state.basis(Objects.requireNonNull(query, "query"));
  }

  /**
   * The smallest window holding every time the facts added so far carried (deployment start and
   * finish, incident opening, acknowledgement and resolution, change creation and closing, answer
   * times; not commit times), or empty before the first fact. Replaced facts' times still count.
   */
  public synchronized Optional<TimeWindow> span() {
    return state.span();
  }

  /** Configures an engine. */
  public static final class Builder {
    private ProductionEnvironments production = ProductionEnvironments.defaults();
    private Duration attributionWindow = DEFAULT_ATTRIBUTION_WINDOW;
    private ResolutionTargets targets = ResolutionTargets.defaults();
    private final Map<ServiceId, TeamId> teams = new HashMap<>();
    private int heuristicPriority = DEFAULT_HEURISTIC_PRIORITY;

    private Builder() {}

    /**
     * The lowest priority (1 to 5) an incident without a link and without a verdict may have to be
     * attributed heuristically to the latest deployment before it: 3 (P1 to P3) unless set, 5
     * attributes every priority. A P5 opened hours after a deployment does not fail it.
     */
    public Builder heuristicPriority(int lowest) {
      if (lowest < 1 || lowest > 5) {
        throw new IllegalArgumentException("the heuristic priority must be 1 to 5, was " + lowest);
      }
      this.heuristicPriority = lowest;
      return this;
    }

    /** Which environments are production; {@link ProductionEnvironments#defaults()} unless set. */
    public Builder production(ProductionEnvironments production) {
      this.production = Objects.requireNonNull(production, "production");
      return this;
    }

    /**
     * How long after a deployment an incident without an explicit link is still attributed to it;
     * 24 hours unless set. Must not be negative.
     */
    public Builder attributionWindow(Duration window) {
      if (Objects.requireNonNull(window, "window").isNegative()) {
        throw new IllegalArgumentException("the attribution window must not be negative");
      }
      this.attributionWindow = window;
      return this;
    }

    /** The SLA resolution targets by priority; {@link ResolutionTargets#defaults()} unless set. */
    public Builder resolutionTargets(ResolutionTargets targets) {
      this.targets = Objects.requireNonNull(targets, "targets");
      return this;
    }

    /** Records that {@code team} owns {@code service}, for team queries. */
    public Builder team(ServiceId service, TeamId team) {
      teams.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(team, "team"));
      return this;
    }

    /** Records every service-to-team ownership of {@code owners}. */
    public Builder teams(Map<ServiceId, TeamId> owners) {
      Objects.requireNonNull(owners, "owners").forEach(this::team);
      return this;
    }

    /** The engine. */
    public KpiEngine build() {
      return new KpiEngine(this);
    }
  }
}
