package io.github.coexist.adapters.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code push} and merged {@code pull_request} (closed with {@code merged: true}) become commits
 * with their times, the start of lead time. Pushes are remembered so that a later deployment knows
 * the commits it carries; a merge hands its branch's evidence to the merge commit.
 */
final class CommitIntake {
  private static final String ZERO_SHA = "0000000000000000000000000000000000000000";
  private final Intake intake;

  CommitIntake(Intake intake) {
    this.intake = intake;
  }

  Either<CoexistError, Handled> push(Fields p) {
    Optional<Repository> repository = intake.repository(p);
    String ref = p.requireText("/ref");
    String before = p.requireText("/before");
    String after = p.requireText("/after");
    List<Commit> commits = new ArrayList<>();
    JsonNode list = p.node("/commits");
    if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
      p.problem("commits is not a list");
    }
    int index = 0;
    for (JsonNode commit : list.isArray() ? list : List.<JsonNode>of()) {
      Optional<String> sha = text(commit, "id");
      Optional<Instant> at = text(commit, "timestamp").flatMap(Fields::parseInstant);
      if (sha.isEmpty() || at.isEmpty()) {
        p.problem("commits." + index + " needs an id and an ISO-8601 timestamp");
      } else {
        commits.add(new Commit(sha.get(), at.get()));
      }
      index++;
    }
    if (!p.ok()) {
      return Either.left(p.errors());
    }
    Repository repo = repository.orElseThrow();
    intake.installation(p, repo);
    if (p.flag("/deleted") || after.equals(ZERO_SHA)) {
      return Either.right(Handled.ignored("push deleted " + Fields.cut(ref)));
    }
    if (commits.isEmpty()) {
      return Either.right(Handled.ignored("push to " + Fields.cut(ref) + " carries no commits"));
    }
    intake.commits.pushed(repo, before, after, commits);
    boolean defaultBranch = p.text("/repository/default_branch").map(b -> ref.equals("refs/heads/" + b)).orElse(false);
    return Either.right(Handled.produced(
        new Observation.CommitsPushed(repo.fullName(), Fields.cut(ref), defaultBranch, after, commits)));
  }

  Either<CoexistError, Handled> pullRequest(Fields p) {
    String action = p.text("/action").orElse("");
    if (!action.equals("closed")) {
      return Either.right(Handled.ignored("pull_request action '" + Fields.cut(action) + "' is not used"));
    }
    if (!p.flag("/pull_request/merged")) {
      return Either.right(Handled.ignored("pull request closed without merging"));
    }
    Optional<Repository> repository = intake.repository(p);
    long number = p.requireNumber("/pull_request/number");
    String headSha = p.requireText("/pull_request/head/sha");
    String baseRef = p.requireText("/pull_request/base/ref");
    Instant openedAt = p.requireInstant("/pull_request/created_at");
    Instant mergedAt = p.requireInstant("/pull_request/merged_at");
    if (!p.ok()) {
      return Either.left(p.errors());
    }
    Repository repo = repository.orElseThrow();
    intake.installation(p, repo);
    String title = p.shortText("/pull_request/title").orElse("pull request #" + number);
    Optional<String> mergeSha = p.text("/pull_request/merge_commit_sha");
    int lines = GateIntake.clamp(p.number("/pull_request/additions").orElse(0L)
        + p.number("/pull_request/deletions").orElse(0L));
    int files = GateIntake.clamp(p.number("/pull_request/changed_files").orElse(0L));
    mergeSha.ifPresent(sha -> intake.evidence.merged(repo, headSha, sha,
        new EvidenceBook.PullInfo(number, title, files, lines)));
    List<Commit> branch = p.text("/pull_request/base/sha")
        .flatMap(base -> intake.commits.between(repo, Optional.of(base), headSha)).orElse(List.of());
    return Either.right(Handled.produced(new Observation.PullRequestMerged(repo.fullName(), number, title,
        p.shortText("/pull_request/user/login").orElse("unknown"), headSha, mergeSha, Fields.cut(baseRef), openedAt,
        mergedAt, branch)));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }
}
