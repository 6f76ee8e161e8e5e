package io.github.coexist.core.delivery;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the pipeline proved about a commit before asking to deploy it: tests, code review and
 * security scan, plus any other named checks (lint, licence scan, ...).
 *
 * @param tests the test suites' result
 * @param review whether the change was reviewed and approved by someone other than its author
 * @param securityScan the security scan's result
 * @param otherChecks further named checks, sorted by name
 */
public record PipelineEvidence(
    EvidenceStatus tests,
    EvidenceStatus review,
    EvidenceStatus securityScan,
    Map<String, EvidenceStatus> otherChecks) {

  /** Evidence where nothing is known. */
  public static final PipelineEvidence NONE =
      new PipelineEvidence(EvidenceStatus.MISSING, EvidenceStatus.MISSING, EvidenceStatus.MISSING, Map.of());

  private static final PipelineEvidence ALL_PASSED =
      new PipelineEvidence(EvidenceStatus.PASSED, EvidenceStatus.PASSED, EvidenceStatus.PASSED, Map.of());

  public PipelineEvidence {
    Objects.requireNonNull(tests, "tests");
    Objects.requireNonNull(review, "review");
    Objects.requireNonNull(securityScan, "securityScan");
    // Most evidence names no other checks: the shared empty map then, not a copy of nothing.
    otherChecks = otherChecks.isEmpty() ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(otherChecks));
  }

  /** Evidence where tests, review and scan all passed. */
  public static PipelineEvidence allPassed() {
    return ALL_PASSED;
  }

  /** Evidence with the three main checks set and no others. */
  public static PipelineEvidence of(EvidenceStatus tests, EvidenceStatus review, EvidenceStatus securityScan) {
    return new PipelineEvidence(tests, review, securityScan, Map.of());
  }

  /** Whether every check known, the three main ones included, passed. */
  public boolean allChecksPassed() {
    return tests == EvidenceStatus.PASSED
        && review == EvidenceStatus.PASSED
        && securityScan == EvidenceStatus.PASSED
        && (otherChecks.isEmpty() || otherChecks.values().stream().allMatch(s -> s == EvidenceStatus.PASSED));
  }

  /** Whether any check known failed outright. */
  public boolean anyFailed() {
    return tests == EvidenceStatus.FAILED
        || review == EvidenceStatus.FAILED
        || securityScan == EvidenceStatus.FAILED
        || otherChecks.containsValue(EvidenceStatus.FAILED);
  }

  /** This evidence with the named check set. */
  public PipelineEvidence withCheck(String name, EvidenceStatus status) {
    Map<String, EvidenceStatus> checks = new TreeMap<>(otherChecks);
    checks.put(name, status);
    return new PipelineEvidence(tests, review, securityScan, checks);
  }
}
