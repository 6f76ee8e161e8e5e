package io.github.coexist.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ChangeId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryGateRepliesTest {
  private final InMemoryGateReplies replies = new InMemoryGateReplies();

  private static GateReply reply(String change, Decision.Outcome outcome) {
    return new GateReply(ChangeId.of(change), Optional.empty(), outcome, "text", "github", Map.of("run", "1"));
  }

  @Test
  @DisplayName("keeps progress notes and the final answer in order; the same final answer again is kept once")
  void order() {
    replies.reply(reply("a", Decision.Outcome.PENDING)).get();
    replies.reply(reply("a", Decision.Outcome.APPROVED)).get();
    replies.reply(reply("a", Decision.Outcome.APPROVED)).get();
    assertThat(replies.repliesFor(ChangeId.of("a"))).extracting(GateReply::outcome)
        .containsExactly(Decision.Outcome.PENDING, Decision.Outcome.APPROVED);
    assertThat(replies.finalReply(ChangeId.of("a"))).contains(reply("a", Decision.Outcome.APPROVED));
  }

  @Test
  @DisplayName("refuses a second, different final answer: a pipeline is told once")
  void onlyOneFinal() {
    replies.reply(reply("a", Decision.Outcome.APPROVED)).get();
    assertThat(replies.reply(reply("a", Decision.Outcome.REJECTED)).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    assertThat(replies.reply(reply("b", Decision.Outcome.REJECTED)).isRight()).isTrue();
  }
}
