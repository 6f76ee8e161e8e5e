package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment gating through the Jira Software Deployments API on Atlassian's gateway ({@code
 * /jira/deployments/0.1/cloud/{cloudId}/...}): a deployment submitted as pending with the {@code
 * initiate_deployment_gating} command makes JSM open a change request for it; the gating status
 * then says whether the deployment may go ahead. Needs OAuth credentials with the deployments
 * permission. Environment types come from configuration ({@code gating.environment-type.<env>}).
 * Thread-safe.
 */
public final class JiraDeploymentGating {
  private final JiraHttp http;
  private final JiraSettings settings;
  private final Clock clock;
  private final RemoteClient.Sleeper sleeper;
  private final String base;

  JiraDeploymentGating(JiraHttp http, JiraSettings settings, Clock clock, RemoteClient.Sleeper sleeper) {
    this.http = http;
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.base = "/jira/deployments/0.1/cloud/" + JiraHttp.segment(settings.config.cloudId().orElseThrow());
  }

  /**
   * A deployment to gate.
   *
   * @param pipelineId the pipeline's stable id (a workflow, a job)
   * @param pipelineName the pipeline's name for people
   * @param environment the environment as the pipeline names it; its type comes from configuration
   * @param sequenceNumber the deployment's number, unique and increasing per pipeline and environment
   * @param displayName the deployment's name for people
   * @param url where people see the deployment run
   * @param description one line about the deployment (at most 255 characters are sent)
   * @param services the JSM service ids or keys the deployment changes
   * @param issueKeys Jira issue keys the deployment carries
   */
  public record Submission(
      String pipelineId,
      String pipelineName,
      String environment,
      long sequenceNumber,
      String displayName,
      String url,
      String description,
      List<String> services,
      List<String> issueKeys) {
    public Submission {
      Objects.requireNonNull(pipelineId, "pipelineId");
      Objects.requireNonNull(pipelineName, "pipelineName");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(description, "description");
      services = List.copyOf(services);
      issueKeys = List.copyOf(issueKeys);
    }
  }

  /** The gating states JSM reports. */
  public enum Gate {
    /** The change request reached the status that allows deployment. */
    ALLOWED,
    /** The change request reached the status that prevents deployment. */
    PREVENTED,
    /** Not decided yet. */
    AWAITING,
    /** JSM cannot gate this deployment (no change management for its service or environment). */
    INVALID,
    /** The gating request expired before a decision. */
    EXPIRED
  }

  /**
   * The gating status of one deployment.
   *
   * @param gate allowed, prevented, awaiting, invalid or expired
   * @param changeIssues the keys of the change requests JSM opened for it
   * @param updatedAt when JSM last updated the status, when it says
   */
  public record GatingStatus(Gate gate, List<String> changeIssues, Optional<Instant> updatedAt) {
    public GatingStatus {
      Objects.requireNonNull(gate, "gate");
      changeIssues = List.copyOf(changeIssues);
      Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether JSM has decided (anything but awaiting). */
    public boolean isFinal() {
      return gate != Gate.AWAITING;
    }
  }

  /** Submits {@code deployment} as pending with gating asked for; every rejection reason is listed. */
  public Either<CoexistError, Submission> submit(Submission deployment) {
    if (deployment.services().isEmpty() && deployment.issueKeys().isEmpty()) {
      return Either.left(CoexistError.invalid("a gated deployment needs at least one service or issue key"));
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode d = body.putArray("deployments").addObject();
    d.put("deploymentSequenceNumber", deployment.sequenceNumber())
        .put("updateSequenceNumber", clock.millis())
        .put("displayName", cut(deployment.displayName()))
        .put("url", deployment.url())
        .put("description", cut(deployment.description()))
        .put("lastUpdated", clock.instant().toString())
        .put("state", "pending")
        .put("schemaVersion", "1.0");
    d.putObject("pipeline").put("id", deployment.pipelineId()).put("displayName", cut(deployment.pipelineName()))
        .put("url", deployment.url());
    d.putObject("environment").put("id", deployment.environment()).put("displayName", deployment.environment())
        .put("type", settings.config.environmentType(deployment.environment()).toLowerCase(Locale.ROOT));
    ArrayNode associations = d.putArray("associations");
    if (!deployment.services().isEmpty()) {
      ArrayNode values = associations.addObject().put("associationType", "serviceIdOrKeys").putArray("values");
      deployment.services().forEach(values::add);
    }
    if (!deployment.issueKeys().isEmpty()) {
      ArrayNode values = associations.addObject().put("associationType", "issueIdOrKeys").putArray("values");
      deployment.issueKeys().forEach(values::add);
    }
    d.putArray("commands").addObject().put("command", "initiate_deployment_gating");
    body.putObject("providerMetadata").put("product", settings.config.gatingProvider());
    // The bulk upsert is keyed by pipeline, environment and sequence number: safe to repeat.
    return http.call(RemoteRequest.post(base + "/bulk", Json.write(body)).idempotent(true).build())
        .flatMap(answer -> accepted(answer, deployment));
  }

  private Either<CoexistError, Submission> accepted(JsonNode answer, Submission deployment) {
    List<String> problems = new ArrayList<>();
    for (JsonNode rejected : answer.path("rejectedDeployments")) {
      rejected.path("errors").forEach(e -> problems.add("jira rejected the deployment: " + e.path("message").asText("?")));
    }
    for (JsonNode unknown : answer.path("unknownAssociations")) {
      problems.add("jira does not know " + unknown.path("associationType").asText("association") + " "
          + unknown.path("values"));
    }
    answer.path("unknownIssueKeys").forEach(k -> problems.add("jira does not know issue " + k.asText()));
    if (!problems.isEmpty()) {
      return Either.left(new CoexistError.InvalidInput(io.vavr.collection.List.ofAll(problems)));
    }
    return answer.path("acceptedDeployments").isEmpty()
        ? Either.left(new CoexistError.Unavailable("jira accepted no deployment and said nothing about it"))
        : Either.right(deployment);
  }

  /** The gating status of {@code deployment} now. */
  public Either<CoexistError, GatingStatus> status(Submission deployment) {
    String path = base + "/pipelines/" + JiraHttp.segment(deployment.pipelineId()) + "/environments/"
        + JiraHttp.segment(deployment.environment()) + "/deployments/" + deployment.sequenceNumber() + "/gating-status";
    return http.call(RemoteRequest.get(path).build()).flatMap(JiraDeploymentGating::parse);
  }

  /**
   * Reads the gating status until JSM decides or {@code patience} is spent, waiting the
   * configured poll interval at first and doubling it, up to ten times that, between reads; the
   * last status read when patience runs out.
   */
  public Either<CoexistError, GatingStatus> awaitDecision(Submission deployment, Duration patience) {
    Duration waited = Duration.ZERO;
    Duration wait = settings.gatingPoll;
    Duration ceiling = settings.gatingPoll.multipliedBy(10);
    while (true) {
      Either<CoexistError, GatingStatus> now = status(deployment);
      if (now.isLeft() || now.get().isFinal() || waited.compareTo(patience) >= 0) {
        return now;
      }
      Duration next = wait.compareTo(patience.minus(waited)) > 0 ? patience.minus(waited) : wait;
      if (!sleeper.sleep(next)) {
        return Either.left(new CoexistError.Unavailable("interrupted while waiting for the gating decision"));
      }
      waited = waited.plus(next);
      wait = wait.multipliedBy(2).compareTo(ceiling) > 0 ? ceiling : wait.multipliedBy(2);
    }
  }

  private static Either<CoexistError, GatingStatus> parse(JsonNode body) {
    String gate = body.path("gatingStatus").asText("");
    Gate parsed;
    try {
      parsed = Gate.valueOf(gate.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Either.left(CoexistError.invalid("jira answered an unknown gating status '" + gate + "'"));
    }
    List<String> issues = new ArrayList<>();
    body.path("details").forEach(d -> {
      if (d.path("issueKey").isTextual()) {
        issues.add(d.path("issueKey").asText());
      }
    });
    Optional<Instant> updated = Optional.empty();
    if (body.path("updatedTimestamp").isTextual()) {
      try {
        updated = Optional.of(java.time.OffsetDateTime.parse(body.path("updatedTimestamp").asText()).toInstant());
      } catch (java.time.format.DateTimeParseException unreadable) {
        updated = Optional.empty();
      }
    }
    return Either.right(new GatingStatus(parsed, issues, updated));
  }

  private static String cut(String s) {
    return s.length() <= 255 ? s : s.substring(0, 254) + "…";
  }
}
