package io.github.coexist.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.testing.FakeRisk;
import io.github.coexist.core.testing.Requests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A standard change's template names the checks it needs; any other check that failed still
 * keeps it from being pre-authorised, unless the policy was told not to reject failed evidence.
 */
class StandardChangeEvidenceTest {
  /** The template needs tests only: the security scan is not among its checks. */
  private static final ChangeModel TEMPLATE = ChangeModel.standard("config-toggle", ChangeModel.TESTS);
  private static final PipelineEvidence SCAN_FAILED =
      PipelineEvidence.of(EvidenceStatus.PASSED, EvidenceStatus.PASSED, EvidenceStatus.FAILED);

  private static PolicyVerdict evaluate(boolean rejectFailedEvidence, PipelineEvidence evidence) {
    ApprovalPolicy policy = ApprovalPolicy.defaults().toBuilder().version("p-1").model(TEMPLATE)
        .rejectFailedEvidence(rejectFailedEvidence).build().get();
    return policy.evaluate(Requests.deploy("k-1", "shop").changeModel("config-toggle").evidence(evidence).build().get(),
        FakeRisk.of(RiskLevel.LOW, 12));
  }

  @Test
  @DisplayName("template checks passed but the security scan failed: not pre-authorised, rejected as a normal change")
  void failedScanIsNotPreAuthorised() {
    PolicyVerdict verdict = evaluate(true, SCAN_FAILED);
    assertThat(verdict.kind()).isEqualTo(PolicyVerdict.Kind.REJECT);
    assertThat(verdict.type()).isEqualTo(ChangeType.NORMAL);
    assertThat(verdict.reasons()).containsExactly(
        "standard change 'config-toggle' has failed checks: handled as a normal change",
        "pipeline evidence failed: security-scan");
  }

  @Test
  @DisplayName("a policy that does not reject failed evidence pre-authorises on the template's own checks")
  void lenientPolicyLooksAtTheTemplateChecksOnly() {
    PolicyVerdict verdict = evaluate(false, SCAN_FAILED);
    assertThat(verdict.kind()).isEqualTo(PolicyVerdict.Kind.APPROVE);
    assertThat(verdict.type()).isEqualTo(ChangeType.STANDARD);
    assertThat(verdict.reasons()).containsExactly(
        "standard change 'config-toggle' is pre-authorised and its checks passed (tests)");
  }

  @Test
  @DisplayName("every check passed: pre-authorised whatever the policy says of failed evidence")
  void allPassed() {
    for (boolean reject : new boolean[] {true, false}) {
      PolicyVerdict verdict = evaluate(reject, PipelineEvidence.allPassed());
      assertThat(verdict.kind()).isEqualTo(PolicyVerdict.Kind.APPROVE);
      assertThat(verdict.type()).isEqualTo(ChangeType.STANDARD);
    }
  }
}
