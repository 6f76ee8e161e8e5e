package io.github.coexist.core.kpi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every incident the engine has seen, its ITSM points, and its attribution to a deployment.
 *
 * <p>An incident with an explicit caused-by link is attributed to that deployment, but only while
 * it is a known successful production deployment; there is no fall back to the heuristic, since
 * the link says what caused it. An incident without a link is attributed to the latest (by finish,
 * then id) successful production deployment of its service that finished at or before it opened,
 * at most the attribution window earlier. Both can change after the fact, when a deployment
 * arrives or is replaced, or when the incident is replaced with a link: the engine re-attributes
 * exactly the incidents such a change can affect. Not thread-safe.
 */
final class Incidents {
  private static final long NONE = Long.MIN_VALUE;

  private final KeyTable ids = new KeyTable();
  private final Deployments deployments;
  private final Points points;
  private final ResolutionTargets targets;
  private final long window;
  private final int heuristicPriority;
  private final ArrayList<SortedPairs> unlinkedByService = new ArrayList<>();

  private int capacity;
  private final ArrayList<IncidentFact> facts = new ArrayList<>();
  private int[] service = new int[0];
  private long[] opened = new long[0];
  private long[] resolved = new long[0];
  private int[] explicit = new int[0];
  private int[] attributed = new int[0];
  private int[] nextLink = new int[0];
  private boolean[] heuristic = new boolean[0];

  Incidents(Deployments deployments, Points points, ResolutionTargets targets, Duration attributionWindow,
      int heuristicPriority) {
    this.deployments = deployments;
    this.points = points;
    this.targets = targets;
    this.window = attributionWindow.toMillis();
    this.heuristicPriority = heuristicPriority;
  }

  /** Hears an attributed incident: its fact, the deployment it counts against, and whether by an explicit link. */
  interface AttributionVisitor {
    void visit(IncidentFact incident, int deployment, boolean explicit);
  }

  /** The index of the deployment incident {@code id} is attributed to now, negated minus one when explicit; or NONE_ATTRIBUTED. */
  long attributionOf(String id) {
    int i = ids.find(id);
    if (i < 0 || i >= capacity || facts.get(i) == null || attributed[i] < 0) {
      return NONE_ATTRIBUTED;
    }
    return explicit[i] >= 0 ? -1L - attributed[i] : attributed[i];
  }

  static final long NONE_ATTRIBUTED = Long.MIN_VALUE;

  /** When incident {@code id}, which is known, opened, in epoch milliseconds. */
  long openedAt(String id) {
    return opened[ids.find(id)];
  }

  /** Every incident attributed to a deployment now. */
  void forEachAttributed(AttributionVisitor visitor) {
    for (int i = 0; i < capacity; i++) {
      if (facts.get(i) != null && attributed[i] >= 0) {
        visitor.visit(facts.get(i), attributed[i], explicit[i] >= 0);
      }
    }
  }

  /** Replaces (or first records) incident {@code fact}, of the service with index {@code serviceIndex}. */
  void upsert(IncidentFact fact, int serviceIndex) {
    int i = ids.intern(fact.id().value());
    if (i >= capacity) {
      grow(i + 1);
    }
    if (facts.get(i) != null) {
      retract(i);
    }
    install(i, fact, serviceIndex);
  }

  /** How many incident indexes there are (some may be empty). */
  int count() {
    return ids.size();
  }

  /** Incident {@code i} as last recorded, if it is present. */
  Optional<IncidentFact> fact(int i) {
    return Optional.ofNullable(facts.get(i));
  }

  int service(int i) {
    return service[i];
  }

  /** The deployment incident {@code i} is attributed to, or -1. */
  int attributed(int i) {
    return attributed[i];
  }

  /** The incidents whose attribution deployment {@code d}, as it stands now, can decide. */
  IntList affectedBy(int d, IntList into) {
    for (int i = deployments.linkHead(d); i >= 0; i = nextLink[i]) {
      into.add(i);
    }
    if (deployments.qualifying(d)) {
      int s = deployments.service(d);
      if (s < unlinkedByService.size()) {
        long finish = deployments.finish(d);
        unlinkedByService.get(s).forEachInRange(finish, finish + window, into);
      }
    }
    return into;
  }

  void detachAll(IntList incidents) {
    for (int k = 0; k < incidents.size(); k++) {
      detach(incidents.get(k));
    }
  }

  void attributeAll(IntList incidents) {
    for (int k = 0; k < incidents.size(); k++) {
      attribute(incidents.get(k));
    }
  }

  private void retract(int i) {
    detach(i);
    IncidentFact old = facts.get(i);
    itsmPoints(old, service[i], false);
    if (explicit[i] >= 0) {
      unlink(i);
    } else {
      unlinkedByService.get(service[i]).remove(opened[i], i);
    }
    facts.set(i, null);
  }

  private void install(int i, IncidentFact fact, int serviceIndex) {
    facts.set(i, fact);
    service[i] = serviceIndex;
    opened[i] = fact.openedAt().toEpochMilli();
    resolved[i] = fact.resolvedAt().map(java.time.Instant::toEpochMilli).orElse(NONE);
    itsmPoints(fact, serviceIndex, true);
    if (fact.causedBy().isPresent()) {
      int d = deployments.index(fact.causedBy().get().value());
      explicit[i] = d;
      nextLink[i] = deployments.linkHead(d);
      deployments.linkHead(d, i);
    } else {
      explicit[i] = -1;
      // Unlinked, it is pinned on a deployment only while nobody ruled on its cause and it is serious enough.
      heuristic[i] = fact.cause() == io.github.coexist.core.incident.Verdict.UNKNOWN && fact.priority() <= heuristicPriority;
      while (unlinkedByService.size() <= serviceIndex) {
        unlinkedByService.add(new SortedPairs());
      }
      unlinkedByService.get(serviceIndex).add(opened[i], i);
    }
    attribute(i);
  }

  /** Attributes incident {@code i} to the deployment the rules name now, if that is a change. */
  private void attribute(int i) {
    int target = explicit[i] >= 0
        ? (deployments.qualifying(explicit[i]) ? explicit[i] : -1)
        : heuristic[i] ? deployments.latest(service[i], opened[i], window) : -1;
    if (target == attributed[i]) {
      return;
    }
    detach(i);
    if (target >= 0) {
      attributed[i] = target;
      deployments.attach(target);
      recoveryPoint(i, target, true);
    }
  }

  private void detach(int i) {
    int d = attributed[i];
    if (d >= 0) {
      recoveryPoint(i, d, false);
      deployments.detach(d);
      attributed[i] = -1;
    }
  }

  /** Recovery time: resolution minus the deployment's finish, for resolved incidents; negative spans are dropped. */
  private void recoveryPoint(int i, int d, boolean add) {
    if (resolved[i] == NONE) {
      return;
    }
    long recovery = resolved[i] - deployments.finish(d);
    if (recovery < 0) {
      return;
    }
    points.apply(add, Measure.RECOVERY, deployments.service(d), resolved[i], recovery);
  }

  private void itsmPoints(IncidentFact fact, int s, boolean add) {
    long open = fact.openedAt().toEpochMilli();
    fact.acknowledgedAt().ifPresent(at -> points.apply(add, Measure.ACKNOWLEDGE, s, open, at.toEpochMilli() - open));
    if (fact.resolvedAt().isPresent()) {
      long resolvedAt = fact.resolvedAt().get().toEpochMilli();
      long restore = resolvedAt - open;
      points.apply(add, Measure.RESTORE, s, resolvedAt, restore);
      points.apply(add, Measure.REOPENED, s, resolvedAt, fact.reopenCount() > 0 ? 1 : 0);
      Boolean met = fact.withinSla()
          .orElseGet(() -> targets.target(fact.priority()).map(target -> restore <= target.toMillis()).orElse(null));
      if (met != null) {
        points.apply(add, Measure.SLA_MET, s, resolvedAt, met ? 1 : 0);
      }
    }
  }

  private void unlink(int i) {
    int d = explicit[i];
    if (deployments.linkHead(d) == i) {
      deployments.linkHead(d, nextLink[i]);
    } else {
      int prev = deployments.linkHead(d);
      while (nextLink[prev] != i) {
        prev = nextLink[prev];
      }
      nextLink[prev] = nextLink[i];
    }
  }

  private void grow(int needed) {
    int grown = Math.max(needed, capacity + (capacity >> 1) + 16);
    while (facts.size() < grown) {
      facts.add(null);
    }
    service = Arrays.copyOf(service, grown);
    opened = Arrays.copyOf(opened, grown);
    resolved = Arrays.copyOf(resolved, grown);
    explicit = Arrays.copyOf(explicit, grown);
    attributed = Arrays.copyOf(attributed, grown);
    nextLink = Arrays.copyOf(nextLink, grown);
    heuristic = Arrays.copyOf(heuristic, grown);
    Arrays.fill(attributed, capacity, grown, -1);
    capacity = grown;
  }
}
