package io.github.coexist.benchmarks;

import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generated facts for the KPI benchmark, the same for coexist's engine and for DuckDB: deployments
 * spread over three years (2022 to 2024) across 100 services, about three commits each (commits of
 * a failed or staging deployment are carried again by the service's next deployment, so some
 * commits are deployed twice), incidents shortly after a deployment (40 % with an explicit link),
 * plus changes and satisfaction answers. Deterministic for a seed.
 *
 * @param deployments every deployment, in finish order
 * @param incidents every incident
 * @param changes every change
 * @param feedback every satisfaction answer
 */
public record KpiData(List<Deployment> deployments, List<IncidentFact> incidents, List<ChangeFact> changes,
    List<FeedbackFact> feedback) {

  /** 2022-01-01T00:00:00Z: the data's first day. */
  public static final Instant START = Instant.parse("2022-01-01T00:00:00Z");
  /** The data's span: three years. */
  public static final Duration SPAN = Duration.ofDays(3 * 365 + 1);

  /**
   * Generates the data.
   *
   * @param deploymentCount how many deployments
   * @param incidentCount how many incidents
   * @param grid finish and opening times are multiples of this many milliseconds (1 for realistic
   *     data; an hour makes ties between deployments common, for the agreement test)
   * @param seed the random seed
   */
  public static KpiData generate(int deploymentCount, int incidentCount, long grid, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int services = 100;
    long start = START.toEpochMilli();
    long step = SPAN.toMillis() / deploymentCount;
    List<Deployment> deployments = new ArrayList<>(deploymentCount);
    List<List<Commit>> pending = new ArrayList<>();
    for (int s = 0; s < services; s++) {
      pending.add(new ArrayList<>());
    }
    long commitNumber = 0;
    for (int i = 0; i < deploymentCount; i++) {
      int service = random.nextInt(services);
      long finish = snap(start + i * step + random.nextLong(step), grid);
      boolean staging = random.nextInt(10) == 0;
      boolean success = random.nextInt(20) != 0;
      List<Commit> commits = new ArrayList<>(pending.get(service));
      int fresh = 1 + random.nextInt(4);
      for (int c = 0; c < fresh; c++) {
        // lead times from a minute to about five days, most under a day
        long lead = 60_000 + (long) (Math.pow(random.nextDouble(), 3) * 5 * 86_400_000L);
        commits.add(new Commit(sha(++commitNumber), Instant.ofEpochMilli(finish - lead)));
      }
      pending.get(service).clear();
      if (staging || !success) {
        pending.get(service).addAll(commits.subList(commits.size() - fresh, commits.size()));
      }
      Optional<IncidentId> hotfix = random.nextInt(33) == 0 ? Optional.of(IncidentId.of("INC" + random.nextInt(incidentCount + 1)))
          : Optional.empty();
      String environment = staging ? "staging" : (random.nextBoolean() ? "production" : "prod");
      deployments.add(new Deployment(DeploymentId.of("d" + i), ServiceId.of("svc" + service), environment,
          success ? Deployment.Status.SUCCESS : Deployment.Status.FAILURE, Instant.ofEpochMilli(finish - 600_000),
          Optional.of(Instant.ofEpochMilli(finish)), commits, Optional.empty(), hotfix, Optional.empty(), Optional.empty()));
    }
    List<IncidentFact> incidents = new ArrayList<>(incidentCount);
    for (int i = 0; i < incidentCount; i++) {
      Deployment cause = deployments.get(random.nextInt(deploymentCount));
      Instant opened = Instant.ofEpochMilli(snap(cause.finishedAt().get().toEpochMilli() + random.nextLong(30 * 3_600_000L), grid));
      IncidentFact.Builder incident = IncidentFact.builder()
          .id("INC" + i)
          .service(cause.service().value())
          .priority(1 + random.nextInt(5))
          .openedAt(opened)
          .acknowledgedAt(opened.plusMillis(random.nextLong(7_200_000)))
          .reopenCount(random.nextInt(20) == 0 ? 1 : 0);
      if (random.nextInt(10) < 4) {
        incident.causedBy(cause.id().value());
      }
      if (random.nextInt(10) != 0) {
        incident.resolvedAt(opened.plusMillis(300_000 + random.nextLong(4 * 86_400_000L)));
      }
      incidents.add(incident.build().get());
    }
    List<ChangeFact> changes = new ArrayList<>();
    for (int i = 0; i < incidentCount; i++) {
      Instant created = START.plusMillis(random.nextLong(SPAN.toMillis()));
      ChangeFact.Builder change = ChangeFact.builder()
          .id("CHG" + i)
          .service("svc" + random.nextInt(services))
          .type(ChangeType.values()[random.nextInt(3)])
          .createdAt(created)
          .autoApproved(random.nextBoolean());
      if (random.nextInt(10) != 0) {
        change.closedAt(created.plusMillis(random.nextLong(2 * 86_400_000L)))
            .closeCode(CloseCode.values()[random.nextInt(3)]);
      }
      changes.add(change.build().get());
    }
    List<FeedbackFact> feedback = new ArrayList<>();
    for (int i = 0; i < incidentCount / 2; i++) {
      feedback.add(new FeedbackFact("INC" + i, 1 + random.nextInt(5), START.plusMillis(random.nextLong(SPAN.toMillis())),
          Optional.of(ServiceId.of("svc" + random.nextInt(services)))));
    }
    return new KpiData(List.copyOf(deployments), List.copyOf(incidents), List.copyOf(changes), List.copyOf(feedback));
  }

  /** A 40-character lowercase hex sha, distinct for every {@code n}, spread like a real hash. */
  private static String sha(long n) {
    String hex = Long.toHexString(n * 0x9E3779B97F4A7C15L);
    return "000000000000000000000000".substring(0, 24) + "0".repeat(16 - hex.length()) + hex;
  }

  private static long snap(long millis, long grid) {
    return millis - Math.floorMod(millis, grid);
  }

  /** How many commits the deployments carry, counting a commit once per deployment that carries it. */
  public long commitCount() {
    return deployments.stream().mapToLong(d -> d.commits().size()).sum();
  }

  /** How many facts there are (deployments, incidents, changes, answers; commits not counted). */
  public long factCount() {
    return deployments.size() + incidents.size() + changes.size() + feedback.size();
  }

  /** Every fact added to {@code engine}, in order. */
  public KpiEngine addTo(KpiEngine engine) {
    deployments.forEach(engine::add);
    incidents.forEach(engine::add);
    changes.forEach(engine::add);
    feedback.forEach(engine::add);
    return engine;
  }
}
