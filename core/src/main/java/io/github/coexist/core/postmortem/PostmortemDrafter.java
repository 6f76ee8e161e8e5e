package io.github.coexist.core.postmortem;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.AlertTrace;
import io.github.coexist.core.incident.CausedBy;
import io.github.coexist.core.incident.ChangeLookup;
import io.github.coexist.core.internal.text.DurationText;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentActivity;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.SlaStatus;
import io.github.coexist.core.incident.Suspect;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceGraph;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes blameless postmortem drafts. The timeline gathers the incident's alerts and activity and
 * the deployments and changes of its service and the services it depends on, from the correlation
 * window before detection to resolution. Contributing factors and action items are derived from
 * facts (the confirmed cause or the strongest suspect, the change's evidence, how the failure was
 * detected, SLA clocks, reopenings, flapping, the blast radius) and phrased about systems and
 * processes; as a last guard, any person's name that reaches them is replaced. Thread-safe.
 */
public final class PostmortemDrafter {
  private static final String SOMEONE = "a responder";

  private final Clock clock;
  private final IncidentDesk desk;
  private final ServiceDirectory services;
  private final DeploymentLog deployments;
  private final ChangeLookup changes;
  private final Duration lookBack;

  private PostmortemDrafter(Builder b) {
    this.clock = b.clock;
    this.desk = b.desk;
    this.services = b.services;
    this.deployments = b.deployments;
    this.changes = b.changes;
    this.lookBack = b.lookBack;
  }

  /** A builder for a drafter that reads incidents from {@code desk} and services from {@code services}. */
  public static Builder builder(Clock clock, IncidentDesk desk, ServiceDirectory services) {
    return new Builder(clock, desk, services);
  }

  /** The draft for incident {@code id}, open or not. */
  public Either<CoexistError, Postmortem> draft(IncidentId id) {
    return desk.incident(id).flatMap(incident -> desk.suspects(id).flatMap(suspects -> desk.sla(id).flatMap(sla ->
        services.graph().flatMap(graph -> around(incident, graph).map(nearby ->
            compose(incident, suspects, sla, graph, nearby, clock.instant()))))));
  }

  /** The deployments and changes of the service and its dependencies around the incident. */
  private Either<CoexistError, Nearby> around(Incident incident, ServiceGraph graph) {
    Instant from = incident.detectedAt().minus(lookBack);
    Instant to = incident.resolvedAt().orElse(clock.instant());
    Set<ServiceId> scope = new TreeSet<>(graph.transitiveDependencies(incident.service()));
    scope.add(incident.service());
    List<Change> found = new ArrayList<>();
    for (ServiceId service : scope) {
      Either<CoexistError, Seq<Change>> some = changes.forService(service, from, to);
      if (some.isLeft()) {
        return Either.left(some.getLeft());
      }
      some.get().forEach(found::add);
    }
    Optional<Change> cause = Optional.empty();
    if (incident.causedBy().flatMap(CausedBy::change).isPresent()) {
      Either<CoexistError, Optional<Change>> known = changes.find(incident.causedBy().get().change().get());
      if (known.isLeft()) {
        return Either.left(known.getLeft());
      }
      cause = known.get();
    }
    return Either.right(new Nearby(deployments.forServices(scope, from, to), found, cause));
  }

  static Postmortem compose(Incident incident, List<Suspect> suspects, SlaStatus sla, ServiceGraph graph,
      Nearby nearby, Instant now) {
    SortedSet<ServiceId> dependents = graph.blastRadius(incident.service());
    ImpactSummary impact = new ImpactSummary(
        incident.service(),
        dependents,
        incident.priority(),
        incident.major(),
        incident.detectedAt(),
        incident.resolvedAt(),
        Duration.between(incident.detectedAt(), incident.resolvedAt().orElse(now)),
        incident.acknowledgedAt().map(at -> Duration.between(incident.openedAt(), at)),
        incident.alerts().map(AlertTrace::count).orElse(0),
        incident.reopenCount(),
        sla.breached());
    Names names = Names.of(incident, nearby);
    List<String> factors = names.scrub(factors(incident, suspects, sla, impact, nearby));
    List<ActionItem> actions = actions(incident, suspects, sla, nearby).stream()
        .map(a -> new ActionItem(a.kind(), names.scrub(a.title()), a.service(), a.owner()))
        .toList();
    return new Postmortem(incident.id(), incident.title(), now, names.scrub(summary(incident, impact)), impact,
        timeline(incident, nearby), factors, actions);
  }

  // ---------------------------------------------------------------------------------- timeline

  private static List<TimelineEntry> timeline(Incident incident, Nearby nearby) {
    List<TimelineEntry> entries = new ArrayList<>();
    incident.alerts().ifPresent(trace -> {
      Optional<Actor> monitor = Optional.of(Actor.system(trace.source()));
      entries.add(new TimelineEntry(trace.firstAt(), TimelineEntry.Kind.ALERT, monitor,
          "alert " + trace.correlationKey() + " fired"));
      if (trace.count() > 1 || trace.clears() > 0) {
        entries.add(new TimelineEntry(trace.lastAt(), TimelineEntry.Kind.ALERT, monitor, "alert "
            + trace.correlationKey() + " fired " + trace.count() + " times and cleared " + trace.clears()
            + " times in all; this was the last of them"));
      }
    });
    for (IncidentActivity activity : incident.activity()) {
      entries.add(new TimelineEntry(activity.at(), TimelineEntry.Kind.INCIDENT, Optional.of(activity.actor()),
          describe(activity)));
    }
    for (Deployment d : nearby.deployments) {
      entries.add(new TimelineEntry(d.startedAt(), TimelineEntry.Kind.DEPLOYMENT, Optional.empty(),
          "deployment " + d.id() + " of " + d.service() + " to " + d.environment() + " started"
              + d.changeId().map(c -> " under change " + c).orElse("")
              + d.hotfixFor().map(i -> " as a hotfix for " + i).orElse("")
              + " (" + d.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + d.finishedAt().map(f -> ", took " + DurationText.of(Duration.between(d.startedAt(), f))).orElse("")
              + ")"));
    }
    for (Change c : nearby.changes) {
      // Blameless: a change's entry names the change, never the person who asked for it.
      entries.add(new TimelineEntry(c.plannedStart(), TimelineEntry.Kind.CHANGE,
          Optional.empty(), "change " + c.id() + " to " + c.service() + " planned to start ("
              + c.type().name().toLowerCase(Locale.ROOT) + ", risk " + c.risk().level().name().toLowerCase(Locale.ROOT)
              + ", now " + c.state().name().toLowerCase(Locale.ROOT) + ")"));
    }
    entries.sort(Comparator.comparing(TimelineEntry::at)); // stable: equal times keep the order above
    return entries;
  }

  private static String describe(IncidentActivity activity) {
    String what = switch (activity.action()) {
      case OPENED -> "incident opened";
      case ACKNOWLEDGED -> "acknowledged";
      case ASSIGNED -> "reassigned";
      case PRIORITY_CHANGED -> "priority changed";
      case HELD -> "put on hold";
      case RESUMED -> "taken off hold";
      case RESOLVED -> "resolved";
      case REOPENED -> "reopened";
      case CLOSED -> "closed";
      case CANCELED -> "canceled";
      case MARKED_MAJOR -> "declared a major incident";
      case CAUSE_CONFIRMED -> "cause confirmed";
      case VERDICT_GIVEN -> "verdict on the cause";
      case ALERT_CLEARED -> "alert cleared, incident left open";
      case ALERT_FLAPPING -> "alert started flapping";
      case ROLE_ASSIGNED -> "role taken";
      case STAKEHOLDER_UPDATE -> "stakeholders updated";
      case STAKEHOLDER_UPDATE_DUE -> "stakeholder update due";
      case PROBLEM_LINKED -> "problem";
    };
    return activity.detail().isBlank() || activity.detail().equals(what) ? what : what + ": " + activity.detail();
  }

  // ---------------------------------------------------------------------------------- findings

  private static String summary(Incident incident, ImpactSummary impact) {
    String detected = incident.openedBy().kind() == Actor.Kind.PERSON ? "reported by a person"
        : "detected by " + incident.openedBy().name();
    String state = impact.ongoing() ? "still not resolved after " + DurationText.of(impact.duration())
        : "resolved after " + DurationText.of(impact.duration());
    String spread = impact.dependents().isEmpty() ? "No other service depends on " + incident.service() + "."
        : dependOn(impact.dependents().size()) + incident.service() + ".";
    return impact.priority().label() + (impact.major() ? " major" : "") + " incident on " + incident.service()
        + ", " + detected + ", " + state + ". " + spread;
  }

  private static List<String> factors(Incident incident, List<Suspect> suspects, SlaStatus sla, ImpactSummary impact,
      Nearby nearby) {
    List<String> factors = new ArrayList<>();
    ServiceId service = incident.service();
    if (incident.causedBy().isPresent()) {
      CausedBy cause = incident.causedBy().get();
      Optional<ServiceId> causeService = suspects.stream().filter(s -> s.kind() == Suspect.Kind.EXPLICIT_LINK)
          .findFirst().map(Suspect::service);
      factors.add("The confirmed cause is " + cause.describe()
          + causeService.map(s -> " to " + s).orElse("") + ".");
      causeService.filter(s -> !s.equals(service)).ifPresent(s -> factors.add("The cause lay in " + s
          + ", which " + service + " depends on: a change there reached " + service + " without being checked against it."));
      nearby.cause.ifPresent(change -> factors.addAll(changeFactors(change)));
    } else if (!suspects.isEmpty()) {
      factors.add("No cause is confirmed yet; the strongest suspect: " + suspects.get(0).reason() + ".");
    } else {
      factors.add("No deployment or change of " + service + " or its dependencies falls in the window before the"
          + " incident: the cause lies outside what the pipeline records.");
    }
    if (incident.openedBy().kind() == Actor.Kind.PERSON) {
      factors.add("The failure was reported by a person, not detected by monitoring: alerting does not cover it.");
    }
    if (sla.response().breached()) {
      factors.add("The first response took " + DurationText.of(sla.response().elapsed()) + ", beyond the "
          + DurationText.of(sla.response().target()) + " target: the alert or the on-call route did not reach a"
          + " responder in time.");
    }
    if (sla.resolution().breached()) {
      factors.add("Restoring service took " + DurationText.of(sla.resolution().elapsed()) + " of working time, beyond"
          + " the " + DurationText.of(sla.resolution().target()) + " target.");
    }
    if (sla.resolution().paused().compareTo(Duration.ZERO) > 0) {
      factors.add("The incident spent " + DurationText.of(sla.resolution().paused())
          + " on hold, waiting on something outside the team.");
    }
    if (incident.reopenCount() > 0) {
      factors.add("The first resolution did not hold: the incident was reopened " + times(incident.reopenCount()) + ".");
    }
    if (flapped(incident)) {
      factors.add("The alert flapped between firing and clear, which made the state of " + service + " hard to read.");
    }
    if (!impact.dependents().isEmpty()) {
      factors.add(dependOn(impact.dependents().size()) + service + " (" + String.join(", ",
          impact.dependents().stream().map(ServiceId::value).toList()) + "), so its failure reached them too.");
    }
    if (incident.assignmentGroup().isEmpty()) {
      factors.add(service + " is not in the service directory, so the incident could not be routed to an owning team.");
    }
    return factors;
  }

  private static List<String> changeFactors(Change change) {
    List<String> factors = new ArrayList<>();
    PipelineEvidence evidence = change.request().evidence();
    List<String> missing = new ArrayList<>();
    check(missing, "tests", evidence.tests());
    check(missing, "code review", evidence.review());
    check(missing, "security scan", evidence.securityScan());
    evidence.otherChecks().forEach((name, status) -> check(missing, name, status));
    if (!missing.isEmpty()) {
      factors.add("Change " + change.id() + " went out with " + String.join(", ", missing) + ".");
    }
    if (!change.request().rollbackPlan()) {
      factors.add("Change " + change.id() + " had no rollback plan, so undoing it meant a new change.");
    }
    if (change.type() == ChangeType.EMERGENCY) {
      factors.add("Change " + change.id() + " was an emergency change, assessed in a hurry.");
    }
    return factors;
  }

  private static void check(List<String> missing, String name, EvidenceStatus status) {
    if (status == EvidenceStatus.FAILED) {
      missing.add(name + " failing");
    } else if (status == EvidenceStatus.MISSING) {
      missing.add(name + " missing");
    }
  }

  private static List<ActionItem> actions(Incident incident, List<Suspect> suspects, SlaStatus sla, Nearby nearby) {
    List<ActionItem> items = new ArrayList<>();
    ServiceId service = incident.service();
    Optional<TeamId> owner = incident.assignmentGroup();
    if (incident.causedBy().isPresent()) {
      items.add(new ActionItem(ActionItem.Kind.PROBLEM, "Find and remove the root cause behind "
          + incident.causedBy().get().describe() + " breaking " + service, service, owner));
    } else if (!suspects.isEmpty()) {
      Suspect top = suspects.get(0);
      items.add(new ActionItem(ActionItem.Kind.PROBLEM, "Confirm or rule out the suspects, starting with "
          + top.change().map(c -> "change " + c).orElseGet(() -> "deployment " + top.deployment().orElseThrow())
          + " to " + top.service(), service, owner));
    } else {
      items.add(new ActionItem(ActionItem.Kind.PROBLEM, "Find the cause of '" + incident.title() + "' on " + service,
          service, owner));
    }
    nearby.cause.ifPresent(change -> {
      if (!change.request().evidence().allChecksPassed()) {
        items.add(new ActionItem(ActionItem.Kind.CHANGE, "Make the pipeline of " + change.service()
            + " require every check to pass before it deploys", change.service(), Optional.of(change.assignmentGroup())));
      }
      if (!change.request().rollbackPlan()) {
        items.add(new ActionItem(ActionItem.Kind.CHANGE, "Give deployments of " + change.service()
            + " an automated rollback", change.service(), Optional.of(change.assignmentGroup())));
      }
    });
    if (incident.openedBy().kind() == Actor.Kind.PERSON) {
      items.add(new ActionItem(ActionItem.Kind.IMPROVEMENT, "Add an alert on " + service + " that detects '"
          + incident.title() + "'", service, owner));
    }
    if (sla.response().breached()) {
      items.add(new ActionItem(ActionItem.Kind.IMPROVEMENT, "Review how alerts on " + service
          + " reach the on-call responder", service, owner));
    }
    if (flapped(incident)) {
      items.add(new ActionItem(ActionItem.Kind.IMPROVEMENT, "Tune alert " + incident.alerts().map(
          AlertTrace::correlationKey).orElse("") + " so it stops flapping (longer evaluation, hysteresis)", service, owner));
    }
    if (incident.assignmentGroup().isEmpty()) {
      items.add(new ActionItem(ActionItem.Kind.IMPROVEMENT, "Register " + service
          + " in the service directory with its owning team", service, owner));
    }
    return items;
  }

  private static boolean flapped(Incident incident) {
    return incident.activity().stream().anyMatch(a -> a.action() == IncidentActivity.Action.ALERT_FLAPPING);
  }

  private static String dependOn(int services) {
    return services == 1 ? "1 service depends on " : services + " services depend on ";
  }

  private static String times(int n) {
    return n == 1 ? "once" : n + " times";
  }

  /** What was found around the incident. */
  record Nearby(List<Deployment> deployments, List<Change> changes, Optional<Change> cause) {
    Nearby {
      deployments = List.copyOf(deployments);
      changes = List.copyOf(changes);
      Objects.requireNonNull(cause, "cause");
    }
  }

  /**
   * The names of the people involved, to keep them out of the findings: the factors and action
   * items are built from facts and should not name anyone, and this guard makes sure.
   */
  private static final class Names {
    private final Optional<Pattern> anyName;

    private Names(Optional<Pattern> anyName) {
      this.anyName = anyName;
    }

    static Names of(Incident incident, Nearby nearby) {
      Set<String> names = new LinkedHashSet<>();
      add(names, incident.openedBy());
      incident.activity().forEach(a -> add(names, a.actor()));
      incident.causedBy().ifPresent(c -> add(names, c.confirmedBy()));
      nearby.changes.forEach(c -> add(names, c.request().requester()));
      nearby.cause.ifPresent(c -> add(names, c.request().requester()));
      if (names.isEmpty()) {
        return new Names(Optional.empty());
      }
      // One alternation, longest names first, applied in one pass: a replacement is never rescanned.
      String alternation = names.stream().sorted(Comparator.comparingInt(String::length).reversed())
          .map(Pattern::quote).collect(Collectors.joining("|"));
      return new Names(Optional.of(Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + alternation + ")(?![\\p{L}\\p{N}_])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
    }

    private static void add(Set<String> names, Actor actor) {
      if (actor.kind() == Actor.Kind.PERSON) {
        names.add(actor.name());
      }
    }

    String scrub(String text) {
      return anyName.map(p -> p.matcher(text).replaceAll(Matcher.quoteReplacement(SOMEONE))).orElse(text);
    }

    List<String> scrub(List<String> texts) {
      return texts.stream().map(this::scrub).toList();
    }
  }

  /** Configures a {@link PostmortemDrafter}. */
  public static final class Builder {
    private final Clock clock;
    private final IncidentDesk desk;
    private final ServiceDirectory services;
    private DeploymentLog deployments = new DeploymentLog();
    private ChangeLookup changes = ChangeLookup.none();
    private Duration lookBack = Duration.ofHours(24);

    private Builder(Clock clock, IncidentDesk desk, ServiceDirectory services) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.desk = Objects.requireNonNull(desk, "desk");
      this.services = Objects.requireNonNull(services, "services");
    }

    /** The deployments to put on the timeline; give the desk's log. Empty unless set. */
    public Builder deployments(DeploymentLog deployments) {
      this.deployments = Objects.requireNonNull(deployments, "deployments");
      return this;
    }

    /** Where changes are read; give the desk's lookup. {@link ChangeLookup#none()} unless set. */
    public Builder changes(ChangeLookup changes) {
      this.changes = Objects.requireNonNull(changes, "changes");
      return this;
    }

    /** How far before detection the timeline starts; 24 hours unless set. */
    public Builder lookBack(Duration lookBack) {
      if (Objects.requireNonNull(lookBack, "lookBack").isNegative()) {
        throw new IllegalArgumentException("the look-back must not be negative, was " + lookBack);
      }
      this.lookBack = lookBack;
      return this;
    }

    /** The drafter. */
    public PostmortemDrafter build() {
      return new PostmortemDrafter(this);
    }
  }
}
