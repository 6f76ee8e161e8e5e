package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.adapters.jira.JiraDeploymentGating.Gate;
import io.github.coexist.adapters.jira.JiraDeploymentGating.GatingStatus;
import io.github.coexist.adapters.jira.JiraDeploymentGating.Submission;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.standins.jira.JiraStandIn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JiraDeploymentGatingTest {

  private static Fixture oauth() {
    return Fixture.start(JiraStandIn.builder().approvers("cab-lead"),
        site -> Fixture.oauth(site, Map.of("coexist.jira.gating.environment-type.live-eu", "production")));
  }

  private static Submission deployment(String environment, long sequence, List<String> services) {
    return new Submission("octo/shop/deploy.yml", "deploy shop", environment, sequence, "shop #" + sequence,
        "https://github.com/octo/shop/actions/runs/" + sequence, "deploy 4f2a9c1", services, List.of());
  }

  @Test
  @DisplayName("a gated production deployment awaits its change request and is allowed once it is approved and implementing")
  void gatedUntilApproved() {
    try (Fixture f = oauth()) {
      JiraDeploymentGating gating = f.adapter.deploymentGating();
      Submission d = deployment("live-eu", 42, List.of("svc-checkout-0001"));

      assertThat(gating.submit(d).get()).isEqualTo(d);
      GatingStatus waiting = gating.status(d).get();
      String change = waiting.changeIssues().get(0);
      f.site.decideAs(change, "cab-lead", true);
      f.site.transitionAs(change, "Start implementation", "cab-lead");

      assertThat(waiting.gate()).isEqualTo(Gate.AWAITING);
      assertThat(gating.status(d).get().gate()).isEqualTo(Gate.ALLOWED);
      assertThat(f.site.count("POST", "/jira/deployments/0.1/cloud/" + f.site.cloudId() + "/bulk")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("waiting for the decision backs off from the poll interval and returns the decision")
  void awaitsWithBackoff() {
    try (Fixture f = oauth()) {
      JiraDeploymentGating gating = f.adapter.deploymentGating();
      Submission d = deployment("live-eu", 43, List.of("svc-checkout-0001"));
      gating.submit(d).get();
      String change = gating.status(d).get().changeIssues().get(0);
      f.waits.clear();

      GatingStatus undecided = gating.awaitDecision(d, Duration.ofMinutes(2)).get();
      f.site.decideAs(change, "cab-lead", false);
      GatingStatus decided = gating.awaitDecision(d, Duration.ofMinutes(2)).get();

      assertThat(undecided.gate()).isEqualTo(Gate.AWAITING);
      assertThat(f.waits).startsWith(Duration.ofSeconds(30), Duration.ofSeconds(60))
          .contains(Duration.ofSeconds(30)); // the rest of the patience
      assertThat(f.waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(2));
      assertThat(decided.gate()).isEqualTo(Gate.PREVENTED);
    }
  }

  @Test
  @DisplayName("a deployment outside production cannot be gated, and unknown services are named")
  void invalidAndUnknown() {
    try (Fixture f = oauth()) {
      JiraDeploymentGating gating = f.adapter.deploymentGating();
      Submission staging = deployment("staging", 1, List.of("svc-checkout-0001"));
      gating.submit(staging).get();

      CoexistError unknown = gating.submit(deployment("live-eu", 2, List.of("svc-nope"))).getLeft();

      assertThat(gating.status(staging).get().gate()).isEqualTo(Gate.INVALID);
      assertThat(unknown).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(unknown.message()).contains("svc-nope");
      assertThat(gating.submit(deployment("live-eu", 3, List.of())).getLeft().message()).contains("at least one service");
    }
  }

  @Test
  @DisplayName("gating needs OAuth credentials: an adapter on an API token refuses to hand it out")
  void needsOauth() {
    try (Fixture f = Fixture.start()) {
      assertThatThrownBy(() -> f.adapter.deploymentGating()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("oauth");
    }
  }
}
