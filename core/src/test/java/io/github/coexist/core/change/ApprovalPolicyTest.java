package io.github.coexist.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.testing.FakeRisk;
import io.github.coexist.core.testing.Requests;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {
  private final ApprovalPolicy policy = ApprovalPolicy.defaults().toBuilder()
      .version("test-7")
      .model(ChangeModel.standard("dependency-bump", ChangeModel.TESTS, "licence-scan"))
      .model(ChangeModel.normal("database-migration", "cab"))
      .build().get();

  private static DeploymentRequest.Builder request() {
    return Requests.deploy("k-1", "shop");
  }

  private PolicyVerdict evaluate(DeploymentRequest.Builder request, RiskLevel level) {
    return policy.evaluate(request.build().get(), FakeRisk.of(level, 50));
  }

  @Nested
  @DisplayName("building")
  class Building {
    @Test
    @DisplayName("lists every problem at once")
    void everyProblem() {
      CoexistError error = ApprovalPolicy.builder()
          .authority(ChangeAuthority.of("cab", 3, Duration.ZERO, Actor.person("a"), Actor.person("b")))
          .authority(ChangeAuthority.anyPerson("peer", 0, Duration.ofHours(1)))
          .model(ChangeModel.normal("migration", "dba"))
          .authorityFor(RiskLevel.LOW, "peer")
          .authorityFor(RiskLevel.HIGH, "board")
          .emergencyAuthority("ecab")
          .build().getLeft();
      assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, e -> assertThat(e.problems())
          .containsExactlyInAnyOrder(
              "version is required",
              "at least one environment is required",
              "change model 'migration' names unknown authority 'dba'",
              "authority 'cab' needs a positive expiry",
              "authority 'cab' has 2 approvers, fewer than its quorum of 3",
              "authority 'peer' needs a quorum of at least 1, has 0",
              "no authority is set for moderate risk",
              "high risk names unknown authority 'board'",
              "no authority is set for very high risk",
              "emergency authority 'ecab' is not a known authority"));
    }

    @Test
    @DisplayName("a standard model cannot name an authority, and the normal model must be normal")
    void modelRoles() {
      CoexistError error = ApprovalPolicy.defaults().toBuilder()
          .model(new ChangeModel("tmpl", ChangeType.STANDARD, java.util.Optional.of("cab"), new java.util.TreeSet<>()))
          .normalModel("tmpl")
          .build().getLeft();
      assertThat(((CoexistError.InvalidInput) error).problems()).containsExactlyInAnyOrder(
          "standard change model 'tmpl' is pre-authorised and cannot name an authority",
          "normal model 'tmpl' must be of type NORMAL");
    }

    @Test
    @DisplayName("toBuilder makes the next version and leaves the first unchanged")
    void versions() {
      ApprovalPolicy next = policy.toBuilder().version("test-8").noAutoApproval().build().get();
      assertThat(next.version()).isEqualTo("test-8");
      assertThat(policy.version()).isEqualTo("test-7");
      assertThat(evaluate(request(), RiskLevel.LOW).kind()).isEqualTo(PolicyVerdict.Kind.APPROVE);
      assertThat(next.evaluate(request().build().get(), FakeRisk.of(RiskLevel.LOW, 5)).kind())
          .isEqualTo(PolicyVerdict.Kind.ASK_AUTHORITY);
    }

    @Test
    @DisplayName("environments are known ignoring case, and production is told apart")
    void environments() {
      assertThat(policy.isKnownEnvironment("Production")).isTrue();
      assertThat(policy.isProduction("PRODUCTION")).isTrue();
      assertThat(policy.isProduction("staging")).isFalse();
      assertThat(policy.isKnownEnvironment("moon")).isFalse();
      assertThat(policy.problemsWith(request().environment("moon").build().get()))
          .containsExactly("environment 'moon' is not a known environment");
    }
  }

  @Nested
  @DisplayName("evaluating")
  class Evaluating {
    @Test
    @DisplayName("a low-risk normal change with passing evidence is approved automatically")
    void lowRiskAutoApproved() {
      PolicyVerdict verdict = evaluate(request(), RiskLevel.LOW);
      assertThat(verdict.kind()).isEqualTo(PolicyVerdict.Kind.APPROVE);
      assertThat(verdict.type()).isEqualTo(ChangeType.NORMAL);
      assertThat(verdict.policyVersion()).isEqualTo("test-7");
      assertThat(verdict.reasons()).singleElement().asString().contains("approved automatically");
    }

    @Test
    @DisplayName("a low-risk change with missing evidence goes to the authority for its level")
    void lowRiskMissingEvidence() {
      PolicyVerdict verdict = evaluate(request().evidence(
          PipelineEvidence.of(EvidenceStatus.PASSED, EvidenceStatus.MISSING, EvidenceStatus.PASSED)), RiskLevel.LOW);
      assertThat(verdict.kind()).isEqualTo(PolicyVerdict.Kind.ASK_AUTHORITY);
      assertThat(verdict.authority().get().name()).isEqualTo("peer");
      assertThat(verdict.reasons().get(0)).contains("review not passed");
    }

    @Test
    @DisplayName("each risk level above the automatic one goes to its authority")
    void byLevel() {
      assertThat(evaluate(request(), RiskLevel.MODERATE).authority().get().name()).isEqualTo("change-manager");
      assertThat(evaluate(request(), RiskLevel.HIGH).authority().get().name()).isEqualTo("cab");
      assertThat(evaluate(request(), RiskLevel.VERY_HIGH).authority().get().name()).isEqualTo("cab");
    }

    @Test
    @DisplayName("a normal change with a failed check is rejected")
    void failedEvidence() {
      PolicyVerdict verdict = evaluate(request().evidence(
          PipelineEvidence.of(EvidenceStatus.FAILED, EvidenceStatus.PASSED, EvidenceStatus.FAILED)), RiskLevel.LOW);
      assertThat(verdict.kind()).isEqualTo(PolicyVerdict.Kind.REJECT);
      assertThat(verdict.reasons()).containsExactly("pipeline evidence failed: tests, security-scan");
    }

    @Test
    @DisplayName("a standard change whose checks passed is approved up to its limit's risk level")
    void standardApproved() {
      PolicyVerdict verdict = evaluate(request().changeModel("dependency-bump")
          .evidence(PipelineEvidence.allPassed().withCheck("licence-scan", EvidenceStatus.PASSED)), RiskLevel.MODERATE);
      assertThat(verdict.kind()).isEqualTo(PolicyVerdict.Kind.APPROVE);
      assertThat(verdict.type()).isEqualTo(ChangeType.STANDARD);
      assertThat(verdict.reasons().get(0)).contains("pre-authorised").contains("licence-scan, tests");
    }

    @Test
    @DisplayName("a standard change whose template checks did not pass is handled as a normal change")
    void standardFallsBack() {
      PolicyVerdict verdict = evaluate(request().changeModel("dependency-bump"), RiskLevel.MODERATE);
      assertThat(verdict.type()).isEqualTo(ChangeType.NORMAL);
      assertThat(verdict.kind()).isEqualTo(PolicyVerdict.Kind.ASK_AUTHORITY);
      assertThat(verdict.reasons().get(0)).contains("needs licence-scan to pass");
    }

    @Test
    @DisplayName("an emergency goes to the emergency authority and must be reviewed afterwards")
    void emergency() {
      PolicyVerdict verdict = evaluate(request().emergency(true), RiskLevel.VERY_HIGH);
      assertThat(verdict.type()).isEqualTo(ChangeType.EMERGENCY);
      assertThat(verdict.authority().get().name()).isEqualTo("ecab");
      assertThat(verdict.retrospectiveReview()).isTrue();
    }

    @Test
    @DisplayName("outside production a normal change is approved automatically")
    void nonProduction() {
      PolicyVerdict verdict = evaluate(request().environment("staging"), RiskLevel.VERY_HIGH);
      assertThat(verdict.kind()).isEqualTo(PolicyVerdict.Kind.APPROVE);
    }

    @Test
    @DisplayName("a model naming an authority always goes to it")
    void modelAuthority() {
      PolicyVerdict verdict = evaluate(request().changeModel("database-migration"), RiskLevel.LOW);
      assertThat(verdict.authority().get().name()).isEqualTo("cab");
    }

    @Test
    @DisplayName("an unknown model is handled as a normal change, and the reasons say so")
    void unknownModel() {
      PolicyVerdict verdict = evaluate(request().changeModel("yolo"), RiskLevel.LOW);
      assertThat(verdict.model().name()).isEqualTo("normal");
      assertThat(verdict.reasons().get(0)).isEqualTo("change model 'yolo' is not known: handled as a normal change");
    }
  }
}
