package io.github.coexist.testkit;

import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.kernel.ChangeId;
import java.util.List;
import java.util.Optional;

class InMemoryGateRepliesCompatibilityTest extends GateRepliesCompatibilityKit {
  private InMemoryGateReplies replies;

  @Override
  protected GateReplies replies() {
    replies = new InMemoryGateReplies();
    return replies;
  }

  @Override
  protected Optional<List<GateReply>> delivered(ChangeId change) {
    return Optional.of(replies.repliesFor(change));
  }
}
