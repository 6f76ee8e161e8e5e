package io.github.coexist.core.delivery;

import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment that happened (or is happening), as the delivery tool reports it: the fact that
 * KPIs count and incident correlation suspects.
 *
 * @param id the delivery tool's deployment id
 * @param service the service deployed
 * @param environment the environment deployed to
 * @param status where the deployment stands
 * @param startedAt when it started
 * @param finishedAt when it finished, once it has
 * @param commits the commits it carried, for lead time
 * @param changeId the change it was made under, when there is one
 * @param hotfixFor the incident it fixes, when it is a hotfix (for rework rate)
 * @param repository the source repository, when known
 * @param sha the deployed commit, when known
 * @param rollbackOf the deployment it rolls back or reverts, when it does: that one counts as failed
 *     ("rollback detected") once this one succeeds in production
 */
public record Deployment(
    DeploymentId id,
    ServiceId service,
    String environment,
    Status status,
    Instant startedAt,
    Optional<Instant> finishedAt,
    List<Commit> commits,
    Optional<ChangeId> changeId,
    Optional<IncidentId> hotfixFor,
    Optional<String> repository,
    Optional<String> sha,
    Optional<DeploymentId> rollbackOf) {

  /** Where a deployment stands. */
  public enum Status {
    /** Started, not finished. */
    IN_PROGRESS,
    /** Finished and succeeded. */
    SUCCESS,
    /** Finished and failed. */
    FAILURE
  }

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    commits = List.copyOf(commits);
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(hotfixFor, "hotfixFor");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(rollbackOf, "rollbackOf");
    if (rollbackOf.equals(Optional.of(id))) {
      throw new IllegalArgumentException("deployment " + id + " cannot roll itself back");
    }
    if (finishedAt.isPresent() && finishedAt.get().isBefore(startedAt)) {
      throw new IllegalArgumentException("deployment " + id + " finished before it started");
    }
    if (status != Status.IN_PROGRESS && finishedAt.isEmpty()) {
      throw new IllegalArgumentException("a finished deployment needs its finish time");
    }
  }

  /** A deployment that rolls nothing back. */
  public Deployment(DeploymentId id, ServiceId service, String environment, Status status, Instant startedAt,
      Optional<Instant> finishedAt, List<Commit> commits, Optional<ChangeId> changeId, Optional<IncidentId> hotfixFor,
      Optional<String> repository, Optional<String> sha) {
    this(id, service, environment, status, startedAt, finishedAt, commits, changeId, hotfixFor, repository, sha,
        Optional.empty());
  }

  /** This deployment as one that rolls back or reverts {@code undone}. */
  public Deployment rollingBack(DeploymentId undone) {
    return new Deployment(id, service, environment, status, startedAt, finishedAt, commits, changeId, hotfixFor,
        repository, sha, Optional.of(undone));
  }

  /** Whether it finished and failed: the one definition of a failed deployment. */
  public boolean failed() {
    return status == Status.FAILURE;
  }

  /** Whether it fixes an incident: the one definition of a hotfix, which the rework rate counts. */
  public boolean hotfix() {
    return hotfixFor.isPresent();
  }

  /**
   * This deployment made under {@code change}; a hotfix mark the pipeline left off comes from
   * {@code requestedHotfixFor}, what the change's request said.
   */
  public Deployment underChange(ChangeId change, Optional<IncidentId> requestedHotfixFor) {
    return new Deployment(id, service, environment, status, startedAt, finishedAt, commits, Optional.of(change),
        hotfixFor.or(() -> requestedHotfixFor), repository, sha, rollbackOf);
  }

  /** This deployment carrying {@code carried} as its commits. */
  public Deployment withCommits(List<Commit> carried) {
    return new Deployment(id, service, environment, status, startedAt, finishedAt, carried, changeId, hotfixFor,
        repository, sha, rollbackOf);
  }

  /** Whether it finished and succeeded. */
  public boolean succeeded() {
    return status == Status.SUCCESS;
  }
}
