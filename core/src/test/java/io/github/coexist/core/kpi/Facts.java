package io.github.coexist.core.kpi;

import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Small builders of facts for the KPI tests; times are hours after Monday 2024-03-04 00:00 UTC. */
final class Facts {
  static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z");

  private Facts() {}

  static Instant h(double hours) {
    return T0.plusMillis(Math.round(hours * 3_600_000));
  }

  static Instant day(int day) {
    return T0.plus(Duration.ofDays(day));
  }

  static TimeWindow window(Instant from, Instant to) {
    return new TimeWindow(from, to);
  }

  static Commit commit(String sha, Instant at) {
    return new Commit(sha, at);
  }

  static Deployment prod(String id, String service, Instant finished, Commit... commits) {
    return deployment(id, service, "production", Deployment.Status.SUCCESS, finished, Optional.empty(), commits);
  }

  static Deployment hotfix(String id, String service, Instant finished, String incident) {
    return deployment(id, service, "production", Deployment.Status.SUCCESS, finished, Optional.of(incident));
  }

  static Deployment deployment(String id, String service, String environment, Deployment.Status status,
      Instant finished, Optional<String> hotfixFor, Commit... commits) {
    return new Deployment(
        DeploymentId.of(id),
        ServiceId.of(service),
        environment,
        status,
        finished.minus(Duration.ofMinutes(5)),
        status == Deployment.Status.IN_PROGRESS ? Optional.empty() : Optional.of(finished),
        List.of(commits),
        Optional.empty(),
        hotfixFor.map(IncidentId::of),
        Optional.empty(),
        Optional.empty());
  }

  static IncidentFact.Builder incident(String id, String service, Instant opened) {
    return IncidentFact.builder().id(id).service(service).priority(3).openedAt(opened);
  }

  static IncidentFact build(IncidentFact.Builder builder) {
    return builder.build().get();
  }

  static ChangeFact change(String id, ChangeType type, Instant created, Instant closed, CloseCode code, boolean auto) {
    return ChangeFact.builder().id(id).service("checkout").type(type).createdAt(created)
        .closedAt(closed).closeCode(code).autoApproved(auto).build().get();
  }

  static FeedbackFact answer(String ticket, int rating, Instant at) {
    return new FeedbackFact(ticket, rating, at, Optional.empty());
  }

  static List<Commit> commits(Commit... commits) {
    return Arrays.asList(commits);
  }
}
