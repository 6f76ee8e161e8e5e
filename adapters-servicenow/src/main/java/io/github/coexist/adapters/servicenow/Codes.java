package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.problem.Resolution;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Tier;
import io.vavr.control.Either;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every value ServiceNow stores as a code, mapped both ways to core's types. Reading an unknown
 * code is an error naming the field and the value, never a silent default, because a customised
 * instance that renumbered a choice must be noticed, not misread.
 */
final class Codes {
  private Codes() {}

  private static final Map<ChangeState, String> CHANGE_STATES = Map.of(
      ChangeState.NEW, "-5",
      ChangeState.ASSESS, "-4",
      ChangeState.AUTHORIZE, "-3",
      ChangeState.SCHEDULED, "-2",
      ChangeState.IMPLEMENT, "-1",
      ChangeState.REVIEW, "0",
      ChangeState.CLOSED, "3",
      ChangeState.CANCELED, "4");

  /** The {@code change_request.state} code of {@code state}. */
  static String changeState(ChangeState state) {
    return CHANGE_STATES.get(state);
  }

  /** The core state of a {@code change_request.state} code. */
  static Either<CoexistError, ChangeState> changeState(String code) {
    return reverse(CHANGE_STATES, code, "change state");
  }

  private static final Map<ChangeType, String> TYPES = lowerCaseNames(ChangeType.values());

  /** The {@code change_request.type} of {@code type}. */
  static String changeType(ChangeType type) {
    return TYPES.get(type);
  }

  /** The core type of a {@code change_request.type} value. */
  static Either<CoexistError, ChangeType> changeType(String value) {
    return reverse(TYPES, value, "change type");
  }

  private static <E extends Enum<E>> Map<E, String> lowerCaseNames(E[] values) {
    return Arrays.stream(values).collect(Collectors.toUnmodifiableMap(e -> e, e -> e.name().toLowerCase(Locale.ROOT)));
  }

  private static final Map<RiskLevel, String> RISKS = Map.of(
      RiskLevel.VERY_HIGH, "1",
      RiskLevel.HIGH, "2",
      RiskLevel.MODERATE, "3",
      RiskLevel.LOW, "4");

  /** The {@code change_request.risk} code of {@code level}: 1 very high, 2 high, 3 moderate, 4 low. */
  static String risk(RiskLevel level) {
    return RISKS.get(level);
  }

  /**
   * The risk level of a {@code risk} code; empty when the field is blank or holds a value coexist
   * does not know (the port allows that: {@code RecordedChange.riskLevel} is optional).
   */
  static Optional<RiskLevel> risk(String code) {
    return RISKS.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).findFirst();
  }

  /** The impact of a change of risk {@code level}: very high and high are 1, moderate 2, low 3. */
  static Impact impactOf(RiskLevel level) {
    return switch (level) {
      case VERY_HIGH, HIGH -> Impact.HIGH;
      case MODERATE -> Impact.MEDIUM;
      case LOW -> Impact.LOW;
    };
  }

  /** The {@code impact} code (1 High, 2 Medium, 3 Low). */
  static String impact(Impact impact) {
    return Integer.toString(impact.level());
  }

  /** The impact of an {@code impact} code (1 to 3). */
  static Either<CoexistError, Impact> impact(String code) {
    return level(code).flatMap(Impact::ofLevel).<Either<CoexistError, Impact>>map(Either::right)
        .orElseGet(() -> unknown("impact", code));
  }

  /** The {@code urgency} code (1 High, 2 Medium, 3 Low). */
  static String urgency(Urgency urgency) {
    return Integer.toString(urgency.level());
  }

  /** The urgency of an {@code urgency} code (1 to 3). */
  static Either<CoexistError, Urgency> urgency(String code) {
    return level(code).flatMap(Urgency::ofLevel).<Either<CoexistError, Urgency>>map(Either::right)
        .orElseGet(() -> unknown("urgency", code));
  }

  /** The priority of a {@code priority} code (1 Critical to 5 Planning), which the instance computes. */
  static Either<CoexistError, Priority> priority(String code) {
    return level(code).flatMap(Priority::ofLevel).<Either<CoexistError, Priority>>map(Either::right)
        .orElseGet(() -> unknown("priority", code));
  }

  private static Optional<Integer> level(String code) {
    try {
      return Optional.of(Integer.parseInt(code.strip()));
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static final Map<IncidentState, String> INCIDENT_STATES = Map.of(
      IncidentState.NEW, "1",
      IncidentState.IN_PROGRESS, "2",
      IncidentState.ON_HOLD, "3",
      IncidentState.RESOLVED, "6",
      IncidentState.CLOSED, "7",
      IncidentState.CANCELED, "8");

  /** The {@code incident.state} code of {@code state}: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled. */
  static String incidentState(IncidentState state) {
    return INCIDENT_STATES.get(state);
  }

  /** The core state of an {@code incident.state} code. */
  static Either<CoexistError, IncidentState> incidentState(String code) {
    return reverse(INCIDENT_STATES, code, "incident state");
  }

  /**
   * The {@code hold_reason} code for why an incident waits: 5 awaiting change, 3 awaiting problem,
   * 4 awaiting vendor, else 1 awaiting caller (the baseline's first choice).
   */
  static String holdReason(Optional<String> reason) {
    String text = reason.orElse("").toLowerCase(Locale.ROOT);
    if (text.contains("change")) {
      return "5";
    }
    if (text.contains("problem")) {
      return "3";
    }
    if (text.contains("vendor") || text.contains("supplier")) {
      return "4";
    }
    return "1";
  }

  private static final Map<ProblemState, String> PROBLEM_STATES = Map.of(
      ProblemState.NEW, "101",
      ProblemState.ASSESS, "102",
      ProblemState.ROOT_CAUSE_ANALYSIS, "103",
      ProblemState.FIX_IN_PROGRESS, "104",
      ProblemState.RESOLVED, "106",
      ProblemState.CLOSED, "107");

  /** The {@code problem.state} code: 101 New, 102 Assess, 103 Root Cause Analysis, 104 Fix in Progress, 106 Resolved, 107 Closed. */
  static String problemState(ProblemState state) {
    return PROBLEM_STATES.get(state);
  }

  /** The core state of a {@code problem.state} code. */
  static Either<CoexistError, ProblemState> problemState(String code) {
    return reverse(PROBLEM_STATES, code, "problem state");
  }

  private static final Map<Resolution, String> RESOLUTIONS = lowerCaseNames(Resolution.values());

  /** The {@code resolution_code}: fix_applied, risk_accepted, duplicate, canceled. */
  static String resolution(Resolution resolution) {
    return RESOLUTIONS.get(resolution);
  }

  /** The resolution of a {@code resolution_code}; empty when blank. */
  static Either<CoexistError, Optional<Resolution>> resolution(String code) {
    if (code == null || code.isBlank()) {
      return Either.right(Optional.empty());
    }
    return reverse(RESOLUTIONS, code, "resolution code").map(Optional::of);
  }

  private static final Map<ApprovalStatus, String> APPROVALS = Map.of(
      ApprovalStatus.NOT_REQUESTED, "not requested",
      ApprovalStatus.REQUESTED, "requested",
      ApprovalStatus.APPROVED, "approved",
      ApprovalStatus.REJECTED, "rejected");

  /** The {@code approval} value of {@code status}. */
  static String approval(ApprovalStatus status) {
    return APPROVALS.get(status);
  }

  /**
   * The approval of an {@code approval} value. Besides the four baseline values, {@code
   * not_required} and {@code cancelled} (an approval withdrawn with its change) read as not
   * requested: nothing is waiting for a decision.
   */
  static Either<CoexistError, ApprovalStatus> approval(String value) {
    if ("not_required".equals(value) || "cancelled".equals(value)) {
      return Either.right(ApprovalStatus.NOT_REQUESTED);
    }
    return reverse(APPROVALS, value, "approval");
  }

  private static final Map<CloseCode, String> CLOSE_CODES = Map.of(
      CloseCode.SUCCESSFUL, "successful",
      CloseCode.SUCCESSFUL_WITH_ISSUES, "successful_issues",
      CloseCode.UNSUCCESSFUL, "unsuccessful");

  /** The {@code close_code} of {@code code}. */
  static String closeCode(CloseCode code) {
    return CLOSE_CODES.get(code);
  }

  /** The close code of a {@code close_code} value; empty when blank (not closed yet). */
  static Either<CoexistError, Optional<CloseCode>> closeCode(String value) {
    if (value == null || value.isBlank()) {
      return Either.right(Optional.empty());
    }
    return reverse(CLOSE_CODES, value, "close code").map(Optional::of);
  }

  /**
   * The tier of a CI's {@code busines_criticality} ("1 - most critical" ... "4 - not critical");
   * blank means the directory's default, {@link Tier#TIER_3}.
   */
  static Either<CoexistError, Tier> tier(String criticality) {
    if (criticality == null || criticality.isBlank()) {
      return Either.right(Tier.TIER_3);
    }
    char first = criticality.strip().charAt(0);
    if (first >= '1' && first <= '4') {
      return Either.right(Tier.values()[first - '1']);
    }
    return unknown("business criticality", criticality);
  }

  /** The {@code busines_criticality} value of {@code tier}. */
  static String criticality(Tier tier) {
    return switch (tier) {
      case TIER_1 -> "1 - most critical";
      case TIER_2 -> "2 - somewhat critical";
      case TIER_3 -> "3 - less critical";
      case TIER_4 -> "4 - not critical";
    };
  }

  private static <K> Either<CoexistError, K> reverse(Map<K, String> map, String value, String what) {
    return map.entrySet().stream()
        .filter(e -> e.getValue().equals(value))
        .map(Map.Entry::getKey)
        .findFirst()
        .<Either<CoexistError, K>>map(Either::right)
        .orElseGet(() -> unknown(what, value));
  }

  static <T> Either<CoexistError, T> unknown(String what, String value) {
    return Either.left(CoexistError.invalid("ServiceNow returned an unknown " + what + " '" + value
        + "'; the instance may use a customised choice list that coexist does not map"));
  }
}
