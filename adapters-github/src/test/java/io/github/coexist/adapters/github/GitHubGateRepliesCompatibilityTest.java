package io.github.coexist.adapters.github;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.testkit.GateRepliesCompatibilityKit;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn.Review;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The gate replies kit, run against the GitHub adapter (as a GitHub App) and the GitHub stand-in:
 * every change gets its own workflow run, whose protection rule the stand-in holds pending.
 */
@DisplayName("GitHub gate replies pass the GateReplies compatibility kit")
class GitHubGateRepliesCompatibilityTest extends GateRepliesCompatibilityKit {
  private static final String ENVIRONMENT = "production";
  private final AtomicLong runs = new AtomicLong(1000);
  private final Map<ChangeId, Long> runOf = new ConcurrentHashMap<>();
  private Fixtures.Wired wired;

  @Override
  protected GateReplies replies() {
    wired = Fixtures.withApp(Map.of("coexist.github.installation-id", Long.toString(GitHubDeliveries.INSTALLATION_ID)));
    return wired.adapter().gateReplies();
  }

  @AfterEach
  void stop() {
    wired.close();
  }

  @Override
  protected GateReply reply(ChangeId change, Decision.Outcome outcome, String comment) {
    long run = runOf.computeIfAbsent(change, c -> {
      long next = runs.incrementAndGet();
      wired.github().openGate(GitHubDeliveries.REPOSITORY, next, ENVIRONMENT);
      return next;
    });
    return new GateReply(change, Optional.of(new ExternalKey("memory", "CHG0001001", "CHG0001001")), outcome, comment,
        GitHubGateReplies.SOURCE, Map.of("repository", GitHubDeliveries.REPOSITORY, "run_id", Long.toString(run),
            "environment", ENVIRONMENT));
  }

  /** The reviews GitHub holds for the change's run, read back as replies (the comment without coexist's header). */
  @Override
  protected Optional<List<GateReply>> delivered(ChangeId change) {
    Long run = runOf.get(change);
    if (run == null) {
      return Optional.of(List.of());
    }
    return Optional.of(wired.github().reviews().stream()
        .filter(r -> r.runId() == run)
        .map(r -> new GateReply(change, Optional.empty(), outcome(r), body(r.comment()), GitHubGateReplies.SOURCE, Map.of()))
        .toList());
  }

  private static Decision.Outcome outcome(Review review) {
    return review.state().map(s -> s.equals("approved") ? Decision.Outcome.APPROVED : Decision.Outcome.REJECTED)
        .orElse(Decision.Outcome.PENDING);
  }

  private static String body(String comment) {
    int blank = comment.indexOf("\n\n");
    return blank < 0 ? "" : comment.substring(blank + 2);
  }
}
