package io.github.coexist.core.delivery;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.NullUnmarked;

/**
 * A pipeline's request to deploy: the input of the change gate.
 *
 * <p>Built from untrusted input with {@link #builder()}, whose {@link Builder#build()} reports
 * every problem at once as {@link CoexistError.InvalidInput}. Like every input builder, its
 * setters never throw: a {@code null} counts as not given, and {@code build()} names each
 * required value not given (a {@code null} for a value with a default included).
 *
 * @param idempotencyKey the same key never creates a second change, however often it is sent
 * @param service the service being deployed
 * @param environment the target environment as the pipeline names it ({@code production})
 * @param repository the source repository ({@code owner/name}), when known
 * @param headSha the commit being deployed, when known
 * @param baseSha the commit currently deployed, when known (the start of the commit range)
 * @param commits the commits the deployment carries, oldest first, when known
 * @param size how big the change is
 * @param evidence what the pipeline proved (tests, review, scans)
 * @param requester who asked
 * @param rollbackPlan whether a rollback plan exists (automated rollback, documented back-out)
 * @param emergency whether the requester declares an emergency (restore service now)
 * @param hotfixFor the incident this deployment fixes, if any
 * @param changeModel the change model the requester asks for (a standard change template name)
 * @param summary a one-line description for people, such as the pull request title
 * @param plannedStart when the deployment is meant to start; the gate's clock when absent
 * @param plannedDuration how long the deployment is expected to take
 * @param source the tool that sent the request ({@code github}, {@code api}, ...)
 * @param replyTo what the source's adapter needs to answer the pipeline later (opaque to core)
 * @param paths the paths the deployment changes, when the pipeline reports them (standard change
 *     templates may limit them)
 * @param commitAuthors who wrote the commits the deployment carries: none of them may approve it
 * @param mergers who merged the pull requests it carries: none of them may approve it
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public record DeploymentRequest(
    IdempotencyKey idempotencyKey,
    ServiceId service,
    String environment,
    Optional<String> repository,
    Optional<String> headSha,
    Optional<String> baseSha,
    List<Commit> commits,
    ChangeSize size,
    PipelineEvidence evidence,
    Actor requester,
    boolean rollbackPlan,
    boolean emergency,
    Optional<IncidentId> hotfixFor,
    Optional<String> changeModel,
    Optional<String> summary,
    Optional<Instant> plannedStart,
    Duration plannedDuration,
    String source,
    Map<String, String> replyTo,
    List<String> paths,
    List<Actor> commitAuthors,
    List<Actor> mergers) {

  /** The expected duration of a deployment when the request does not say. */
  public static final Duration DEFAULT_DURATION = Duration.ofMinutes(30);

  public DeploymentRequest {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(baseSha, "baseSha");
    commits = List.copyOf(commits);
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(hotfixFor, "hotfixFor");
    Objects.requireNonNull(changeModel, "changeModel");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(plannedStart, "plannedStart");
    Objects.requireNonNull(plannedDuration, "plannedDuration");
    Objects.requireNonNull(source, "source");
    replyTo = replyTo.isEmpty() ? java.util.Collections.emptySortedMap()
        : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(replyTo));
    paths = paths == null ? List.of() : List.copyOf(paths);
    commitAuthors = commitAuthors == null ? List.of() : List.copyOf(commitAuthors);
    mergers = mergers == null ? List.of() : List.copyOf(mergers);
  }

  /**
   * Who may not approve this deployment under separation of duties, with the role that bars each:
   * the requester, the commit authors and the pull request mergers, in that order.
   */
  public List<Map.Entry<String, Actor>> involved() {
    List<Map.Entry<String, Actor>> involved = new ArrayList<>(1 + commitAuthors.size() + mergers.size());
    involved.add(Map.entry("asked for", requester));
    commitAuthors.forEach(a -> involved.add(Map.entry("wrote commits of", a)));
    mergers.forEach(m -> involved.add(Map.entry("merged a pull request of", m)));
    return involved;
  }

  /** A builder for a request from untrusted input. */
  public static Builder builder() {
    return new Builder();
  }

  /** A one-line description: the summary when given, else service, environment and sha. */
  public String describe() {
    return summary.orElseGet(() -> "deploy " + service + " to " + environment
        + headSha.map(s -> " at " + s.substring(0, Math.min(7, s.length()))).orElse(""));
  }

  /**
   * Collects a request's fields and validates them together. Setters take raw values; {@link
   * #build()} turns them into typed ones or lists every problem.
   */
  public static final class Builder {
    private String idempotencyKey;
    private String service;
    private String environment;
    private String repository;
    private String headSha;
    private String baseSha;
    private final List<Commit> commits = new ArrayList<>();
    private int filesChanged;
    private int linesChanged;
    private PipelineEvidence evidence = PipelineEvidence.NONE;
    private Actor requester = Actor.system("pipeline");
    private boolean rollbackPlan;
    private boolean emergency;
    private IncidentId hotfixFor;
    private String changeModel;
    private String summary;
    private Instant plannedStart;
    private Duration plannedDuration = DEFAULT_DURATION;
    private String source = "api";
    private final Map<String, String> replyTo = new TreeMap<>();
    private boolean nullReplyTo;
    private final List<String> paths = new ArrayList<>();
    private final List<Actor> commitAuthors = new ArrayList<>();
    private final List<Actor> mergers = new ArrayList<>();

    private Builder() {}

    /** Required, not blank. */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    /** Required, not blank. */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** Required, not blank; the gate also checks it is a known environment. */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /** The repository as {@code owner/name}. */
    public Builder repository(String repository) {
      this.repository = repository;
      return this;
    }

    /** The sha being deployed. */
    public Builder headSha(String sha) {
      this.headSha = sha;
      return this;
    }

    /** The sha currently deployed. */
    public Builder baseSha(String sha) {
      this.baseSha = sha;
      return this;
    }

    /** Adds a commit the deployment carries. */
    public Builder addCommit(Commit commit) {
      commits.add(commit);
      return this;
    }

    /** Files changed; must not be negative. */
    public Builder filesChanged(int files) {
      this.filesChanged = files;
      return this;
    }

    /** Lines added plus removed; must not be negative. */
    public Builder linesChanged(int lines) {
      this.linesChanged = lines;
      return this;
    }

    /** What the pipeline proved; {@link PipelineEvidence#NONE} unless set. */
    public Builder evidence(PipelineEvidence evidence) {
      this.evidence = evidence;
      return this;
    }

    /** Who asks; {@code system:pipeline} unless set. */
    public Builder requester(Actor requester) {
      this.requester = requester;
      return this;
    }

    /** Whether a rollback plan exists; false unless set. */
    public Builder rollbackPlan(boolean present) {
      this.rollbackPlan = present;
      return this;
    }

    /** Whether this is an emergency; false unless set. */
    public Builder emergency(boolean emergency) {
      this.emergency = emergency;
      return this;
    }

    /** The incident this deployment fixes. */
    public Builder hotfixFor(IncidentId incident) {
      this.hotfixFor = incident;
      return this;
    }

    /** The change model (standard change template) asked for. */
    public Builder changeModel(String model) {
      this.changeModel = model;
      return this;
    }

    /** A one-line description for people. */
    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    /** When the deployment is meant to start. */
    public Builder plannedStart(Instant start) {
      this.plannedStart = start;
      return this;
    }

    /** How long it is expected to take; must be positive. */
    public Builder plannedDuration(Duration duration) {
      this.plannedDuration = duration;
      return this;
    }

    /** The tool that sent the request; {@code api} unless set. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    /**
     * An entry the source's adapter needs to answer later, such as a workflow run id; a {@code
     * null} key or value is reported by {@link #build()}.
     */
    public Builder replyTo(String key, String value) {
      if (key == null || value == null) {
        nullReplyTo = true;
      } else {
        replyTo.put(key, value);
      }
      return this;
    }

    /** Adds a path the deployment changes; blank ones are left out. */
    public Builder addPath(String path) {
      if (!Problems.isBlank(path) && !paths.contains(path.strip())) {
        paths.add(path.strip());
      }
      return this;
    }

    /** Adds a commit author; null is left out, and an author already added counts once. */
    public Builder addCommitAuthor(Actor author) {
      addOnce(commitAuthors, author);
      return this;
    }

    /** Adds who merged a pull request the deployment carries; null is left out, repeats count once. */
    public Builder addMerger(Actor merger) {
      addOnce(mergers, merger);
      return this;
    }

    private static void addOnce(List<Actor> actors, Actor actor) {
      if (actor != null && actors.stream().noneMatch(actor::isSameAs)) {
        actors.add(actor);
      }
    }

    /** The request, or every problem found in it. */
    public Either<CoexistError, DeploymentRequest> build() {
      return build(environment -> true);
    }

    /**
     * The request, or every problem found in it, counting an environment that {@code
     * knownEnvironment} does not accept as one of them.
     */
    public Either<CoexistError, DeploymentRequest> build(Predicate<String> knownEnvironment) {
      Problems problems = new Problems()
          .require(!Problems.isBlank(idempotencyKey), "idempotency key is required")
          .require(!Problems.isBlank(service), "service is required")
          .require(!Problems.isBlank(environment), "environment is required");
      // Messages with the value in them are only written when there is a problem to report.
      if (filesChanged < 0) {
        problems.add("files changed must not be negative, was " + filesChanged);
      }
      if (linesChanged < 0) {
        problems.add("lines changed must not be negative, was " + linesChanged);
      }
      problems.require(plannedDuration != null && !plannedDuration.isNegative() && !plannedDuration.isZero(),
              "planned duration must be positive")
          .require(!Problems.isBlank(source), "source is required")
          .require(evidence != null, "evidence is required")
          .require(requester != null, "requester is required")
          .require(!commits.contains(null), "a commit must not be null")
          .require(!nullReplyTo, "a reply-to key and value must not be null");
      if (!Problems.isBlank(environment) && !knownEnvironment.test(environment)) {
        problems.add("environment '" + environment + "' is not a known environment");
      }
      return problems.toEither(() -> new DeploymentRequest(
          IdempotencyKey.of(idempotencyKey.strip()),
          ServiceId.of(service.strip()),
          environment.strip(),
          blankToEmpty(repository),
          blankToEmpty(headSha),
          blankToEmpty(baseSha),
          commits,
          new ChangeSize(filesChanged, linesChanged),
          evidence,
          requester,
          rollbackPlan,
          emergency,
          Optional.ofNullable(hotfixFor),
          blankToEmpty(changeModel),
          blankToEmpty(summary),
          Optional.ofNullable(plannedStart),
          plannedDuration,
          source,
          replyTo,
          paths,
          commitAuthors,
          mergers));
    }

    private static Optional<String> blankToEmpty(String s) {
      return Problems.isBlank(s) ? Optional.empty() : Optional.of(s.strip());
    }
  }
}
