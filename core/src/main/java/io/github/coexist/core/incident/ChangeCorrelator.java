package io.github.coexist.core.incident;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.internal.text.DurationText;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.service.ServiceGraph;
import io.github.coexist.core.service.ServiceId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.NullUnmarked;

/**
 * Ranks the changes and deployments suspected of causing an incident: the explicit caused-by link
 * first, then deployments and changes of the incident's own service in the window before it, then
 * those of the services it depends on, nearer dependencies first; within a group, the most recent
 * first. Each change appears once, with its latest deployment. Only production deployments and
 * changes are suspects (a staging deployment cannot break production); an explicit link counts
 * wherever it points. Safe on dependency cycles.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
final class ChangeCorrelator {
  private static final Set<ChangeState> IMPLEMENTED =
      Set.of(ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED);

  private final DeploymentLog deployments;
  private final ChangeLookup changes;
  private final CorrelationPolicy policy;
  /** Whether an environment is production: incidents are production's, so only its changes are suspects. */
  private final Predicate<String> production;

  ChangeCorrelator(DeploymentLog deployments, ChangeLookup changes, CorrelationPolicy policy, Predicate<String> production) {
    this.deployments = deployments;
    this.changes = changes;
    this.policy = policy;
    this.production = production;
  }

  Either<CoexistError, List<Suspect>> suspects(Incident incident, ServiceGraph graph) {
    Instant detected = incident.detectedAt();
    Instant from = detected.minus(policy.window());
    Map<ServiceId, Integer> hops = hopsFrom(incident.service(), graph);
    List<Candidate> candidates = new ArrayList<>();
    Set<ChangeId> seenChanges = new HashSet<>();
    Set<DeploymentId> seenDeployments = new HashSet<>();

    if (incident.causedBy().isPresent()) {
      Either<CoexistError, Candidate> explicit = explicit(incident, hops);
      if (explicit.isLeft()) {
        return Either.left(explicit.getLeft());
      }
      candidates.add(explicit.get());
      explicit.get().change.ifPresent(seenChanges::add);
      explicit.get().deployment.ifPresent(seenDeployments::add);
    }

    // Newest first, so that a change deployed twice is suspected for its latest deployment.
    List<Deployment> recent = new ArrayList<>(deployments.forServices(hops.keySet(), from, detected));
    recent.sort(Comparator.comparing(Deployment::startedAt).reversed());
    for (Deployment deployment : recent) {
      boolean changeSeen = deployment.changeId().map(c -> !seenChanges.add(c)).orElse(false);
      if (!production.test(deployment.environment()) || changeSeen || !seenDeployments.add(deployment.id())) {
        continue;
      }
      candidates.add(Candidate.of(deployment, hops.get(deployment.service())));
    }

    for (Map.Entry<ServiceId, Integer> service : hops.entrySet()) {
      Either<CoexistError, Seq<Change>> found =
          changes.forService(service.getKey(), from, detected);
      if (found.isLeft()) {
        return Either.left(found.getLeft());
      }
      for (Change change : found.get()) {
        if (IMPLEMENTED.contains(change.state()) && !change.plannedStart().isAfter(detected)
            && production.test(change.request().environment())
            && seenChanges.add(change.id())) {
          candidates.add(Candidate.of(change, service.getValue()));
        }
      }
    }

    candidates.sort(Comparator.comparing((Candidate c) -> c.kind)
        .thenComparingInt(c -> c.hops)
        .thenComparing(c -> c.at, Comparator.reverseOrder())
        .thenComparing(c -> c.key));
    List<Suspect> ranked = new ArrayList<>(candidates.size());
    for (Candidate candidate : candidates) {
      ranked.add(candidate.toSuspect(ranked.size() + 1, incident, detected));
    }
    return Either.right(List.copyOf(ranked));
  }

  private Either<CoexistError, Candidate> explicit(Incident incident, Map<ServiceId, Integer> hops) {
    CausedBy cause = incident.causedBy().orElseThrow();
    Optional<Deployment> deployment = cause.deployment().flatMap(deployments::find);
    Either<CoexistError, Optional<Change>> found = cause.change().isPresent()
        ? changes.find(cause.change().get())
        : Either.right(Optional.empty());
    if (found.isLeft()) {
      return Either.left(found.getLeft());
    }
    Optional<Change> change = found.get();
    ServiceId service = deployment.map(Deployment::service)
        .or(() -> change.map(Change::service))
        .orElse(incident.service());
    Instant at = deployment.map(Deployment::startedAt)
        .or(() -> change.map(Change::plannedStart))
        .orElse(cause.confirmedAt());
    return Either.right(new Candidate(Suspect.Kind.EXPLICIT_LINK, service, cause.change(),
        cause.deployment(), at, hops.getOrDefault(service, 0), "recorded as the cause"));
  }

  /** Breadth-first over "depends on", so each service gets its shortest distance; cycles end the walk. */
  private Map<ServiceId, Integer> hopsFrom(ServiceId start, ServiceGraph graph) {
    Map<ServiceId, Integer> hops = new LinkedHashMap<>();
    hops.put(start, 0);
    Deque<ServiceId> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      ServiceId current = todo.poll();
      int distance = hops.get(current);
      if (distance >= policy.dependencyDepth()) {
        continue;
      }
      for (ServiceId dependency : new TreeSet<>(graph.dependenciesOf(current))) {
        if (!hops.containsKey(dependency)) {
          hops.put(dependency, distance + 1);
          todo.add(dependency);
        }
      }
    }
    return hops;
  }

  private static final class Candidate {
    final Suspect.Kind kind;
    final ServiceId service;
    final Optional<ChangeId> change;
    final Optional<DeploymentId> deployment;
    final Instant at;
    final int hops;
    final String what;
    final String key;

    Candidate(Suspect.Kind kind, ServiceId service, Optional<ChangeId> change,
        Optional<DeploymentId> deployment, Instant at, int hops, String what) {
      this.kind = kind;
      this.service = service;
      this.change = change;
      this.deployment = deployment;
      this.at = at;
      this.hops = hops;
      this.what = what;
      this.key = change.map(ChangeId::value).orElse("") + "/" + deployment.map(DeploymentId::value).orElse("");
    }

    static Candidate of(Deployment d, int hops) {
      String status = switch (d.status()) {
        case SUCCESS -> "deployed";
        case FAILURE -> "had a failed deployment";
        case IN_PROGRESS -> "was being deployed";
      };
      return new Candidate(hops == 0 ? Suspect.Kind.SAME_SERVICE : Suspect.Kind.DEPENDENCY, d.service(),
          d.changeId(), Optional.of(d.id()), d.startedAt(), hops, status + " (deployment " + d.id() + ")");
    }

    static Candidate of(Change c, int hops) {
      return new Candidate(hops == 0 ? Suspect.Kind.SAME_SERVICE : Suspect.Kind.DEPENDENCY, c.service(),
          Optional.of(c.id()), Optional.empty(), c.plannedStart(), hops,
          "was changed (change " + c.id() + ", " + c.state().name().toLowerCase(Locale.ROOT) + ")");
    }

    Suspect toSuspect(int rank, Incident incident, Instant detected) {
      String when = DurationText.of(Duration.between(at, detected))
          + (at.isAfter(detected) ? " after" : " before") + " the incident was detected";
      String reason = switch (kind) {
        case EXPLICIT_LINK -> describe() + " is " + what + " of this incident";
        case SAME_SERVICE -> service + " " + what + " " + when;
        case DEPENDENCY -> service + ", which " + incident.service() + " depends on"
            + (hops == 1 ? " directly" : " through " + hops + " steps") + ", " + what + " " + when;
      };
      return new Suspect(rank, kind, service, change, deployment, at, hops, reason);
    }

    private String describe() {
      return change.map(c -> "change " + c).orElseGet(() -> "deployment " + deployment.orElseThrow());
    }
  }
}
