package io.github.coexist.adapters.github;

import static io.github.coexist.standins.github.GitHubDeliveries.REPOSITORY;
import static io.github.coexist.standins.github.GitHubDeliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.github.Observation.GateRequested;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.standins.github.GitHubStandIn.Failure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("gate time-outs")
class GateTimeoutsTest {
  private static final long RUN = 99L;

  private static Map<String, String> request(Fixtures.Wired wired) {
    wired.github().openGate(REPOSITORY, RUN, "production");
    var d = fixture("deployment_protection_rule").callbackOn(wired.github().apiUrl(), RUN).signed(Fixtures.SECRET);
    WebhookResult result = wired.adapter().webhooks().receive(d.body(), d.headers());
    return ((GateRequested) ((WebhookResult.Accepted) result).observations().get(0)).request().replyTo();
  }

  @Test
  @DisplayName("a gate without a final answer within the time-out is rejected, and the comment says why")
  void rejectsAfterTimeout() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of("coexist.github.gate-timeout", "45m"))) {
      request(wired);
      wired.clock().advance(Duration.ofMinutes(44));
      assertThat(wired.adapter().gateTimeouts().tick()).isEmpty();
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("pending");

      wired.clock().advance(Duration.ofMinutes(2));
      List<GateTimeouts.TimedOut> answered = wired.adapter().gateTimeouts().tick();
      assertThat(answered).singleElement().satisfies(t -> {
        assertThat(t.outcome()).isEqualTo(Decision.Outcome.REJECTED);
        assertThat(t.reply().isRight()).isTrue();
        assertThat(t.idempotencyKey()).isEqualTo("github:codertocat/hello-world:run:99:production");
      });
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("rejected");
      assertThat(wired.github().reviews().get(0).comment()).contains("no final decision within 45 min")
          .contains("coexist.github.gate-timeout");
      assertThat(wired.adapter().gateTimeouts().pending()).isZero();
      assertThat(wired.adapter().gateTimeouts().tick()).isEmpty();
    }
  }

  @Test
  @DisplayName("a receive-only set-up releases gates past the time-out without answering GitHub")
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
  @DisplayName("the time-out answer can be configured to approve")
  void approvesWhenConfigured() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of("coexist.github.gate-timeout", "10m",
        "coexist.github.gate-timeout-outcome", "approved"))) {
      request(wired);
      wired.clock().advance(Duration.ofMinutes(11));
      assertThat(wired.adapter().gateTimeouts().tick()).extracting(GateTimeouts.TimedOut::outcome)
          .containsExactly(Decision.Outcome.APPROVED);
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("approved");
    }
  }

  @Test
  @DisplayName("a gate answered in time is no longer watched")
  void answeredInTime() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of())) {
      Map<String, String> replyTo = request(wired);
      wired.adapter().gateReplies().reply(new GateReply(ChangeId.of("chg-9"), Optional.empty(),
          Decision.Outcome.APPROVED, "fine", "github", replyTo));
      wired.clock().advance(Duration.ofHours(2));
      assertThat(wired.adapter().gateTimeouts().tick()).isEmpty();
      assertThat(wired.github().reviews()).hasSize(1);
    }
  }

  @Test
  @DisplayName("a time-out answer GitHub could not take yet is tried again on the next tick")
  void retriedNextTick() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of("coexist.github.max-attempts", "1"))) {
      request(wired);
      wired.clock().advance(Duration.ofHours(2));
      wired.github().failNext("deployment_protection_rule", 1, Failure.serverError(503));
      List<GateTimeouts.TimedOut> first = wired.adapter().gateTimeouts().tick();
      assertThat(first).singleElement().satisfies(t -> assertThat(t.reply().getLeft()).isInstanceOf(CoexistError.Unavailable.class));
      assertThat(wired.adapter().gateTimeouts().pending()).isEqualTo(1);
      assertThat(wired.adapter().gateTimeouts().tick()).singleElement().satisfies(t -> assertThat(t.reply().isRight()).isTrue());
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("rejected");
    }
  }

  @Test
  @DisplayName("a gate a person decided at GitHub meanwhile is not overruled: the time-out reports the conflict")
  void decidedElsewhere() {
    try (Fixtures.Wired wired = Fixtures.withApp(Map.of())) {
      request(wired);
      wired.github().decideGate(REPOSITORY, RUN, "production", "approved");
      wired.clock().advance(Duration.ofHours(2));
      assertThat(wired.adapter().gateTimeouts().tick()).singleElement()
          .satisfies(t -> assertThat(t.reply().getLeft()).isInstanceOf(CoexistError.Conflict.class));
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("approved");
      assertThat(wired.adapter().gateTimeouts().pending()).isZero();
    }
  }
}
