package io.github.coexist.adapters.github;

import static io.github.coexist.standins.github.GitHubDeliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.standins.github.GitHubDeliveries.Delivery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GitHub deliveries mapped onto core's signals")
class GitHubSignalsTest {
  private final GitHubAdapter adapter = adapter();
  private final GitHubSignals signals = GitHubSignals.offline();

  private static GitHubAdapter adapter() {
    Map<String, String> settings = Fixtures.settings("https://api.github.com");
    settings.put("coexist.github.token", Fixtures.TOKEN);
    return GitHubAdapter.builder(GitHubConfig.of(settings)).clock(new ManualClock(Fixtures.NOW)).build();
  }

  @AfterEach
  void stop() {
    adapter.close();
  }

  private List<Signal> receive(Delivery delivery) {
    var signed = delivery.signed(Fixtures.SECRET);
    return signals.of(adapter.webhooks().receive(signed.body(), signed.headers()));
  }

  @Test
  @DisplayName("a protection rule request becomes a gate request with the run's deadline")
  void gate() {
    assertThat(receive(fixture("deployment_protection_rule"))).singleElement()
        .isInstanceOfSatisfying(Signal.GateRequested.class, g -> assertThat(g.deadline()).isPresent());
  }

  @Test
  @DisplayName("a deployment status after a gate becomes a deployment report carrying the gate's key")
  void deployment() {
    receive(fixture("deployment_protection_rule"));
    assertThat(receive(fixture("deployment_status").with("/deployment_status/state", "failure"))).singleElement()
        .isInstanceOfSatisfying(Signal.DeploymentReported.class, d -> {
          assertThat(d.deployment().status()).isEqualTo(Deployment.Status.FAILURE);
          assertThat(d.deployment().failed()).isTrue();
        });
  }

  @Test
  @DisplayName("an incident issue becomes an alert, a merged pull request a merge; pushes and evidence stay in the adapter")
  void others() {
    assertThat(receive(fixture("issues"))).singleElement().isInstanceOf(Signal.AlertRaised.class);
    assertThat(receive(fixture("pull_request"))).singleElement().isInstanceOf(Signal.PullRequestMerged.class);
    assertThat(receive(fixture("push"))).isEmpty();
    assertThat(receive(fixture("workflow_run"))).isEmpty();
  }

  @Test
  @DisplayName("a merged pull request carries the commits pushed to its branch since its base")
  void mergeCarriesItsCommits() {
    receive(fixture("push").with("/before", "a10867b14bb761a232cd80139fbd4c0d33264240")
        .with("/after", "ec26c3e57ca3a959ca5aad62de7213c562f8c821"));
    assertThat(receive(fixture("pull_request"))).singleElement()
        .isInstanceOfSatisfying(Signal.PullRequestMerged.class, merged -> {
          assertThat(merged.commits()).hasSize(2);
          assertThat(merged.mergeSha()).contains("6dcb09b5b57875f334f61aebed695e2e4193db5e");
        });
  }

  @Test
  @DisplayName("a delivery that is not accepted gives core nothing")
  void notAccepted() {
    assertThat(receive(fixture("ping"))).isEmpty();
  }
}
