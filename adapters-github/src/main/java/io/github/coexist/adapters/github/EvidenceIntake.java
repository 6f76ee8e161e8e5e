package io.github.coexist.adapters.github;

import io.github.coexist.adapters.github.Observation.EvidenceKind;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code workflow_run}, {@code check_suite} and {@code check_run} (completed), and {@code
 * pull_request_review} (submitted), become pipeline evidence for a sha, classified by name ({@code
 * evidence.*} patterns). Conclusions: {@code success} passed; {@code failure}, {@code timed_out}
 * and {@code startup_failure} failed; {@code cancelled}, {@code neutral}, {@code skipped}, {@code
 * stale} and {@code action_required} prove nothing and are ignored, as are conclusions GitHub may
 * add later. Check suites of GitHub Actions itself are ignored: their workflow runs say the same
 * with a name.
 */
final class EvidenceIntake {
  private final Intake intake;

  EvidenceIntake(Intake intake) {
    this.intake = intake;
  }

  Either<CoexistError, Handled> workflowRun(Fields p) {
    return completed(p, "workflow_run", "/workflow_run/head_sha", "/workflow_run/conclusion",
        p.shortText("/workflow_run/name").or(() -> p.shortText("/workflow/name")));
  }

  Either<CoexistError, Handled> checkRun(Fields p) {
    return completed(p, "check_run", "/check_run/head_sha", "/check_run/conclusion", p.shortText("/check_run/name"));
  }

  Either<CoexistError, Handled> checkSuite(Fields p) {
    if (p.text("/check_suite/app/slug").filter("github-actions"::equals).isPresent()) {
      return Either.right(Handled.ignored("check suites of GitHub Actions are read from their workflow_run events"));
    }
    return completed(p, "check_suite", "/check_suite/head_sha", "/check_suite/conclusion",
        p.shortText("/check_suite/app/name").or(() -> p.shortText("/check_suite/app/slug")));
  }

  /** An approving review passes the review evidence of the reviewed commit; one asking for changes fails it. */
  Either<CoexistError, Handled> review(Fields p) {
    String action = p.text("/action").orElse("");
    if (!action.equals("submitted")) {
      return Either.right(Handled.ignored("pull_request_review action '" + Fields.cut(action) + "' is not used"));
    }
    Optional<Repository> repository = intake.repository(p);
    String state = p.requireText("/review/state").toLowerCase(Locale.ROOT);
    String sha = p.text("/review/commit_id").orElseGet(() -> p.requireText("/pull_request/head/sha"));
    if (!p.ok()) {
      return Either.left(p.errors());
    }
    EvidenceStatus status;
    if (state.equals("approved")) {
      status = EvidenceStatus.PASSED;
    } else if (state.equals("changes_requested")) {
      status = EvidenceStatus.FAILED;
    } else {
      return Either.right(Handled.ignored("a review in state '" + Fields.cut(state) + "' neither approves nor rejects"));
    }
    return Either.right(record(repository.orElseThrow(), p, sha, "pull request review", EvidenceKind.REVIEW, status));
  }

  private Either<CoexistError, Handled> completed(Fields p, String event, String shaAt, String conclusionAt,
      Optional<String> name) {
    String action = p.text("/action").orElse("");
    if (!action.equals("completed")) {
      return Either.right(Handled.ignored(event + " action '" + Fields.cut(action) + "' is not a result"));
    }
    Optional<Repository> repository = intake.repository(p);
    String sha = p.requireText(shaAt);
    String conclusion = p.requireText(conclusionAt).toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      p.problem(event + " carries no name");
    }
    if (!p.ok()) {
      return Either.left(p.errors());
    }
    Optional<EvidenceStatus> status = switch (conclusion) {
      case "success" -> Optional.of(EvidenceStatus.PASSED);
      case "failure", "timed_out", "startup_failure" -> Optional.of(EvidenceStatus.FAILED);
      default -> Optional.empty();
    };
    if (status.isEmpty()) {
      return Either.right(Handled.ignored(event + " '" + name.get() + "' concluded '" + Fields.cut(conclusion)
          + "', which proves nothing"));
    }
    EvidenceKind kind = intake.evidence.kindOf(name.get());
    return Either.right(record(repository.orElseThrow(), p, sha, name.get(), kind, status.get()));
  }

  private Handled record(Repository repo, Fields p, String sha, String check, EvidenceKind kind, EvidenceStatus status) {
    intake.installation(p, repo);
    PipelineEvidence evidence = intake.evidence.record(repo, sha, check, kind, status);
    return Handled.produced(new Observation.EvidenceObserved(repo.fullName(), sha, check, kind, status, evidence));
  }
}
