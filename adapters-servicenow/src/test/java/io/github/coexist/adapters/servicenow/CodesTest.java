package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

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
  @DisplayName("impact follows risk (high and very high 1, moderate 2, low 3)")
  void changeImpact() {
    assertThat(Codes.impactOf(RiskLevel.VERY_HIGH)).isEqualTo(Impact.HIGH);
    assertThat(Codes.impactOf(RiskLevel.HIGH)).isEqualTo(Impact.HIGH);
    assertThat(Codes.impactOf(RiskLevel.MODERATE)).isEqualTo(Impact.MEDIUM);
    assertThat(Codes.impactOf(RiskLevel.LOW)).isEqualTo(Impact.LOW);
  }

  @Test
  @DisplayName("impact and urgency map 1 high, 2 medium, 3 low both ways; priority 1 to 5 reads back")
  void impactUrgencyPriority() {
    Map<Impact, String> impacts = Map.of(Impact.HIGH, "1", Impact.MEDIUM, "2", Impact.LOW, "3");
    impacts.forEach((impact, code) -> {
      assertThat(Codes.impact(impact)).isEqualTo(code);
      assertThat(Codes.impact(code).get()).isEqualTo(impact);
    });
    Map<Urgency, String> urgencies = Map.of(Urgency.HIGH, "1", Urgency.MEDIUM, "2", Urgency.LOW, "3");
    urgencies.forEach((urgency, code) -> {
      assertThat(Codes.urgency(urgency)).isEqualTo(code);
      assertThat(Codes.urgency(code).get()).isEqualTo(urgency);
    });
    for (Priority priority : Priority.values()) {
      assertThat(Codes.priority(Integer.toString(priority.level())).get()).isEqualTo(priority);
    }
    assertThat(Codes.impact("4").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(Codes.urgency("high").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(Codes.priority("0").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(Codes.priority("").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
  }

  @Test
  @DisplayName("incident states map 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled both ways")
  void incidentStates() {
    Map<IncidentState, String> expected = Map.of(IncidentState.NEW, "1", IncidentState.IN_PROGRESS, "2",
        IncidentState.ON_HOLD, "3", IncidentState.RESOLVED, "6", IncidentState.CLOSED, "7",
        IncidentState.CANCELED, "8");
    assertThat(expected).hasSize(IncidentState.values().length);
    expected.forEach((state, code) -> {
      assertThat(Codes.incidentState(state)).isEqualTo(code);
      assertThat(Codes.incidentState(code).get()).isEqualTo(state);
    });
    assertThat(Codes.incidentState("4").getLeft().message()).contains("unknown incident state '4'");
  }

  @Test
  @DisplayName("problem states map 101 to 107 (no 105) both ways; resolution codes too")
  void problemStates() {
    Map<ProblemState, String> expected = Map.of(ProblemState.NEW, "101", ProblemState.ASSESS, "102",
        ProblemState.ROOT_CAUSE_ANALYSIS, "103", ProblemState.FIX_IN_PROGRESS, "104",
        ProblemState.RESOLVED, "106", ProblemState.CLOSED, "107");
    assertThat(expected).hasSize(ProblemState.values().length);
    expected.forEach((state, code) -> {
      assertThat(Codes.problemState(state)).isEqualTo(code);
      assertThat(Codes.problemState(code).get()).isEqualTo(state);
    });
    assertThat(Codes.problemState("105").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    Map<Resolution, String> resolutions = Map.of(Resolution.FIX_APPLIED, "fix_applied",
        Resolution.RISK_ACCEPTED, "risk_accepted", Resolution.DUPLICATE, "duplicate", Resolution.CANCELED, "canceled");
    resolutions.forEach((resolution, code) -> {
      assertThat(Codes.resolution(resolution)).isEqualTo(code);
      assertThat(Codes.resolution(code).get()).contains(resolution);
    });
    assertThat(Codes.resolution("").get()).isEmpty();
    assertThat(Codes.resolution("won't fix").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
  }

  @Test
  @DisplayName("hold reasons: awaiting change 5, problem 3, vendor 4, else caller 1")
  void holdReasons() {
    assertThat(Codes.holdReason(java.util.Optional.of("waiting for the fixing change"))).isEqualTo("5");
    assertThat(Codes.holdReason(java.util.Optional.of("awaiting problem PRB1"))).isEqualTo("3");
    assertThat(Codes.holdReason(java.util.Optional.of("waiting for a vendor"))).isEqualTo("4");
    assertThat(Codes.holdReason(java.util.Optional.empty())).isEqualTo("1");
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
