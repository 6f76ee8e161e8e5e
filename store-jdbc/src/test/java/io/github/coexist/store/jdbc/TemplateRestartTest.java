package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeModel;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;

/** A standard change template re-enabled after its demotion, across a restart on each database. */
class TemplateRestartTest {
  private static final String TEMPLATE = "config-toggle";
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));

  private Coexist start(TestDatabase database) {
    Coexist coexist = Coexist.builder().clock(clock)
        .store(database.open().stateStore(clock))
        .riskAssessor(context -> new RiskAssessment(10, RiskLevel.LOW,
            List.of(new FactorContribution("change-size", 10, 30, "120 lines in 4 files")), Optional.empty()))
        .approvalPolicy(ApprovalPolicy.defaults().toBuilder()
            .model(ChangeModel.standard(TEMPLATE, ChangeModel.TESTS)).build().get())
        .build();
    coexist.register(Service.of("shop", "web"));
    return coexist;
  }

  private ChangeId claim(Coexist coexist, String key) {
    DeploymentRequest request = DeploymentRequest.builder().idempotencyKey(key).service("shop")
        .environment("production").headSha("0123456789abcdef0123456789abcdef01234567").filesChanged(4)
        .linesChanged(120).evidence(PipelineEvidence.allPassed()).requester(Actor.person("alice"))
        .source("github").changeModel(TEMPLATE).build().get();
    ChangeId change = coexist.accept(Signal.GateRequested.of(request)).get().change().orElseThrow();
    assertThat(coexist.gate().change(change).orElseThrow().change().type()).isEqualTo(ChangeType.STANDARD);
    return change;
  }

  private void fail(Coexist coexist, ChangeId change) {
    clock.advance(Duration.ofMinutes(5));
    assertThat(coexist.gate().deploymentFinished(change, false, clock.instant()).isRight()).isTrue();
  }

  @OnBothDatabases
  @DisplayName("is still enabled after a restart, and only failures after its re-enabling demote it again")
  void reenabledTemplateSurvivesRestart(TestDatabase database) {
    Coexist first = start(database);
    fail(first, claim(first, "k-1"));
    fail(first, claim(first, "k-2"));
    assertThat(first.gate().templateDemotion(TEMPLATE)).isPresent();
    clock.advance(Duration.ofMinutes(5));
    assertThat(first.gate().reenableTemplate(TEMPLATE, Actor.person("carol")).get()).isTrue();
    assertThat(first.commit().isRight()).isTrue();
    first.close();

    Coexist second = start(database);
    try {
      assertThat(second.gate().templateDemotion(TEMPLATE)).isEmpty();
      fail(second, claim(second, "k-3"));
      assertThat(second.gate().templateDemotion(TEMPLATE)).isEmpty();
      fail(second, claim(second, "k-4"));
      assertThat(second.gate().templateDemotion(TEMPLATE)).isPresent();
    } finally {
      second.close();
    }
  }
}
