package io.github.coexist.adapters.github;

import io.github.coexist.adapters.github.Observation.EvidenceKind;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pipeline evidence per commit, so that a gate request for a sha carries what workflow runs and
 * checks proved about it, and what a merged pull request said about the commit it made. The
 * latest result of a check replaces its earlier one (a re-run that passes clears a failure).
 * Bounded; thread-safe.
 */
final class EvidenceBook {
  private final NamePatterns tests;
  private final NamePatterns review;
  private final NamePatterns security;
  private final Bounded<String, Map<String, Entry>> bySha;
  private final Bounded<String, PullInfo> pulls;

  private record Entry(EvidenceKind kind, EvidenceStatus status) {}

  /** What a merged pull request tells a gate request for its merge commit. */
  record PullInfo(long number, String title, int filesChanged, int linesChanged) {}

  EvidenceBook(NamePatterns tests, NamePatterns review, NamePatterns security, int capacity) {
    this.tests = tests;
    this.review = review;
    this.security = security;
    this.bySha = new Bounded<>(capacity);
    this.pulls = new Bounded<>(capacity);
  }

  /** What a check of this name counts as: security first, then review, then tests. */
  EvidenceKind kindOf(String check) {
    if (security.matches(check)) {
      return EvidenceKind.SECURITY_SCAN;
    }
    if (review.matches(check)) {
      return EvidenceKind.REVIEW;
    }
    if (tests.matches(check)) {
      return EvidenceKind.TESTS;
    }
    return EvidenceKind.OTHER;
  }

  /** Records a result and returns the evidence known for the sha now. */
  synchronized PipelineEvidence record(Repository repository, String sha, String check, EvidenceKind kind,
      EvidenceStatus status) {
    bySha.computeIfAbsent(repository.key(sha), k -> new LinkedHashMap<>()).put(check, new Entry(kind, status));
    return evidenceFor(repository, sha);
  }

  /** Everything known for {@code sha}; {@link PipelineEvidence#NONE} when nothing is. */
  synchronized PipelineEvidence evidenceFor(Repository repository, String sha) {
    Map<String, Entry> checks = bySha.get(repository.key(sha));
    if (checks == null) {
      return PipelineEvidence.NONE;
    }
    Map<EvidenceKind, EvidenceStatus> main = new HashMap<>();
    Map<String, EvidenceStatus> others = new HashMap<>();
    checks.forEach((name, entry) -> {
      if (entry.kind() == EvidenceKind.OTHER) {
        others.put(name, entry.status());
      } else {
        main.merge(entry.kind(), entry.status(), EvidenceBook::worse);
      }
    });
    return new PipelineEvidence(
        main.getOrDefault(EvidenceKind.TESTS, EvidenceStatus.MISSING),
        main.getOrDefault(EvidenceKind.REVIEW, EvidenceStatus.MISSING),
        main.getOrDefault(EvidenceKind.SECURITY_SCAN, EvidenceStatus.MISSING),
        others);
  }

  /**
   * A pull request was merged: its merge commit inherits the evidence of its head commit (checks
   * ran on the branch, the review approved the branch), and remembers the pull request.
   */
  synchronized void merged(Repository repository, String headSha, String mergeSha, PullInfo pull) {
    Map<String, Entry> head = bySha.get(repository.key(headSha));
    if (head != null) {
      Map<String, Entry> merge = bySha.computeIfAbsent(repository.key(mergeSha), k -> new LinkedHashMap<>());
      head.forEach(merge::putIfAbsent);
    }
    pulls.put(repository.key(mergeSha), pull);
  }

  /** The pull request whose merge made {@code sha}, when one was seen. */
  synchronized Optional<PullInfo> pullFor(Repository repository, String sha) {
    return Optional.ofNullable(pulls.get(repository.key(sha)));
  }

  private static EvidenceStatus worse(EvidenceStatus a, EvidenceStatus b) {
    for (EvidenceStatus s : List.of(EvidenceStatus.FAILED, EvidenceStatus.PASSED)) {
      if (a == s || b == s) {
        return s;
      }
    }
    return EvidenceStatus.MISSING;
  }
}
