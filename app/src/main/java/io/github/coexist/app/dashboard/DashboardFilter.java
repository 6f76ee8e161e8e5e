package io.github.coexist.app.dashboard;

import io.github.coexist.app.events.Excerpt;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.KpiScope;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the dashboard shows: the last {@code days} days up to now, of the whole organisation, one
 * service or one team. Read from the query parameters {@code days}, {@code service} and {@code
 * team} by {@link #parse}, which names every problem at once.
 *
 * @param days how many days back from now the window reaches, 1 to {@value #MAX_DAYS}
 * @param service the one service shown, if chosen
 * @param team the one team shown, if chosen (never with a service)
 */
public record DashboardFilter(int days, Optional<ServiceId> service, Optional<TeamId> team) {
  /** The window unless {@code days} says otherwise. */
  public static final int DEFAULT_DAYS = 30;
  /** The longest window: a year and a day, so a leap year's twelve complete months fit. */
  public static final int MAX_DAYS = 366;
  /** The lengths the page offers, in days. */
  public static final java.util.List<Integer> OFFERED_DAYS = java.util.List.of(7, 30, 90, 180, 365);
  private static final int NAMES_LISTED = 20;

  public DashboardFilter {
    java.util.Objects.requireNonNull(service, "service");
    java.util.Objects.requireNonNull(team, "team");
    if (days < 1 || days > MAX_DAYS || (service.isPresent() && team.isPresent())) {
      throw new IllegalArgumentException("a filter of 1 to " + MAX_DAYS + " days and at most one of service and team");
    }
  }

  /** The last {@link #DEFAULT_DAYS} days of the organisation. */
  public static DashboardFilter defaults() {
    return new DashboardFilter(DEFAULT_DAYS, Optional.empty(), Optional.empty());
  }

  /**
   * The filter {@code query} asks for. A service or a team must be one the KPI engine knows (one a
   * fact named, or one a team was assigned); {@code days} a whole number from 1 to {@value #MAX_DAYS}.
   */
  public static Validation<Seq<String>, DashboardFilter> parse(Map<String, String> query, KpiEngine kpis) {
    Seq<String> problems = List.empty();
    int days = DEFAULT_DAYS;
    String text = query.get("days");
    if (text != null) {
      days = wholeNumber(text).filter(n -> n >= 1 && n <= MAX_DAYS).orElse(-1);
      if (days < 0) {
        problems = problems.append("days must be a whole number from 1 to " + MAX_DAYS + ", was " + Excerpt.quote(text));
      }
    }
    Optional<String> service = Optional.ofNullable(query.get("service")).filter(s -> !s.isBlank());
    Optional<String> team = Optional.ofNullable(query.get("team")).filter(s -> !s.isBlank());
    if (service.isPresent() && team.isPresent()) {
      problems = problems.append("give service or team, not both");
    }
    TreeSet<String> services = services(kpis);
    if (service.isPresent() && !services.contains(service.get())) {
      problems = problems.append("service " + Excerpt.quote(service.get()) + " is not one coexist has figures for;"
          + " known: " + listed(services));
    }
    TreeSet<String> teams = teams(kpis);
    if (team.isPresent() && !teams.contains(team.get())) {
      problems = problems.append("team " + Excerpt.quote(team.get()) + " owns no service coexist knows; known: "
          + listed(teams));
    }
    return problems.isEmpty()
        ? Validation.valid(new DashboardFilter(days, service.map(ServiceId::of), team.map(TeamId::of)))
        : Validation.invalid(problems);
  }

  /** Every service the engine has figures or an owner for, sorted. */
  public static TreeSet<String> services(KpiEngine kpis) {
    TreeSet<String> names = new TreeSet<>();
    kpis.services().forEach(s -> names.add(s.value()));
    kpis.owners().keySet().forEach(s -> names.add(s.value()));
    return names;
  }

  /** Every team that owns a service, sorted. */
  public static TreeSet<String> teams(KpiEngine kpis) {
    TreeSet<String> names = new TreeSet<>();
    kpis.owners().values().forEach(t -> names.add(t.value()));
    return names;
  }

  /** The window: {@code days} days up to {@code now}. */
  public TimeWindow window(Instant now) {
    return new TimeWindow(now.minus(Duration.ofDays(days)), now);
  }

  /** Whose figures the filter asks for. */
  public KpiScope scope() {
    return service.map(KpiScope::service).or(() -> team.map(KpiScope::team)).orElse(KpiScope.organisation());
  }

  /** The filter as query parameters, the same way for the same filter (a cursor's fingerprint). */
  public String query() {
    return "days=" + days + service.map(s -> "&service=" + s.value()).orElse("")
        + team.map(t -> "&team=" + t.value()).orElse("");
  }

  private static Optional<Integer> wholeNumber(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String listed(TreeSet<String> names) {
    if (names.isEmpty()) {
      return "none yet";
    }
    return String.join(", ", names.stream().limit(NAMES_LISTED).toList()) + (names.size() > NAMES_LISTED ? ", ..." : "");
  }
}
