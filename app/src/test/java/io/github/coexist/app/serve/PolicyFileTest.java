package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.calendar.WindowKind;
import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.Tier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyFileTest {
  private static final String FULL = """
      {
        "version": "acme-7",
        "environments": {"production": ["live"], "other": ["preview"]},
        "autoApproveUpTo": "moderate",
        "autoApprovalNeedsPassingEvidence": false,
        "rejectFailedEvidence": false,
        "autoApproveOutsideProduction": false,
        "authorities": [
          {"name": "cab", "approvers": ["ana", "person:bob", "group:cab"], "quorum": 2, "expiry": "72h"},
          {"name": "peer", "quorum": 1, "expiry": "PT12H"}
        ],
        "authorityFor": {"low": "peer", "moderate": "peer", "high": "cab", "very_high": "cab"},
        "emergencyAuthority": "cab",
        "models": [{"name": "dependency-bump", "type": "standard", "requiredChecks": ["tests", "security-scan"]}],
        "windows": [
          {"name": "weekend", "kind": "freeze", "zone": "Europe/Berlin", "recurrence": "weekly",
           "start": "FRI 16:00", "end": "MON 08:00"},
          {"name": "payments year end", "kind": "freeze", "zone": "Europe/Berlin", "services": ["payments"],
           "recurrence": "annual", "start": "12-20", "end": "01-02"}
        ],
        "services": [{"id": "payments", "owner": "fin", "tier": 1, "zone": "Europe/Berlin", "dependsOn": ["ledger"]}]
      }
      """;

  @Test
  @DisplayName("every knob of the file reaches the approval policy, the calendar and the services")
  void full() {
    PolicyFile file = parse(FULL).getOrElseThrow(e -> new AssertionError(e.message()));
    ApprovalPolicy policy = file.policy();
    assertThat(policy.version()).isEqualTo("acme-7");
    assertThat(policy.isProduction("live")).isTrue();
    assertThat(policy.isProduction("production")).isTrue();
    assertThat(policy.isKnownEnvironment("preview")).isTrue();
    assertThat(policy.authority("cab")).hasValueSatisfying(cab -> {
      assertThat(cab.quorum()).isEqualTo(2);
      assertThat(cab.expiry()).isEqualTo(Duration.ofHours(72));
      assertThat(cab.anyPerson()).isFalse();
      assertThat(cab.approvers()).containsExactlyInAnyOrder(Actor.person("ana"), Actor.person("bob"),
          new Actor(Actor.Kind.GROUP, "cab"));
    });
    assertThat(policy.authority("peer")).hasValueSatisfying(peer -> assertThat(peer.anyPerson()).isTrue());
    assertThat(policy.authorityFor(RiskLevel.MODERATE).name()).isEqualTo("peer");
    assertThat(policy.emergencyAuthority().name()).isEqualTo("cab");
    assertThat(policy.model("dependency-bump")).hasValueSatisfying(m -> {
      assertThat(m.type()).isEqualTo(ChangeType.STANDARD);
      assertThat(m.requiredChecks()).containsExactly("security-scan", "tests");
    });

    Instant saturday = Instant.parse("2025-06-07T12:00:00Z");
    List<WindowOccurrence> weekend = file.calendar().occurrences(ServiceId.of("search"), saturday, saturday.plusSeconds(60));
    assertThat(weekend).singleElement().satisfies(o -> {
      assertThat(o.window()).isEqualTo("weekend");
      assertThat(o.kind()).isEqualTo(WindowKind.FREEZE);
    });
    Instant christmas = Instant.parse("2025-12-24T12:00:00Z");
    assertThat(file.calendar().freezes(ServiceId.of("payments"), christmas, christmas.plusSeconds(60))).hasSize(1);
    assertThat(file.calendar().freezes(ServiceId.of("search"), christmas, christmas.plusSeconds(60))).isEmpty();

    assertThat(file.services()).singleElement().satisfies(s -> {
      assertThat(s.tier()).isEqualTo(Tier.TIER_1);
      assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
      assertThat(s.dependsOn()).containsExactly(ServiceId.of("ledger"));
    });
  }

  @Test
  @DisplayName("a window names the environments it covers and a template its guardrails (issue 16)")
  void environmentsAndLimits() {
    PolicyFile file = parse("""
        {"models": [{"name": "bump", "type": "standard", "limits": {"repositories": ["acme/*"], "maxLines": 200,
                      "tiers": ["3", "4"], "paths": ["deps/"], "maxRisk": "low", "noUrgentIncidents": true,
                      "demoteAfter": 3, "demoteWindow": 10}}],
         "windows": [{"name": "staging rebuild", "kind": "freeze", "zone": "UTC", "environments": ["staging"],
                      "recurrence": "once", "start": "2025-03-01T00:00", "end": "2025-03-02T00:00"}]}
        """).getOrElseThrow(e -> new AssertionError(e.message()));
    io.github.coexist.core.change.StandardChangeLimits limits = file.policy().limits("bump");
    assertThat(limits.claimants()).containsExactly("acme/*");
    assertThat(limits.maxLines()).contains(200);
    assertThat(limits.tiers()).containsExactly(io.github.coexist.core.service.Tier.TIER_3,
        io.github.coexist.core.service.Tier.TIER_4);
    assertThat(limits.maxRisk()).isEqualTo(io.github.coexist.core.risk.RiskLevel.LOW);
    assertThat(limits.demoteAfter()).isEqualTo(3);
    java.time.Instant at = java.time.Instant.parse("2025-03-01T12:00:00Z");
    io.github.coexist.core.service.ServiceId shop = io.github.coexist.core.service.ServiceId.of("shop");
    assertThat(file.calendar().freezes(shop, "staging", false, at, at.plusSeconds(60))).hasSize(1);
    assertThat(file.calendar().freezes(shop, "production", true, at, at.plusSeconds(60))).isEmpty();
  }

  @Test
  @DisplayName("an empty file keeps the default policy, versioned by the file's content")
  void empty() {
    PolicyFile file = parse("{}").get();
    assertThat(file.policy().version()).startsWith("file-").isNotEqualTo(parse("{ }").get().policy().version());
    assertThat(file.policy().authorities().keySet()).containsExactlyInAnyOrder("peer", "change-manager", "cab", "ecab");
    assertThat(file.services()).isEmpty();
  }

  @Test
  @DisplayName("every problem in the file is reported at once, each named by its path")
  void problems() {
    CoexistError error = parse("""
        {"autoApproveUpTo": "tiny", "colour": "blue",
         "authorities": [{"quorum": "two", "expiry": "soon", "approvers": ["robot:r2"]}],
         "authorityFor": {"urgent": "cab"},
         "models": [{"name": "x", "type": "quick"}],
         "windows": [{"name": "w", "kind": "holiday", "zone": "Mars/Olympus", "recurrence": "weekly",
                      "start": "FRI 16:00", "end": "MON 08:00"}],
         "services": [{"id": "a", "tier": 9, "dependsOn": ["a"]}, "not an object"]}
        """).getLeft();
    List<String> problems = ((CoexistError.InvalidInput) error).problems().asJava();
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("autoApproveUpTo must be low, moderate, high or very_high (or none)"))
        .anySatisfy(p -> assertThat(p).contains("colour is not a known field"))
        .anySatisfy(p -> assertThat(p).contains("authorities[0].name is required"))
        .anySatisfy(p -> assertThat(p).contains("authorities[0].quorum must be a whole number"))
        .anySatisfy(p -> assertThat(p).contains("authorities[0].expiry must be a positive duration"))
        .anySatisfy(p -> assertThat(p).contains("'robot:r2' must read NAME, person:NAME or group:NAME"))
        .anySatisfy(p -> assertThat(p).contains("authorityFor.urgent must be low"))
        .anySatisfy(p -> assertThat(p).contains("models[0].type must be standard, normal or emergency"))
        .anySatisfy(p -> assertThat(p).contains("windows[0]: window 'w': kind must be freeze"))
        .anySatisfy(p -> assertThat(p).contains("windows[0]: window 'w': zone 'Mars/Olympus'"))
        .anySatisfy(p -> assertThat(p).contains("services[0]: owner is required"))
        .anySatisfy(p -> assertThat(p).contains("services[0]: tier must be 1 to 4"))
        .anySatisfy(p -> assertThat(p).contains("services[1] must be an object"));
  }

  @Test
  @DisplayName("how the parts fit together is checked by the policy builder")
  void consistency() {
    CoexistError error = parse("{\"authorityFor\": {\"high\": \"nobody\"}, \"emergencyAuthority\": \"ghosts\"}").getLeft();
    assertThat(error.message()).contains("high risk names unknown authority 'nobody'")
        .contains("emergency authority 'ghosts' is not a known authority");
    assertThat(parse("[1, 2]").getLeft().message()).contains("must be a JSON object");
    assertThat(parse("{\"version\": ").getLeft().message()).contains("not JSON");
  }

  private static io.vavr.control.Either<CoexistError, PolicyFile> parse(String json) {
    return PolicyFile.parse(json.getBytes(StandardCharsets.UTF_8), ProductionEnvironments.defaults());
  }
}
