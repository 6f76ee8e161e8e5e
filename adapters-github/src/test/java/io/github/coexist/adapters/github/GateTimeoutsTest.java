package io.github.coexist.adapters.github;

import static io.github.coexist.standins.github.GitHubDeliveries.REPOSITORY;
import static io.github.coexist.standins.github.GitHubDeliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.gate.PipelineDeadline;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("gate time-outs: the run's deadline travels to core, whose gate resolves the change then")
class GateTimeoutsTest {
  private static final long RUN = 99L;

  private static Signal.GateRequested request(Fixtures.Wired wired) {
    wired.github().openGate(REPOSITORY, RUN, "production");
    var d = fixture("deployment_protection_rule").callbackOn(wired.github().apiUrl(), RUN).signed(Fixtures.SECRET);
    List<Signal> signals = GitHubSignals.offline().of(wired.adapter().webhooks().receive(d.body(), d.headers()));
    assertThat(signals).singleElement().isInstanceOf(Signal.GateRequested.class);
    return (Signal.GateRequested) signals.get(0);
  }

  /** Core wired to answer through the adapter, with every change high risk, so it waits for the CAB. */
  private static Coexist coexist(Fixtures.Wired wired) {
    return Coexist.builder().clock(wired.clock()).gateReplies(wired.adapter().gateReplies())
        .riskAssessor(context -> new RiskAssessment(65, RiskLevel.HIGH,
            List.of(new FactorContribution("change-size", 65, 100, "a big change")), Optional.empty()))
        .build();
  }

  @Test
  @DisplayName("the gate request carries the deadline gate-timeout from now, rejected unless configured")
  void deadlineOnTheSignal() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of("coexist.github.gate-timeout", "45m"))) {
      assertThat(request(wired).deadline()).contains(
          PipelineDeadline.rejectAt(wired.clock().instant().plus(Duration.ofMinutes(45))));
    }
  }

  @Test
  @DisplayName("a change still pending at the deadline is rejected by core's tick, and GitHub is told the same")
  void rejectsAtTheDeadline() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of("coexist.github.gate-timeout", "45m"));
        Coexist coexist = coexist(wired)) {
      SignalOutcome pending = coexist.accept(request(wired)).get();
      assertThat(pending.decision()).contains(Decision.Outcome.PENDING);
      wired.clock().advance(Duration.ofMinutes(44));
      assertThat(coexist.tick().gate().timedOut()).isZero();
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("pending");

      wired.clock().advance(Duration.ofMinutes(2));
      assertThat(coexist.tick().gate().timedOut()).isEqualTo(1);
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("rejected");
      assertThat(wired.github().reviews().get(wired.github().reviews().size() - 1).comment())
          .contains("pipeline's deadline");
      assertThat(coexist.gate().change(pending.change().orElseThrow()).orElseThrow().change().state())
          .isEqualTo(ChangeState.CANCELED);
      assertThat(wired.adapter().gateTimeouts().pending()).isZero();
    }
  }

  @Test
  @DisplayName("the time-out answer can be configured to approve: the change is approved with it")
  void approvesWhenConfigured() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of("coexist.github.gate-timeout", "10m",
        "coexist.github.gate-timeout-outcome", "approved"));
        Coexist coexist = coexist(wired)) {
      SignalOutcome pending = coexist.accept(request(wired)).get();
      wired.clock().advance(Duration.ofMinutes(11));
      coexist.tick();
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("approved");
      assertThat(coexist.gate().change(pending.change().orElseThrow()).orElseThrow().change().decision().outcome())
          .isEqualTo(Decision.Outcome.APPROVED);
    }
  }

  @Test
  @DisplayName("gates past their deadline are forgotten, without answering GitHub, so the watch list stays bounded")
  void releasesWithoutAnswering() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of("coexist.github.gate-timeout", "45m"))) {
      request(wired);
      wired.clock().advance(Duration.ofMinutes(44));
      assertThat(wired.adapter().gateTimeouts().releaseExpired()).isZero();
      assertThat(wired.adapter().gateTimeouts().pending()).isEqualTo(1);
      wired.clock().advance(Duration.ofMinutes(1));
      assertThat(wired.adapter().gateTimeouts().releaseExpired()).isEqualTo(1);
      assertThat(wired.adapter().gateTimeouts().pending()).isZero();
      assertThat(wired.github().reviews()).isEmpty();
    }
  }

  @Test
  @DisplayName("a gate answered in time is no longer watched")
  void answeredInTime() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of())) {
      Map<String, String> replyTo = request(wired).request().replyTo();
      wired.adapter().gateReplies().reply(new GateReply(ChangeId.of("chg-9"), Optional.empty(),
          Decision.Outcome.APPROVED, "fine", "github", replyTo));
      assertThat(wired.adapter().gateTimeouts().pending()).isZero();
      assertThat(wired.github().reviews()).hasSize(1);
    }
  }
}
