package io.github.coexist.adapters.github;

import static io.github.coexist.standins.github.GitHubDeliveries.REPOSITORY;
import static io.github.coexist.standins.github.GitHubDeliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.github.Observation.GateRequested;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.standins.github.GitHubStandIn;
import io.github.coexist.standins.github.GitHubStandIn.Failure;
import io.github.coexist.standins.github.GitHubStandIn.Review;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("GitHub gate replies (custom deployment protection rule reviews)")
class GitHubGateRepliesTest {
  private static final long RUN = 4242L;
  private Fixtures.Wired wired;
  private Map<String, String> replyTo;

  @BeforeEach
  void start() {
    wired = Fixtures.withApp(Map.of("coexist.github.gate-timeout", "30m"));
    wired.github().openGate(REPOSITORY, RUN, "production");
    var d = fixture("deployment_protection_rule").callbackOn(wired.github().apiUrl(), RUN).signed(Fixtures.SECRET);
    WebhookResult result = wired.adapter().webhooks().receive(d.body(), d.headers());
    replyTo = ((GateRequested) ((WebhookResult.Accepted) result).observations().get(0)).request().replyTo();
  }

  @AfterEach
  void stop() {
    wired.close();
  }

  private GateReply reply(Decision.Outcome outcome, String comment) {
    return new GateReply(ChangeId.of("chg-1"), Optional.of(new ExternalKey("servicenow", "a1b2", "CHG0030012")),
        outcome, comment, "github", replyTo);
  }

  private Either<CoexistError, Done> send(GateReply reply) {
    return wired.adapter().gateReplies().reply(reply);
  }

  @Nested
  @DisplayName("a final reply")
  class Final {
    @Test
    @DisplayName("approves the environment with a comment naming the change record and the explanation")
    void approves() {
      assertThat(send(reply(Decision.Outcome.APPROVED, "Low risk: 3 lines, tests passed."))).isEqualTo(Either.right(Done.DONE));
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("approved");
      Review review = wired.github().reviews().get(0);
      assertThat(review.state()).contains("approved");
      assertThat(review.comment()).startsWith("**coexist: approved**, change CHG0030012 (coexist chg-1)")
          .contains("Low risk: 3 lines, tests passed.");
      assertThat(wired.adapter().gateTimeouts().pending()).isZero();
    }

    @Test
    @DisplayName("rejects with state rejected")
    void rejects() {
      assertThat(send(reply(Decision.Outcome.REJECTED, "Freeze window."))).isEqualTo(Either.right(Done.DONE));
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("rejected");
    }

    @Test
    @DisplayName("sent twice is a success, and GitHub records one decision")
    void twice() {
      GateReply approve = reply(Decision.Outcome.APPROVED, "ok");
      assertThat(send(approve)).isEqualTo(Either.right(Done.DONE));
      assertThat(send(approve)).isEqualTo(Either.right(Done.DONE));
      assertThat(wired.github().reviews()).hasSize(1);
    }

    @Test
    @DisplayName("contradicting the decision GitHub already holds is a conflict")
    void contradiction() {
      send(reply(Decision.Outcome.REJECTED, "no"));
      assertThat(send(reply(Decision.Outcome.APPROVED, "yes")).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    }

    @Test
    @DisplayName("a comment longer than GitHub's 1024 characters is cut, keeping its head")
    void longComment() {
      assertThat(send(reply(Decision.Outcome.APPROVED, "x".repeat(5000)))).isEqualTo(Either.right(Done.DONE));
      String comment = wired.github().reviews().get(0).comment();
      assertThat(comment).hasSize(1024).startsWith("**coexist: approved**").endsWith("…");
    }

    @Test
    @DisplayName("goes out with an installation token, fetched once and reused")
    void installationToken() {
      send(reply(Decision.Outcome.PENDING, "one"));
      send(reply(Decision.Outcome.PENDING, "two"));
      send(reply(Decision.Outcome.APPROVED, "three"));
      assertThat(wired.github().issuedTokens()).isEqualTo(1);
      assertThat(wired.github().reviews()).extracting(Review::token).allMatch(t -> t.startsWith("ghs_")).hasSize(3);
      assertThat(wired.github().requests()).filteredOn(r -> r.path().contains("deployment_protection_rule"))
          .allSatisfy(r -> {
            assertThat(r.header("X-GitHub-Api-Version")).contains("2022-11-28");
            assertThat(r.header("Accept")).contains("application/vnd.github+json");
          });
    }

    @Test
    @DisplayName("the token is renewed shortly before it expires")
    void tokenRenewal() {
      send(reply(Decision.Outcome.PENDING, "one"));
      wired.clock().advance(Duration.ofMinutes(56));
      send(reply(Decision.Outcome.PENDING, "two"));
      assertThat(wired.github().issuedTokens()).isEqualTo(2);
    }

    @Test
    @DisplayName("a 401 drops the token, a fresh one is fetched and the call goes through")
    void badCredentials() {
      send(reply(Decision.Outcome.PENDING, "one"));
      wired.github().failNext("deployment_protection_rule", 1, Failure.badCredentials());
      assertThat(send(reply(Decision.Outcome.APPROVED, "two"))).isEqualTo(Either.right(Done.DONE));
      assertThat(wired.github().issuedTokens()).isEqualTo(2);
    }

    @Test
    @DisplayName("a server error is retried, and a decision repeated after a lost answer still counts once")
    void retried() {
      wired.github().failNext("deployment_protection_rule", 2, Failure.serverError(502));
      assertThat(send(reply(Decision.Outcome.APPROVED, "ok"))).isEqualTo(Either.right(Done.DONE));
      assertThat(wired.waits()).hasSize(2);
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("approved");
    }
  }

  @Nested
  @DisplayName("a pending reply")
  class Pending {
    @Test
    @DisplayName("posts a progress note without a state")
    void progress() {
      assertThat(send(reply(Decision.Outcome.PENDING, "Waiting for CAB: 1 of 2 approvals."))).isEqualTo(Either.right(Done.DONE));
      Review note = wired.github().reviews().get(0);
      assertThat(note.state()).isEmpty();
      assertThat(note.comment()).startsWith("**coexist: waiting**").contains("1 of 2 approvals");
      assertThat(wired.github().gateState(REPOSITORY, RUN, "production")).contains("pending");
      assertThat(wired.adapter().gateTimeouts().pending()).isEqualTo(1);
    }

    @Test
    @DisplayName("stops at GitHub's 10 notes per deployment, still answering success")
    void capped() {
      for (int i = 0; i < 12; i++) {
        assertThat(send(reply(Decision.Outcome.PENDING, "note " + i))).isEqualTo(Either.right(Done.DONE));
      }
      assertThat(wired.github().reviews()).hasSize(10);
    }

    @Test
    @DisplayName("after the final answer is a success with nothing posted")
    void afterFinal() {
      send(reply(Decision.Outcome.APPROVED, "ok"));
      assertThat(send(reply(Decision.Outcome.PENDING, "late note"))).isEqualTo(Either.right(Done.DONE));
      assertThat(wired.github().reviews()).hasSize(1);
    }
  }

  @Nested
  @DisplayName("a reply it cannot deliver")
  class Refused {
    @Test
    @DisplayName("from another source is invalid input")
    void otherSource() {
      GateReply foreign = new GateReply(ChangeId.of("chg-1"), Optional.empty(), Decision.Outcome.APPROVED, "ok", "jenkins",
          replyTo);
      assertThat(send(foreign).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(wired.github().reviews()).isEmpty();
    }

    @Test
    @DisplayName("without a usable replyTo lists every problem")
    void badReplyTo() {
      GateReply broken = new GateReply(ChangeId.of("chg-1"), Optional.empty(), Decision.Outcome.APPROVED, "ok", "github",
          Map.of("repository", "not/a/repo", "run_id", "-3"));
      CoexistError error = send(broken).getLeft();
      assertThat(((CoexistError.InvalidInput) error).problems()).hasSize(3);
    }

    @Test
    @DisplayName("rate limited for longer than the adapter waits is handed back with the wait")
    void rateLimited() {
      wired.github().failNext("deployment_protection_rule", 1, Failure.secondaryRateLimit(429, Duration.ofMinutes(10)));
      CoexistError error = send(reply(Decision.Outcome.APPROVED, "ok")).getLeft();
      assertThat(error).isInstanceOf(CoexistError.RateLimited.class);
      assertThat(((CoexistError.RateLimited) error).retryAfter()).contains(Duration.ofMinutes(10));
      assertThat(wired.adapter().gateTimeouts().pending()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("an adapter with a personal access token reviews with that token")
  void withToken() {
    try (Fixtures.Wired tokenWired = Fixtures.withToken(Map.of())) {
      tokenWired.github().openGate(REPOSITORY, RUN, "production");
      assertThat(tokenWired.adapter().gateReplies().reply(reply(Decision.Outcome.APPROVED, "ok")))
          .isEqualTo(Either.right(Done.DONE));
      assertThat(tokenWired.github().reviews()).extracting(Review::token).containsExactly(Fixtures.TOKEN);
      GitHubStandIn github = tokenWired.github();
      assertThat(github.requests()).noneMatch(r -> r.path().contains("access_tokens"));
    }
  }
}
