package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Tier;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodesTest {

  @Nested
  @DisplayName("change states")
  class States {
    @Test
    @DisplayName("map to ServiceNow's codes -5 New ... 4 Canceled")
    void codes() {
      Map<ChangeState, String> expected = Map.of(ChangeState.NEW, "-5", ChangeState.ASSESS, "-4",
          ChangeState.AUTHORIZE, "-3", ChangeState.SCHEDULED, "-2", ChangeState.IMPLEMENT, "-1",
          ChangeState.REVIEW, "0", ChangeState.CLOSED, "3", ChangeState.CANCELED, "4");
      expected.forEach((state, code) -> {
        assertThat(Codes.changeState(state)).isEqualTo(code);
        assertThat(Codes.changeState(code).get()).isEqualTo(state);
      });
      assertThat(expected).hasSize(ChangeState.values().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "-6", "New", "", "closed"})
    @DisplayName("an unknown code or a label is an error naming it, never a default")
    void unknown(String code) {
      CoexistError error = Codes.changeState(code).getLeft();
      assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(error.message()).contains("unknown change state '" + code + "'");
    }
  }

  @Test
  @DisplayName("risk maps 1 very high, 2 high, 3 moderate, 4 low both ways; unknown reads as none")
  void risk() {
    Map<RiskLevel, String> expected = Map.of(RiskLevel.VERY_HIGH, "1", RiskLevel.HIGH, "2",
        RiskLevel.MODERATE, "3", RiskLevel.LOW, "4");
    expected.forEach((level, code) -> {
      assertThat(Codes.risk(level)).isEqualTo(code);
      assertThat(Codes.risk(code)).contains(level);
    });
    assertThat(Codes.risk("")).isEmpty();
    assertThat(Codes.risk("5")).isEmpty();
  }

  @Test
  @DisplayName("impact follows risk (high and very high 1, moderate 2, low 3) and reads back from 1 to 3")
  void impact() {
    assertThat(Codes.impactOf(RiskLevel.VERY_HIGH).code()).isEqualTo("1");
    assertThat(Codes.impactOf(RiskLevel.HIGH).code()).isEqualTo("1");
    assertThat(Codes.impactOf(RiskLevel.MODERATE).code()).isEqualTo("2");
    assertThat(Codes.impactOf(RiskLevel.LOW).code()).isEqualTo("3");
    for (Codes.Impact impact : Codes.Impact.values()) {
      assertThat(Codes.impact(impact.code()).get()).isEqualTo(impact);
    }
    assertThat(Codes.impact("4").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
  }

  @Test
  @DisplayName("approval maps the four baseline values both ways; not_required and cancelled read as not requested")
  void approval() {
    Map<ApprovalStatus, String> expected = Map.of(ApprovalStatus.NOT_REQUESTED, "not requested",
        ApprovalStatus.REQUESTED, "requested", ApprovalStatus.APPROVED, "approved",
        ApprovalStatus.REJECTED, "rejected");
    expected.forEach((status, value) -> {
      assertThat(Codes.approval(status)).isEqualTo(value);
      assertThat(Codes.approval(value).get()).isEqualTo(status);
    });
    assertThat(Codes.approval("not_required").get()).isEqualTo(ApprovalStatus.NOT_REQUESTED);
    assertThat(Codes.approval("cancelled").get()).isEqualTo(ApprovalStatus.NOT_REQUESTED);
    assertThat(Codes.approval("Approved").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
  }

  @Test
  @DisplayName("close codes map to successful, successful_issues and unsuccessful both ways; blank is none")
  void closeCodes() {
    Map<CloseCode, String> expected = Map.of(CloseCode.SUCCESSFUL, "successful",
        CloseCode.SUCCESSFUL_WITH_ISSUES, "successful_issues", CloseCode.UNSUCCESSFUL, "unsuccessful");
    expected.forEach((code, value) -> {
      assertThat(Codes.closeCode(code)).isEqualTo(value);
      assertThat(Codes.closeCode(value).get()).contains(code);
    });
    assertThat(Codes.closeCode("").get()).isEmpty();
    assertThat(Codes.closeCode("Successful").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
  }

  @ParameterizedTest
  @EnumSource(ChangeType.class)
  @DisplayName("change types map to standard, normal and emergency both ways")
  void types(ChangeType type) {
    assertThat(Codes.changeType(Codes.changeType(type)).get()).isEqualTo(type);
    assertThat(Codes.changeType(type)).isEqualTo(type.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  @DisplayName("an unknown change type is an error")
  void unknownType() {
    assertThat(Codes.changeType("model-based").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
  }

  @ParameterizedTest
  @EnumSource(Tier.class)
  @DisplayName("business criticality maps to tiers both ways")
  void tiers(Tier tier) {
    assertThat(Codes.tier(Codes.criticality(tier)).get()).isEqualTo(tier);
  }

  @Test
  @DisplayName("blank criticality is tier 3; an unknown one is an error")
  void criticalityEdges() {
    assertThat(Codes.tier("").get()).isEqualTo(Tier.TIER_3);
    assertThat(Codes.tier("5 - whatever").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
  }

  @Test
  @DisplayName("dates are written and read as yyyy-MM-dd HH:mm:ss in UTC, to the second")
  void dates() {
    Instant instant = Instant.parse("2025-12-31T23:59:58.750Z");
    assertThat(SnDates.format(instant)).isEqualTo("2025-12-31 23:59:58");
    assertThat(SnDates.parse("2025-12-31 23:59:58").get()).isEqualTo(Instant.parse("2025-12-31T23:59:58Z"));
    assertThat(SnDates.parse("31/12/2025 23:59").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(SnDates.parse("2025-12-31T23:59:58Z").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
  }
}
