package io.github.coexist.core.kpi;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Every deployment the engine has seen, in primitive columns, with the commits they carried and
 * each commit's first successful production deployment (which sets its lead time).
 *
 * <p>Deployments are ordered by finish time, ties broken by id (the smaller id counts as earlier);
 * that one order decides both a commit's first deployment and the latest deployment an incident
 * is attributed to. A deployment that is replaced is first retracted (its points removed, commits
 * whose first deployment it was handed to their next one), then installed again. Not thread-safe.
 */
final class Deployments {
  private static final byte PRESENT = 1;
  private static final byte QUALIFYING = 2;
  private static final byte HOTFIX = 4;
  private static final byte FAILED_ATTEMPT = 8;

  private final KeyTable ids = new KeyTable();
  private final KeyTable shas = new KeyTable();
  private final Points points;
  private final ProductionEnvironments production;
  private final ArrayList<SortedPairs> qualifyingByService = new ArrayList<>();
  // logs name few environments: remember each name's verdict instead of lower-casing it per deployment
  private final java.util.HashMap<String, Boolean> productionNames = new java.util.HashMap<>();

  // per deployment index
  private int capacity;
  private byte[] flags = new byte[0];
  private int[] service = new int[0];
  private long[] finish = new long[0];
  private int[] firstOccurrence = new int[0];
  private int[] occurrenceCount = new int[0];
  private int[] attributed = new int[0];
  private int[] linkHead = new int[0];
  /** How many production rollbacks undo it: one is enough to make it failed. */
  private int[] rolledBack = new int[0];
  /** The deployment this one rolls back, while it counts as a production rollback, or -1. */
  private int[] rollbackTarget = new int[0];

  // per occurrence: one commit as one deployment listed it
  private int occurrences;
  private int[] occurrenceDeployment = new int[0];
  private int[] occurrenceSha = new int[0];
  private long[] occurrenceCommitted = new long[0];
  private int[] nextOfSameSha = new int[0];

  // per sha
  private int[] shaHead = new int[0];
  private int[] shaFirst = new int[0];

  Deployments(Points points, ProductionEnvironments production) {
    this.points = points;
    this.production = production;
  }

  /** The index of deployment {@code id}, reserving one when the id is new (a link may name it before it arrives). */
  int index(String id) {
    int d = ids.intern(id);
    if (d >= capacity) {
      grow(d + 1);
    }
    return d;
  }

  /** The id of deployment {@code d}. */
  String id(int d) {
    return ids.key(d);
  }

  boolean hotfix(int d) {
    return (flags[d] & HOTFIX) != 0;
  }

  /** Calls {@code action} with every successful production deployment of {@code service} finished in {@code [from, to)}. */
  void forEachQualifying(int service, long from, long to, IntConsumer action) {
    if (service >= 0 && service < qualifyingByService.size() && to > from) {
      qualifyingByService.get(service).forEachInRange(from, to - 1, action);
    }
  }

  boolean qualifying(int d) {
    return (flags[d] & QUALIFYING) != 0;
  }

  long finish(int d) {
    return finish[d];
  }

  int service(int d) {
    return service[d];
  }

  /** The first incident in the chain of incidents that name deployment {@code d} as their cause, or -1. */
  int linkHead(int d) {
    return linkHead[d];
  }

  void linkHead(int d, int incident) {
    linkHead[d] = incident;
  }

  /** Whether deployment {@code a} comes before {@code b}: earlier finish, or the same finish and a smaller id. */
  boolean before(int a, int b) {
    return finish[a] < finish[b] || (finish[a] == finish[b] && ids.key(a).compareTo(ids.key(b)) < 0);
  }

  /**
   * The last successful production deployment of {@code service} that finished at or before
   * {@code time} and at most {@code window} milliseconds before it, or -1.
   */
  int latest(int service, long time, long window) {
    if (service >= qualifyingByService.size()) {
      return -1;
    }
    SortedPairs candidates = qualifyingByService.get(service);
    long at = candidates.floorKey(time);
    if (at == Long.MIN_VALUE || time - at > window) {
      return -1;
    }
    int[] best = {-1};
    candidates.forEachInRange(at, at, d -> {
      if (best[0] < 0 || before(best[0], d)) {
        best[0] = d;
      }
    });
    return best[0];
  }

  /** An incident was attributed to {@code d}: the first one makes it a failed deployment, unless a rollback did. */
  void attach(int d) {
    if (attributed[d]++ == 0 && rolledBack[d] == 0) {
      points.add(Measure.FAILED_DEPLOYMENTS, service[d], finish[d], 1);
    }
  }

  /** An incident attributed to {@code d} no longer is. */
  void detach(int d) {
    if (--attributed[d] == 0 && rolledBack[d] == 0) {
      points.remove(Measure.FAILED_DEPLOYMENTS, service[d], finish[d], 1);
    }
  }

  /** Whether deployment {@code d} is a production deployment that failed. */
  boolean failedAttempt(int d) {
    return (flags[d] & FAILED_ATTEMPT) != 0;
  }

  /** How many production rollbacks undo deployment {@code d}. */
  int rollbacks(int d) {
    return rolledBack[d];
  }

  /** How many deployment ids are known (reserved ones too). */
  int size() {
    return ids.size();
  }

  /** The deployment {@code d} rolls back, or -1. */
  int rollbackTarget(int d) {
    return rollbackTarget[d];
  }

  private void rollback(int target, boolean add) {
    boolean counted = qualifying(target) && attributed[target] == 0;
    if (add ? rolledBack[target]++ == 0 : --rolledBack[target] == 0) {
      if (counted) {
        points.apply(add, Measure.FAILED_DEPLOYMENTS, service[target], finish[target], 1);
      }
    }
  }

  /** Takes deployment {@code d} out of every series; the caller has detached its incidents first. */
  void retract(int d) {
    if ((flags[d] & FAILED_ATTEMPT) != 0) {
      points.remove(Measure.FAILED_ATTEMPTS, service[d], finish[d], 1);
      flags[d] &= ~FAILED_ATTEMPT;
    }
    if ((flags[d] & PRESENT) == 0 || !qualifying(d)) {
      flags[d] &= ~QUALIFYING;
      return;
    }
    if (attributed[d] != 0) {
      throw new IllegalStateException("deployment " + ids.key(d) + " retracted with incidents attributed");
    }
    if (rolledBack[d] > 0) {
      points.remove(Measure.FAILED_DEPLOYMENTS, service[d], finish[d], 1);
    }
    if (rollbackTarget[d] >= 0) {
      rollback(rollbackTarget[d], false);
      rollbackTarget[d] = -1;
    }
    points.remove(Measure.DEPLOYMENTS, service[d], finish[d], (flags[d] & HOTFIX) != 0 ? 1 : 0);
    qualifyingByService.get(service[d]).remove(finish[d], d);
    flags[d] &= ~QUALIFYING;
    int end = firstOccurrence[d] + occurrenceCount[d];
    for (int occ = firstOccurrence[d]; occ < end; occ++) {
      int sha = occurrenceSha[occ];
      if (shaFirst[sha] == occ) {
        leadPoint(occ, false);
        shaFirst[sha] = firstOf(sha);
        if (shaFirst[sha] >= 0) {
          leadPoint(shaFirst[sha], true);
        }
      }
    }
  }

  /** Records deployment {@code d} as {@code deployment} says, after {@link #retract}. */
  void install(int d, Deployment deployment, int serviceIndex) {
    boolean qualifying = deployment.succeeded() && isProduction(deployment.environment());
    List<Commit> commits = deployment.commits();
    if ((flags[d] & PRESENT) == 0 || !sameCommits(d, commits)) {
      unlinkOccurrences(d);
      appendOccurrences(d, commits);
    }
    service[d] = serviceIndex;
    finish[d] = deployment.finishedAt().orElse(deployment.startedAt()).toEpochMilli();
    flags[d] = (byte) (PRESENT | (deployment.hotfix() ? HOTFIX : 0));
    if (deployment.failed() && isProduction(deployment.environment())) {
      flags[d] |= FAILED_ATTEMPT;
      points.add(Measure.FAILED_ATTEMPTS, serviceIndex, finish[d], 1);
    }
    if (!qualifying) {
      return;
    }
    flags[d] |= QUALIFYING;
    points.add(Measure.DEPLOYMENTS, serviceIndex, finish[d], (flags[d] & HOTFIX) != 0 ? 1 : 0);
    if (rolledBack[d] > 0) {
      points.add(Measure.FAILED_DEPLOYMENTS, serviceIndex, finish[d], 1);
    }
    if (deployment.rollbackOf().isPresent()) {
      int target = index(deployment.rollbackOf().get().value());
      rollbackTarget[d] = target;
      rollback(target, true);
    }
    while (qualifyingByService.size() <= serviceIndex) {
      qualifyingByService.add(new SortedPairs());
    }
    qualifyingByService.get(serviceIndex).add(finish[d], d);
    int end = firstOccurrence[d] + occurrenceCount[d];
    for (int occ = firstOccurrence[d]; occ < end; occ++) {
      int sha = occurrenceSha[occ];
      int current = shaFirst[sha];
      if (current < 0 || before(d, occurrenceDeployment[current])) {
        if (current >= 0) {
          leadPoint(current, false);
        }
        shaFirst[sha] = occ;
        leadPoint(occ, true);
      }
    }
  }

  private boolean isProduction(String environment) {
    Boolean known = productionNames.get(environment);
    if (known == null) {
      known = production.contains(environment);
      if (productionNames.size() < 256) {
        productionNames.put(environment, known);
      }
    }
    return known;
  }

  /** The occurrence of {@code sha} in its first successful production deployment, or -1. */
  private int firstOf(int sha) {
    int best = -1;
    for (int occ = shaHead[sha]; occ >= 0; occ = nextOfSameSha[occ]) {
      int d = occurrenceDeployment[occ];
      if (qualifying(d)) {
        int bestDeployment = best < 0 ? -1 : occurrenceDeployment[best];
        if (best < 0 || before(d, bestDeployment) || (d == bestDeployment && occ < best)) {
          best = occ;
        }
      }
    }
    return best;
  }

  /** Adds or removes the lead time point of a commit occurrence; zero or negative lead times are dropped. */
  private void leadPoint(int occ, boolean add) {
    int d = occurrenceDeployment[occ];
    long lead = finish[d] - occurrenceCommitted[occ];
    if (lead > 0) {
      points.apply(add, Measure.LEAD_TIME, service[d], finish[d], lead);
    }
  }

  private boolean sameCommits(int d, List<Commit> commits) {
    if (commits.size() != occurrenceCount[d]) {
      return false;
    }
    for (int i = 0; i < commits.size(); i++) {
      int occ = firstOccurrence[d] + i;
      Commit commit = commits.get(i);
      if (occurrenceSha[occ] != shas.find(commit.sha()) || occurrenceCommitted[occ] != commit.committedAt().toEpochMilli()) {
        return false;
      }
    }
    return true;
  }

  /** Takes a replaced deployment's old occurrences out of their sha chains (their slots are not reused). */
  private void unlinkOccurrences(int d) {
    int end = firstOccurrence[d] + occurrenceCount[d];
    for (int occ = firstOccurrence[d]; occ < end; occ++) {
      int sha = occurrenceSha[occ];
      if (shaHead[sha] == occ) {
        shaHead[sha] = nextOfSameSha[occ];
      } else {
        int prev = shaHead[sha];
        while (nextOfSameSha[prev] != occ) {
          prev = nextOfSameSha[prev];
        }
        nextOfSameSha[prev] = nextOfSameSha[occ];
      }
    }
    occurrenceCount[d] = 0;
  }

  private void appendOccurrences(int d, List<Commit> commits) {
    if (occurrences + commits.size() > occurrenceSha.length) {
      int grown = Math.max(occurrences + commits.size(), occurrenceSha.length + (occurrenceSha.length >> 1) + 16);
      occurrenceDeployment = Arrays.copyOf(occurrenceDeployment, grown);
      occurrenceSha = Arrays.copyOf(occurrenceSha, grown);
      occurrenceCommitted = Arrays.copyOf(occurrenceCommitted, grown);
      nextOfSameSha = Arrays.copyOf(nextOfSameSha, grown);
    }
    firstOccurrence[d] = occurrences;
    occurrenceCount[d] = commits.size();
    for (Commit commit : commits) {
      int sha = shas.intern(commit.sha());
      if (sha >= shaHead.length) {
        int grown = Math.max(sha + 1, shaHead.length + (shaHead.length >> 1) + 16);
        int old = shaHead.length;
        shaHead = Arrays.copyOf(shaHead, grown);
        shaFirst = Arrays.copyOf(shaFirst, grown);
        Arrays.fill(shaHead, old, grown, -1);
        Arrays.fill(shaFirst, old, grown, -1);
      }
      int occ = occurrences++;
      occurrenceDeployment[occ] = d;
      occurrenceSha[occ] = sha;
      occurrenceCommitted[occ] = commit.committedAt().toEpochMilli();
      nextOfSameSha[occ] = shaHead[sha];
      shaHead[sha] = occ;
    }
  }

  private void grow(int needed) {
    int grown = Math.max(needed, capacity + (capacity >> 1) + 16);
    flags = Arrays.copyOf(flags, grown);
    service = Arrays.copyOf(service, grown);
    finish = Arrays.copyOf(finish, grown);
    firstOccurrence = Arrays.copyOf(firstOccurrence, grown);
    occurrenceCount = Arrays.copyOf(occurrenceCount, grown);
    attributed = Arrays.copyOf(attributed, grown);
    linkHead = Arrays.copyOf(linkHead, grown);
    rolledBack = Arrays.copyOf(rolledBack, grown);
    rollbackTarget = Arrays.copyOf(rollbackTarget, grown);
    Arrays.fill(linkHead, capacity, grown, -1);
    Arrays.fill(rollbackTarget, capacity, grown, -1);
    capacity = grown;
  }
}
