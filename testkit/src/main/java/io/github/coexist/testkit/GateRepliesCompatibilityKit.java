package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GateReplies} implementation promises, as tests: extend it, implement {@link
 * #replies()}, and override {@link #reply} so replies carry the source and {@code replyTo} your
 * implementation answers (a GitHub adapter needs a repository, a run id and an environment, and
 * its stand-in must be waiting for them). Override {@link #delivered} when the pipeline's side
 * can be read, to check what arrived.
 */
@DisplayNameGeneration(ImplementerNames.class)
public abstract class GateRepliesCompatibilityKit {
  private GateReplies replies;

  /** The implementation under test; called once before each test. */
  protected abstract GateReplies replies();

  /**
   * A reply about {@code change} that the implementation can deliver. The default is from
   * source {@code api} with nothing to reply to.
   */
  protected GateReply reply(ChangeId change, Decision.Outcome outcome, String comment) {
    return new GateReply(change, Optional.of(new ExternalKey("memory", "CHG0001001", "CHG0001001")), outcome,
        comment, "api", Map.of());
  }

  /**
   * What reached the pipeline about {@code change}, in order; empty (the default) when the
   * implementation cannot tell, which skips the tests that read it.
   */
  protected Optional<List<GateReply>> delivered(ChangeId change) {
    return Optional.empty();
  }

  /** A change id no other test uses. */
  protected ChangeId newChange() {
    return ChangeId.of("kit-" + UUID.randomUUID());
  }

  @BeforeEach
  void createReplies() {
    replies = replies();
  }

  private void send(GateReply reply) {
    Either<CoexistError, Done> sent = replies.reply(reply);
    assertThat(sent.isRight()).as("reply %s: %s", reply.outcome(), sent).isTrue();
  }

  @Nested
  class Answering {
    @Test
    @DisplayName("a progress note and then an approval are delivered")
    void progressThenApproval() {
      ChangeId change = newChange();
      send(reply(change, Decision.Outcome.PENDING, "CHG0001001 pending: waiting for 0 of 2 cab approvals"));
      send(reply(change, Decision.Outcome.APPROVED, "CHG0001001 approved by cab"));
    }

    @Test
    @DisplayName("a rejection is delivered")
    void rejection() {
      send(reply(newChange(), Decision.Outcome.REJECTED, "CHG0001001 rejected: tests failed"));
    }

    @Test
    @DisplayName("the same final reply twice is accepted both times")
    void finalTwice() {
      GateReply approval = reply(newChange(), Decision.Outcome.APPROVED, "CHG0001001 approved");
      send(approval);
      send(approval);
    }

    @Test
    @DisplayName("a comment of 1000 characters with non-ASCII text is accepted")
    void longComment() {
      String comment = ("Änderung genehmigt — risk low ✓ ").repeat(40).substring(0, 1000);
      send(reply(newChange(), Decision.Outcome.APPROVED, comment));
    }

    @Test
    @DisplayName("replies about different changes sent concurrently are all delivered")
    void concurrent() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Either<CoexistError, Done>>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          GateReply r = reply(newChange(), Decision.Outcome.APPROVED, "approved " + i);
          futures.add(pool.submit(() -> replies.reply(r)));
        }
        for (Future<Either<CoexistError, Done>> f : futures) {
          assertThat(f.get(30, TimeUnit.SECONDS).isRight()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class WhatArrives {
    @Test
    @DisplayName("replies arrive in the order sent, with their outcome and comment")
    void inOrder() {
      ChangeId change = newChange();
      GateReply progress = reply(change, Decision.Outcome.PENDING, "waiting for cab");
      GateReply approval = reply(change, Decision.Outcome.APPROVED, "approved by cab");
      send(progress);
      send(approval);
      Optional<List<GateReply>> arrived = delivered(change);
      assumeTrue(arrived.isPresent(), "this implementation cannot tell what arrived");
      assertThat(arrived.get()).extracting(GateReply::outcome).endsWith(Decision.Outcome.APPROVED);
      assertThat(arrived.get().get(arrived.get().size() - 1).comment()).isEqualTo("approved by cab");
    }

    @Test
    @DisplayName("a final reply sent twice arrives once")
    void finalOnce() {
      ChangeId change = newChange();
      GateReply rejection = reply(change, Decision.Outcome.REJECTED, "rejected: expired");
      send(rejection);
      send(rejection);
      Optional<List<GateReply>> arrived = delivered(change);
      assumeTrue(arrived.isPresent(), "this implementation cannot tell what arrived");
      assertThat(arrived.get()).filteredOn(GateReply::isFinal).hasSize(1);
    }
  }
}
