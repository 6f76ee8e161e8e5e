package io.github.coexist.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.incident.CausedBy;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FactListener;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FactFeedTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final ChangeId CHANGE = ChangeId.of("ch-00000001");
  private static final Deployment DEPLOYED = new Deployment(DeploymentId.of("d-1"), ServiceId.of("shop"), "production",
      Deployment.Status.SUCCESS, NOW, Optional.of(NOW.plusSeconds(60)), List.of(), Optional.of(CHANGE),
      Optional.empty(), Optional.empty(), Optional.empty());

  private final List<IncidentFact> incidents = new ArrayList<>();

  private FactFeed feed() {
    return new FactFeed(List.of(new FactListener() {
      @Override
      public void deployment(Deployment deployment) {}

      @Override
      public void incident(IncidentFact incident) {
        incidents.add(incident);
      }

      @Override
      public void change(ChangeFact change) {}

      @Override
      public void feedback(FeedbackFact feedback) {}
    }), incident -> Optional.empty());
  }

  private static Incident causedByTheChange() {
    Instant at = NOW.plusSeconds(600);
    return Incident.builder().id(IncidentId.of("INC-00000001")).title("checkout fails").service(ServiceId.of("shop"))
        .state(IncidentState.IN_PROGRESS).impact(Impact.HIGH).urgency(Urgency.HIGH).priority(Priority.CRITICAL)
        .signature("checkout").openedBy(Actor.person("alice")).openedAt(at).updatedAt(at)
        .causedBy(new CausedBy(Optional.of(CHANGE), Optional.empty(), Optional.empty(), Actor.person("alice"), at))
        .build();
  }

  @Test
  @DisplayName("after a restore, an incident caused by a change counts against the change's deployment recorded before")
  void deploymentOfChangeSurvives() {
    FactFeed restored = feed();
    restored.restore(List.of(DEPLOYED), List.of(), List.of());

    restored.incident(causedByTheChange());

    assertThat(incidents).extracting(IncidentFact::causedBy).containsExactly(Optional.of(DEPLOYED.id()));
  }

  @Test
  @DisplayName("after a restore, a fact equal to the last one sent before is not sent again")
  void lastFactsSurvive() {
    FactFeed before = feed();
    before.deployment(DEPLOYED);
    before.incident(causedByTheChange());
    IncidentFact sent = incidents.get(0);
    incidents.clear();

    FactFeed restored = feed();
    restored.restore(List.of(DEPLOYED), List.of(), List.of(sent));
    restored.incident(causedByTheChange());

    assertThat(incidents).isEmpty();
  }
}
