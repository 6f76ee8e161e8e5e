package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.gate.GateTick;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.standins.jira.JiraStandIn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The gate on the Jira adapter, against the stand-in site: a change Jira refuses reaches the
 * pipeline as a rejection with Jira's reason, and every tick reads all waiting changes back with
 * one bulk fetch, asking the service desk only about changes that moved since the last read.
 */
class JiraGateReadBackTest {
  private static final String CAB = "cab-member";
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final Fixture jira = Fixture.start(JiraStandIn.builder().approvers("5b10ac8d82e05b22cc7d4ef5", CAB), Map.of());
  private final InMemoryGateReplies replies = new InMemoryGateReplies();
  private final Coexist coexist = Coexist.builder().clock(clock)
      .serviceDirectory(InMemoryServiceDirectory.of(Service.of("checkout", "web")))
      .changeRecords(jira.adapter.changeRecords())
      .gateReplies(replies)
      .riskAssessor(context -> new RiskAssessment(70, RiskLevel.HIGH,
          List.of(new FactorContribution("change-size", 70, 100, "a schema migration")), Optional.empty()))
      .build();

  @AfterEach
  void close() {
    coexist.close();
    jira.close();
  }

  @Test
  @DisplayName("a change Jira refuses to create is rejected with Jira's reason, and the pipeline told so")
  void refusedByJira() {
    coexist.gate().decide(request("k-warm")).get();
    jira.site.failNext("/rest/api/3/issue", 1, 400, Map.of(),
        "{\"errorMessages\":[],\"errors\":{\"customfield_10099\":\"Change reason is required.\"}}");

    GateDecision asked = coexist.gate().decide(request("k-refused")).get();

    TrackedChange tracked = coexist.gate().change(asked.change().id()).orElseThrow();
    assertThat(tracked.change().decision().outcome()).isEqualTo(Decision.Outcome.REJECTED);
    assertThat(tracked.change().externalKey()).isEmpty();
    List<GateReply> sent = replies.repliesFor(asked.change().id());
    assertThat(sent).extracting(GateReply::outcome).containsExactly(Decision.Outcome.REJECTED);
    assertThat(sent.get(0).comment()).contains("jira refused the change's record").contains("Change reason is required")
        .doesNotContain("waiting for").doesNotContain(jira.site.apiToken());
  }

  @Test
  @DisplayName("20 waiting changes cost one bulk fetch per tick, and approvals only for those that moved")
  void oneBulkFetchPerTick() {
    List<GateDecision> waiting = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      waiting.add(coexist.gate().decide(request("k-" + i)).get());
    }
    assertThat(waiting).allSatisfy(d -> assertThat(d.outcome()).isEqualTo(Decision.Outcome.PENDING));
    int first = jira.site.requests().size();
    assertThat(coexist.gate().tick().stillWaiting()).isEqualTo(20);
    List<String> firstTick = jira.site.requests().subList(first, jira.site.requests().size());
    // The adapter read each change back when it moved it to approval: nothing moved since.
    assertThat(firstTick).containsExactly("POST /rest/api/3/issue/bulkfetch");

    int quiet = jira.site.requests().size();
    assertThat(coexist.gate().tick().stillWaiting()).isEqualTo(20);
    assertThat(jira.site.requests().subList(quiet, jira.site.requests().size()))
        .containsExactly("POST /rest/api/3/issue/bulkfetch");

    String approved = coexist.gate().change(waiting.get(4).change().id()).orElseThrow()
        .change().externalKey().orElseThrow().display();
    assertThat(jira.site.decideAs(approved, CAB, true)).isTrue();
    int decided = jira.site.requests().size();
    GateTick tick = coexist.gate().tick();
    List<String> reads = jira.site.requests().subList(decided, jira.site.requests().size());
    assertThat(tick.decidedInTool()).isEqualTo(1);
    assertThat(reads).filteredOn(r -> r.contains("/bulkfetch")).hasSize(1);
    assertThat(reads).filteredOn(r -> r.startsWith("GET /rest/servicedeskapi/request/")).hasSizeLessThanOrEqualTo(2);
  }

  private static DeploymentRequest request(String key) {
    return DeploymentRequest.builder().idempotencyKey(key).service("checkout").environment("production")
        .filesChanged(40).linesChanged(900).evidence(PipelineEvidence.allPassed()).requester(Actor.person("dev"))
        .source("pipeline").build().get();
  }
}
