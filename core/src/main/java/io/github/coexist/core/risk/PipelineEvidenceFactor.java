package io.github.coexist.core.risk;

import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the pipeline proved. Tests weigh {@value #TESTS} of the weight, review {@value #REVIEW} and
 * the security scan {@value #SCAN}; the other named checks, by their worst result, add up to
 * {@value #OTHERS} more, capped at the weight. A check that passed adds nothing, one that is
 * missing half its share, one that failed all of it. So a worse result in any check, or one more
 * check that did not pass, never lowers the points, and the three main checks alone can reach the
 * whole weight.
 */
final class PipelineEvidenceFactor extends BuiltInFactor {
  static final double TESTS = 0.4;
  static final double REVIEW = 0.3;
  static final double SCAN = 0.3;
  static final double OTHERS = 0.15;

  PipelineEvidenceFactor(double weight) {
    super("pipeline-evidence", weight);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    PipelineEvidence evidence = context.request().evidence();
    EvidenceStatus others = evidence.otherChecks().values().stream()
        .max(PipelineEvidenceFactor::compareBadness)
        .orElse(EvidenceStatus.PASSED);
    double fraction = Math.min(1, TESTS * badness(evidence.tests())
        + REVIEW * badness(evidence.review())
        + SCAN * badness(evidence.securityScan())
        + OTHERS * badness(others));
    if (evidence.allChecksPassed()) {
      return contribution(fraction, "tests, review and security scan"
          + (evidence.otherChecks().isEmpty() ? "" : " and " + Text.count(evidence.otherChecks().size(), "other check", "other checks"))
          + " passed");
    }
    List<String> parts = new ArrayList<>();
    parts.add("tests " + word(evidence.tests()));
    parts.add("review " + word(evidence.review()));
    parts.add("security scan " + word(evidence.securityScan()));
    for (Map.Entry<String, EvidenceStatus> check : evidence.otherChecks().entrySet()) {
      parts.add(check.getKey() + " " + word(check.getValue()));
    }
    return contribution(fraction, String.join(", ", parts));
  }

  /** PASSED is best, then MISSING, then FAILED. */
  static double badness(EvidenceStatus status) {
    return switch (status) {
      case PASSED -> 0;
      case MISSING -> 0.5;
      case FAILED -> 1;
    };
  }

  private static int compareBadness(EvidenceStatus a, EvidenceStatus b) {
    return Double.compare(badness(a), badness(b));
  }

  private static String word(EvidenceStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }
}
