package io.github.coexist.core.gate;

import io.github.coexist.core.calendar.ChangeCalendar;
import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeAuthority;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.PolicyVerdict;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.risk.RiskAssessment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a service's maintenance windows mean to the gate: a normal change to a service that has
 * maintenance windows (one occurs within the next {@link #LOOK_AHEAD}) is approved automatically
 * only when it fits inside one. Planned outside them it goes to the authority its risk calls
 * for, who may still let it go: a change manager wants changes in the agreed windows, not
 * pipelines held for days. Standard changes (pre-authorised) and emergencies are not affected;
 * windows cover the production environments unless they name others.
 */
final class MaintenanceRule {
  /** How far ahead a service's maintenance windows are looked for: a week and a day. */
  static final Duration LOOK_AHEAD = Duration.ofDays(8);

  private MaintenanceRule() {}

  static PolicyVerdict apply(PolicyVerdict verdict, ChangeCalendar calendar, ApprovalPolicy policy,
      DeploymentRequest request, RiskAssessment risk, Instant start, Instant end) {
    if (verdict.kind() != PolicyVerdict.Kind.APPROVE || verdict.type() != ChangeType.NORMAL) {
      return verdict;
    }
    List<WindowOccurrence> windows = calendar.maintenance(request.service(), request.environment(),
        policy.isProduction(request.environment()), start, start.plus(LOOK_AHEAD));
    if (windows.isEmpty()) {
      return verdict;
    }
    Optional<WindowOccurrence> inside = windows.stream()
        .filter(w -> !w.start().isAfter(start) && !w.end().isBefore(end)).findFirst();
    List<String> reasons = new ArrayList<>(verdict.reasons());
    if (inside.isPresent()) {
      reasons.add("inside maintenance window '" + inside.get().window() + "' until " + Times.iso(inside.get().end()));
      return new PolicyVerdict(verdict.kind(), verdict.model(), verdict.authority(), verdict.retrospectiveReview(),
          reasons, verdict.policyVersion());
    }
    WindowOccurrence next = windows.stream().filter(w -> w.start().isAfter(start)).findFirst().orElse(windows.get(0));
    ChangeAuthority authority = policy.authorityFor(risk.level());
    reasons.add("planned outside the maintenance windows of " + request.service() + " (next: '" + next.window()
        + "' from " + Times.iso(next.start()) + " to " + Times.iso(next.end())
        + "): approved automatically only inside one, so it needs " + authority.name());
    return new PolicyVerdict(PolicyVerdict.Kind.ASK_AUTHORITY, verdict.model(), Optional.of(authority), false,
        reasons, verdict.policyVersion());
  }
}
