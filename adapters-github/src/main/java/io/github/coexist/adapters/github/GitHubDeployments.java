package io.github.coexist.adapters.github;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment calls coexist makes of its own accord, outside the gate: deployment statuses that
 * carry the ITSM change number, and the commits between two shas (GitHub's compare API) for lead
 * time when a deployment did not bring them. Uses the installation a webhook last named for the
 * repository, else {@code installation-id}. Thread-safe; call off the webhook thread.
 */
public final class GitHubDeployments {
  /** GitHub's limit on a deployment status description. */
  public static final int MAX_DESCRIPTION = 140;

  /** The states a deployment status can report. */
  public enum State {
    /** Waiting to start. */
    QUEUED,
    /** Not started. */
    PENDING,
    /** Running. */
    IN_PROGRESS,
    /** Succeeded. */
    SUCCESS,
    /** Failed. */
    FAILURE,
    /** Could not run. */
    ERROR,
    /** Superseded. */
    INACTIVE;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final GitHubApi api;
  private final InstallationBook installations;

  GitHubDeployments(GitHubApi api, InstallationBook installations) {
    this.api = Objects.requireNonNull(api, "api");
    this.installations = Objects.requireNonNull(installations, "installations");
  }

  /**
   * Adds a status to a deployment; its description names the change ({@code Change CHG0030012:
   * approved by CAB}), cut to GitHub's 140 characters. Returns the new status's id.
   *
   * @param repository {@code owner/name}
   * @param deploymentId GitHub's deployment id
   * @param state the state to report
   * @param description what to show, for people
   * @param changeNumber the ITSM change number, when there is one
   * @param logUrl a link to details (the ITSM record, say), when there is one
   */
  public Either<CoexistError, Long> reportStatus(String repository, long deploymentId, State state, String description,
      Optional<String> changeNumber, Optional<String> logUrl) {
    Either<CoexistError, Repository> repo = repository(repository);
    if (repo.isLeft()) {
      return Either.left(repo.getLeft());
    }
    if (deploymentId <= 0) {
      return Either.left(CoexistError.invalid("deployment id must be positive, was " + deploymentId));
    }
    String text = changeNumber.map(n -> "Change " + n + (description.isBlank() ? "" : ": " + description))
        .orElse(description);
    return api.createDeploymentStatus(installations.of(repo.get()), repo.get(), deploymentId, state.wire(),
        Fields.cut(text.strip(), MAX_DESCRIPTION), logUrl, Optional.empty());
  }

  /**
   * The commits reachable from {@code headSha} but not from {@code baseSha}, oldest first, with
   * the size of the change.
   */
  public Either<CoexistError, CommitRange> commitsBetween(String repository, String baseSha, String headSha) {
    return repository(repository).flatMap(r -> api.compare(installations.of(r), r, baseSha, headSha));
  }

  private static Either<CoexistError, Repository> repository(String fullName) {
    return Repository.parse(fullName).mapLeft(CoexistError::invalid);
  }

  @Override
  public String toString() {
    return "GitHubDeployments";
  }
}
