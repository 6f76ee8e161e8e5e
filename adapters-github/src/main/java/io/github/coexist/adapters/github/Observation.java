package io.github.coexist.adapters.github;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.gate.PipelineDeadline;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.AlertSeverity;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact a GitHub delivery told coexist, as the adapter read it. The adapter keeps evidence,
 * pushes and release markers for itself (they shape later gate requests and deployments); {@link
 * GitHubSignals} maps the rest onto core's {@code Signal}s, which is what goes to core.
 */
public sealed interface Observation {

  /** The repository the fact is about, as {@code owner/name}. */
  String repository();

  /**
   * A deployment protection rule asks the change gate: hand {@link #request()} to the gate and
   * answer through {@link GitHubGateReplies}. Its {@code replyTo} names the repository, the run,
   * the environment, the deployment and (for Apps) the installation.
   *
   * @param request the gate's input, with {@code source} {@code github}
   * @param repository the repository, {@code owner/name}
   * @param deadline when the run stops waiting ({@code gate-timeout}) and what it answers then
   */
  record GateRequested(DeploymentRequest request, String repository, Optional<PipelineDeadline> deadline)
      implements Observation {
    public GateRequested {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(deadline, "deadline");
    }
  }

  /**
   * A deployment started or finished.
   *
   * @param deployment the deployment, with commits when the adapter saw the pushes that brought them
   * @param production whether its environment counts as production ({@code production-environments})
   * @param gateKey the idempotency key of the gate request for the same run and environment, when
   *     known: the change this deployment belongs to
   * @param previousSha the sha last deployed successfully to the same environment, when known:
   *     with {@code deployment.sha()} the range {@link GitHubDeployments#commitsBetween} can read
   *     when {@code commits} is empty
   * @param repository the repository, {@code owner/name}
   */
  record DeploymentObserved(Deployment deployment, boolean production, Optional<IdempotencyKey> gateKey,
      Optional<String> previousSha, String repository) implements Observation {
    public DeploymentObserved {
      Objects.requireNonNull(deployment, "deployment");
      Objects.requireNonNull(gateKey, "gateKey");
      Objects.requireNonNull(previousSha, "previousSha");
      Objects.requireNonNull(repository, "repository");
    }
  }

  /** What a piece of pipeline evidence counts as. */
  enum EvidenceKind {
    /** Test suites. */
    TESTS,
    /** Code review. */
    REVIEW,
    /** A security scan. */
    SECURITY_SCAN,
    /** Another named check, kept under its name. */
    OTHER
  }

  /**
   * A workflow run, check suite, check run or pull request review finished for a commit.
   *
   * @param repository the repository, {@code owner/name}
   * @param sha the commit the evidence is for
   * @param check the workflow, check or review name
   * @param kind what the check counts as
   * @param status passed or failed
   * @param evidence everything known for {@code sha} now, this check included; later gate
   *     requests for the same sha carry it
   */
  record EvidenceObserved(String repository, String sha, String check, EvidenceKind kind, EvidenceStatus status,
      PipelineEvidence evidence) implements Observation {
    public EvidenceObserved {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(evidence, "evidence");
    }
  }

  /**
   * Commits were pushed (for lead time: each commit's time).
   *
   * @param repository the repository, {@code owner/name}
   * @param ref the ref pushed to ({@code refs/heads/main})
   * @param defaultBranch whether {@code ref} is the repository's default branch
   * @param headSha the sha the ref points to after the push
   * @param commits the commits pushed, oldest first
   */
  record CommitsPushed(String repository, String ref, boolean defaultBranch, String headSha, List<Commit> commits)
      implements Observation {
    public CommitsPushed {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(headSha, "headSha");
      commits = List.copyOf(commits);
    }
  }

  /**
   * A pull request was merged.
   *
   * @param repository the repository, {@code owner/name}
   * @param number the pull request number
   * @param title its title (cut to 200 characters)
   * @param author who opened it
   * @param headSha the last commit of its branch
   * @param mergeSha the commit the merge made, when GitHub names it
   * @param baseRef the branch it was merged into
   * @param openedAt when it was opened
   * @param mergedAt when it was merged
   * @param commits its branch's commits from its base, oldest first, when the adapter saw every push
   *     between them; else empty
   */
  record PullRequestMerged(String repository, long number, String title, String author, String headSha,
      Optional<String> mergeSha, String baseRef, Instant openedAt, Instant mergedAt, List<Commit> commits)
      implements Observation {
    public PullRequestMerged {
      commits = List.copyOf(commits);
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(headSha, "headSha");
      Objects.requireNonNull(mergeSha, "mergeSha");
      Objects.requireNonNull(baseRef, "baseRef");
      Objects.requireNonNull(openedAt, "openedAt");
      Objects.requireNonNull(mergedAt, "mergedAt");
    }
  }

  /**
   * An issue carrying the incident label was opened, labelled, closed or reopened. {@link
   * #toAlert()} gives core's incident desk the alert to raise.
   *
   * @param repository the repository, {@code owner/name}
   * @param service the service the repository deploys
   * @param number the issue number
   * @param title its title (cut to 200 characters)
   * @param kind what happened
   * @param severity from the issue's first label that names one ({@code sev1}, {@code critical},
   *     {@code p2}, {@code minor}, ...), else {@code ERROR}: an incident hurts users
   * @param at when it happened, by GitHub's clock
   * @param reporter who opened the issue
   * @param url the issue's page, when given
   */
  record IncidentSignal(String repository, ServiceId service, long number, String title, Kind kind,
      AlertSeverity severity, Instant at, String reporter, Optional<String> url) implements Observation {
    /** The alert source of issue incidents. */
    public static final String SOURCE = "github";

    /** What happened to the incident issue. */
    public enum Kind {
      /** Opened with the label, or the label was added. */
      OPENED,
      /** Closed. */
      RESOLVED,
      /** Reopened. */
      REOPENED
    }

    public IncidentSignal {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reporter, "reporter");
      Objects.requireNonNull(url, "url");
    }

    /**
     * The alert for core's incident desk: source {@code github}, one dedup key per issue ({@code
     * owner/repo#number}, so reopening folds into the same incident), firing when opened or
     * reopened, resolved when closed; labels name the repository, the issue and its reporter.
     */
    public Either<CoexistError, Alert> toAlert() {
      Alert.Builder alert = Alert.builder()
          .source(SOURCE)
          .dedupKey(repository + "#" + number)
          .service(service.value())
          .summary("#" + number + " " + title)
          .severity(severity.name())
          .status(kind == Kind.RESOLVED ? "resolved" : "firing")
          .at(at)
          .label("repository", repository)
          .label("issue", Long.toString(number))
          .label("reporter", reporter);
      url.ifPresent(u -> alert.label("url", u));
      return alert.build();
    }
  }

  /**
   * A release was published: a change marker for services released by tag.
   *
   * @param repository the repository, {@code owner/name}
   * @param service the service the repository deploys
   * @param tag the release's tag
   * @param target the branch or sha the tag was cut from
   * @param name the release's name, when it has one
   * @param prerelease whether it is marked a pre-release
   * @param publishedAt when it was published
   */
  record ReleaseMarker(String repository, ServiceId service, String tag, String target, Optional<String> name,
      boolean prerelease, Instant publishedAt) implements Observation {
    public ReleaseMarker {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(publishedAt, "publishedAt");
    }
  }
}
