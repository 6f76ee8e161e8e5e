package io.github.coexist.core.change;

import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A change model: which type a change of this kind is, which authority approves it, and which
 * pipeline checks must have passed. A standard change template is a model of type {@link
 * ChangeType#STANDARD} with the checks that make it safe to pre-authorise.
 *
 * @param name the model's name, as requests ask for it ({@code normal}, {@code dependency-bump})
 * @param type the change type the model gives
 * @param authority the authority that approves it; empty to let the policy choose (by risk level
 *     for normal changes, the emergency authority for emergencies; standard changes need none)
 * @param requiredChecks the checks that must have passed: {@value #TESTS}, {@value #REVIEW},
 *     {@value #SECURITY_SCAN}, or the name of one of the pipeline's other checks
 */
public record ChangeModel(String name, ChangeType type, Optional<String> authority, SortedSet<String> requiredChecks) {
  /** The check name of the pipeline's tests. */
  public static final String TESTS = "tests";

  /** The check name of the code review. */
  public static final String REVIEW = "review";

  /** The check name of the security scan. */
  public static final String SECURITY_SCAN = "security-scan";

  public ChangeModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(authority, "authority");
    requiredChecks = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(requiredChecks));
  }

  /** A standard change template, pre-authorised when {@code requiredChecks} all passed. */
  public static ChangeModel standard(String name, String... requiredChecks) {
    return new ChangeModel(name, ChangeType.STANDARD, Optional.empty(), new TreeSet<>(Set.of(requiredChecks)));
  }

  /** A normal change model whose authority the policy chooses by risk level. */
  public static ChangeModel normal(String name) {
    return new ChangeModel(name, ChangeType.NORMAL, Optional.empty(), new TreeSet<>());
  }

  /** A normal change model always approved by {@code authority}. */
  public static ChangeModel normal(String name, String authority) {
    return new ChangeModel(name, ChangeType.NORMAL, Optional.of(authority), new TreeSet<>());
  }

  /** An emergency model, approved by the policy's emergency authority. */
  public static ChangeModel emergency(String name) {
    return new ChangeModel(name, ChangeType.EMERGENCY, Optional.empty(), new TreeSet<>());
  }

  /** The required checks that {@code evidence} does not show as passed, in name order. */
  public List<String> unmetChecks(PipelineEvidence evidence) {
    List<String> unmet = new ArrayList<>();
    for (String check : requiredChecks) {
      if (status(evidence, check) != EvidenceStatus.PASSED) {
        unmet.add(check);
      }
    }
    return unmet;
  }

  /** The status of the named check in {@code evidence}; missing when the pipeline did not say. */
  public static EvidenceStatus status(PipelineEvidence evidence, String check) {
    return switch (check) {
      case TESTS -> evidence.tests();
      case REVIEW -> evidence.review();
      case SECURITY_SCAN -> evidence.securityScan();
      default -> evidence.otherChecks().getOrDefault(check, EvidenceStatus.MISSING);
    };
  }
}
