package io.github.coexist.core.kpi;

import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** The engine's state and its updates, without locking ({@link KpiEngine} guards it). */
final class KpiState {
  private final KeyTable services = new KeyTable();
  private final Map<ServiceId, TeamId> teams = new TreeMap<>();
  private final Points points = new Points();
  private final Deployments deployments;
  private final Incidents incidents;
  private final FactBook<ChangeFact> changes = new FactBook<>(this::changePoints);
  private final FactBook<FeedbackFact> feedback = new FactBook<>(this::feedbackPoints);
  /** Each incident's service index, by incident id: an answer on an incident ticket counts for it. */
  private final Map<String, Integer> incidentServices = new HashMap<>();
  /** The answers that name no service, by ticket, until an incident with that id places them. */
  private final Map<String, FeedbackFact> unplaced = new HashMap<>();
  /** The incidents one deployment's change re-attributes; one list, reused (the engine's lock guards it). */
  private final IntList affected = new IntList();
  private long earliest = Long.MAX_VALUE;
  private long latest = Long.MIN_VALUE;

  KpiState(ProductionEnvironments production, Duration attributionWindow, ResolutionTargets targets,
      Map<ServiceId, TeamId> teams, int heuristicPriority) {
    this.deployments = new Deployments(points, production);
    this.incidents = new Incidents(deployments, points, targets, attributionWindow, heuristicPriority);
    this.teams.putAll(teams);
  }

  void add(Deployment deployment) {
    seen(deployment.startedAt());
    if (deployment.finishedAt().isPresent()) {
      seen(deployment.finishedAt().get());
    }
    int d = deployments.index(deployment.id().value());
    // incidents the old version decides, and those the new version decides, are attributed afresh
    affected.clear();
    incidents.affectedBy(d, affected);
    incidents.detachAll(affected);
    deployments.retract(d);
    deployments.install(d, deployment, services.intern(deployment.service().value()));
    incidents.affectedBy(d, affected);
    incidents.attributeAll(affected);
  }

  void add(IncidentFact incident) {
    seen(incident.openedAt());
    incident.acknowledgedAt().ifPresent(this::seen);
    incident.resolvedAt().ifPresent(this::seen);
    int service = services.intern(incident.service().value());
    incidents.upsert(incident, service);
    Integer before = incidentServices.put(incident.id().value(), service);
    FeedbackFact answer = unplaced.get(incident.id().value());
    if (answer != null && (before == null || before != service)) {
      feedback.upsert(answer.ticket(), answer, service);
    }
  }

  void add(ChangeFact change) {
    seen(change.createdAt());
    change.closedAt().ifPresent(this::seen);
    changes.upsert(change.id().value(), change, services.intern(change.service().value()));
  }

  void add(FeedbackFact answer) {
    seen(answer.at());
    int service;
    if (answer.service().isPresent()) {
      unplaced.remove(answer.ticket());
      service = services.intern(answer.service().get().value());
    } else {
      // An answer that names no service counts for the service of the incident it is about.
      unplaced.put(answer.ticket(), answer);
      service = incidentServices.getOrDefault(answer.ticket(), -1);
    }
    feedback.upsert(answer.ticket(), answer, service);
  }

  void assign(ServiceId service, TeamId team) {
    teams.put(service, team);
  }

  /** Every service a fact named, in the order first named. */
  List<ServiceId> services() {
    List<ServiceId> all = new ArrayList<>(services.size());
    for (int i = 0; i < services.size(); i++) {
      all.add(ServiceId.of(services.key(i)));
    }
    return all;
  }

  /** The owners assigned so far. */
  Map<ServiceId, TeamId> owners() {
    return Map.copyOf(teams);
  }

  Optional<TimeWindow> span() {
    if (earliest > latest) {
      return Optional.empty();
    }
    return Optional.of(new TimeWindow(Instant.ofEpochMilli(earliest), Instant.ofEpochMilli(latest + 1)));
  }

  KpiReport query(KpiQuery query) {
    return Reports.report(query, scopes(query.scope()));
  }

  /** The deployments and incidents behind {@link #query} of the same query; scans the incidents once. */
  KpiBasis basis(KpiQuery query) {
    int[] scoped = serviceIndexes(query.scope());
    long from = query.window().fromMillis();
    long to = query.window().toMillis();
    Map<Integer, List<IncidentId>> byDeployment = new HashMap<>();
    List<KpiBasis.Incident> found = new ArrayList<>();
    for (int i = 0; i < incidents.count(); i++) {
      int d = incidents.attributed(i);
      Optional<IncidentFact> fact = incidents.fact(i);
      if (fact.isEmpty()) {
        continue;
      }
      if (d >= 0) {
        byDeployment.computeIfAbsent(d, k -> new ArrayList<>()).add(fact.get().id());
      }
      if (contains(scoped, incidents.service(i)) && (query.window().contains(fact.get().openedAt())
          || fact.get().resolvedAt().filter(query.window()::contains).isPresent())) {
        found.add(new KpiBasis.Incident(fact.get(),
            d >= 0 ? Optional.of(DeploymentId.of(deployments.id(d))) : Optional.empty()));
      }
    }
    found.sort(Comparator.comparing((KpiBasis.Incident i) -> i.fact().openedAt()).thenComparing(i -> i.fact().id()));
    Map<String, List<String>> why = new HashMap<>();
    failures(query).forEach(failure -> why.put(failure.deployment().value(), failure.why()));
    List<Integer> counted = new ArrayList<>();
    for (int s : scoped) {
      deployments.forEachQualifying(s, from, to, counted::add);
    }
    for (int d = 0; d < deployments.size(); d++) {
      if (deployments.failedAttempt(d) && deployments.finish(d) >= from && deployments.finish(d) < to
          && contains(scoped, deployments.service(d))) {
        counted.add(d);
      }
    }
    counted.sort((a, b) -> a.equals(b) ? 0 : deployments.before(a, b) ? -1 : 1);
    List<KpiBasis.Deployment> deployed = new ArrayList<>(counted.size());
    for (int d : counted) {
      deployed.add(new KpiBasis.Deployment(DeploymentId.of(deployments.id(d)), ServiceId.of(services.key(deployments.service(d))),
          Instant.ofEpochMilli(deployments.finish(d)), deployments.hotfix(d), byDeployment.getOrDefault(d, List.of()),
          why.getOrDefault(deployments.id(d), List.of())));
    }
    return new KpiBasis(deployed, found);
  }

  private static boolean contains(int[] sorted, int value) {
    return Arrays.binarySearch(sorted, value) >= 0;
  }

  /** The indexes of the services in {@code scope}, sorted; services never named are left out. */
  private int[] serviceIndexes(KpiScope scope) {
    if (scope instanceof KpiScope.OfService one) {
      int s = services.find(one.service().value());
      return s < 0 ? new int[0] : new int[] {s};
    }
    if (scope instanceof KpiScope.OfTeam team) {
      return teams.entrySet().stream().filter(e -> e.getValue().equals(team.team()))
          .mapToInt(e -> services.find(e.getKey().value())).filter(s -> s >= 0).sorted().toArray();
    }
    return IntStream.range(0, services.size()).toArray();
  }

  /** The failed production deployments of the query's scope that finished in its window, by finish then id, with why. */
  List<FailedDeployment> failures(KpiQuery query) {
    long from = query.window().fromMillis();
    long to = query.window().toMillis();
    int[] inScope = serviceIndexes(query.scope());
    java.util.function.IntPredicate counts = d -> (deployments.qualifying(d) || deployments.failedAttempt(d))
        && deployments.finish(d) >= from
        && deployments.finish(d) < to && contains(inScope, deployments.service(d));
    Map<Integer, java.util.TreeMap<String, String>> why = new TreeMap<>();
    incidents.forEachAttributed((incident, d, explicit) -> {
      if (counts.test(d)) {
        long after = incident.openedAt().toEpochMilli() - deployments.finish(d);
        why.computeIfAbsent(d, k -> new TreeMap<>()).put("1" + incident.id().value(), incident.id().value()
            + " (P" + incident.priority() + "): " + (explicit ? "explicit link" : "heuristic, " + after(after)));
      }
    });
    for (int r = 0; r < deployments.size(); r++) {
      if (deployments.failedAttempt(r) && counts.test(r)) {
        why.computeIfAbsent(r, k -> new TreeMap<>()).put("0", "deployment failed");
      }
      int target = deployments.rollbackTarget(r);
      if (target >= 0 && counts.test(target)) {
        why.computeIfAbsent(target, k -> new TreeMap<>()).put("2" + deployments.id(r),
            "rollback detected: deployment " + deployments.id(r));
      }
    }
    List<FailedDeployment> failed = new ArrayList<>();
    why.forEach((d, reasons) -> failed.add(new FailedDeployment(
        io.github.coexist.core.kernel.DeploymentId.of(deployments.id(d)), ServiceId.of(services.key(deployments.service(d))),
        Instant.ofEpochMilli(deployments.finish(d)), List.copyOf(reasons.values()))));
    failed.sort(java.util.Comparator.comparing(FailedDeployment::finishedAt)
        .thenComparing(f -> f.deployment().value()));
    return failed;
  }

  /** The deployment incident {@code id} counts against now, and why. */
  Optional<Attribution> attribution(String id) {
    long a = incidents.attributionOf(id);
    if (a == Incidents.NONE_ATTRIBUTED) {
      return Optional.empty();
    }
    boolean explicit = a < 0;
    int d = (int) (explicit ? -1L - a : a);
    String why = "explicit link";
    if (!explicit) {
      why = "heuristic, " + after(incidents.openedAt(id) - deployments.finish(d));
    }
    return Optional.of(new Attribution(io.github.coexist.core.kernel.DeploymentId.of(deployments.id(d)), explicit, why));
  }

  private static String after(long millis) {
    long minutes = millis / 60_000;
    return minutes < 60 ? minutes + " min after" : minutes / 60 + " h after";
  }

  private List<Points.Scope> scopes(KpiScope scope) {
    if (scope instanceof KpiScope.OfService) {
      return points.services(services.find(((KpiScope.OfService) scope).service().value()));
    }
    if (scope instanceof KpiScope.OfTeam) {
      TeamId team = ((KpiScope.OfTeam) scope).team();
      List<Integer> owned = new ArrayList<>();
      teams.forEach((service, owner) -> {
        if (owner.equals(team)) {
          owned.add(services.find(service.value()));
        }
      });
      return points.services(owned.stream().mapToInt(Integer::intValue).toArray());
    }
    return List.of(points.organisation());
  }

  private void seen(Instant instant) {
    long millis = instant.toEpochMilli();
    earliest = Math.min(earliest, millis);
    latest = Math.max(latest, millis);
  }

  private void changePoints(ChangeFact change, int service, boolean add) {
    long created = change.createdAt().toEpochMilli();
    points.apply(add, Measure.EMERGENCY_CHANGES, service, created, change.type() == ChangeType.EMERGENCY ? 1 : 0);
    points.apply(add, Measure.AUTO_APPROVED_CHANGES, service, created, change.autoApproved() ? 1 : 0);
    change.closedAt().ifPresent(closed ->
        points.apply(add, Measure.SUCCESSFUL_CHANGES, service, closed.toEpochMilli(), change.successful() ? 1 : 0));
  }

  private void feedbackPoints(FeedbackFact answer, int service, boolean add) {
    long at = answer.at().toEpochMilli();
    points.apply(add, Measure.RATINGS, service, at, answer.rating());
    points.apply(add, Measure.SATISFIED, service, at, answer.satisfied() ? 1 : 0);
  }
}
