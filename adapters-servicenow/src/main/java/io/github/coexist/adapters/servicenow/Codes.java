package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.error.CoexistError;
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

  /** ServiceNow's impact (and urgency) scale: 1 High, 2 Medium, 3 Low. */
  enum Impact {
    /** 1 - High. */
    HIGH,
    /** 2 - Medium. */
    MEDIUM,
    /** 3 - Low. */
    LOW;

    String code() {
      return Integer.toString(ordinal() + 1);
    }
  }

  /** The impact of a change of risk {@code level}: very high and high are 1, moderate 2, low 3. */
  static Impact impactOf(RiskLevel level) {
    return switch (level) {
      case VERY_HIGH, HIGH -> Impact.HIGH;
      case MODERATE -> Impact.MEDIUM;
      case LOW -> Impact.LOW;
    };
  }

  private static final Map<Impact, String> IMPACTS =
      Arrays.stream(Impact.values()).collect(Collectors.toUnmodifiableMap(i -> i, Impact::code));

  /** The impact of an {@code impact} or {@code urgency} code (1 to 3). */
  static Either<CoexistError, Impact> impact(String code) {
    return reverse(IMPACTS, code, "impact");
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
