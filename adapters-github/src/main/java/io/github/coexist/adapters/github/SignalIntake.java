package io.github.coexist.adapters.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.github.Observation.IncidentSignal;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.AlertSeverity;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code issues} carrying the incident label become incident signals (opened or labelled, closed,
 * reopened), when {@code incident-issues} is on; a published {@code release} becomes a change
 * marker, when {@code release-markers} is on.
 */
final class SignalIntake {
  private final Intake intake;

  SignalIntake(Intake intake) {
    this.intake = intake;
  }

  Either<CoexistError, Handled> issue(Fields p) {
    if (!intake.settings.incidentIssues()) {
      return Either.right(Handled.ignored("issues are not incidents here (coexist.github.incident-issues=false)"));
    }
    String action = p.text("/action").orElse("");
    String label = intake.settings.incidentLabel();
    JsonNode pull = p.node("/issue/pull_request");
    if (!pull.isMissingNode() && !pull.isNull()) {
      return Either.right(Handled.ignored("pull requests are not incidents"));
    }
    boolean labelled = hasLabel(p.node("/issue/labels"), label);
    IncidentSignal.Kind kind;
    String timeAt;
    switch (action) {
      case "opened" -> {
        kind = IncidentSignal.Kind.OPENED;
        timeAt = "/issue/created_at";
      }
      case "labeled" -> {
        if (!p.text("/label/name").map(label::equalsIgnoreCase).orElse(false)) {
          return Either.right(Handled.ignored("the label added is not the incident label '" + label + "'"));
        }
        labelled = true;
        kind = IncidentSignal.Kind.OPENED;
        timeAt = "/issue/updated_at";
      }
      case "closed" -> {
        kind = IncidentSignal.Kind.RESOLVED;
        timeAt = "/issue/closed_at";
      }
      case "reopened" -> {
        kind = IncidentSignal.Kind.REOPENED;
        timeAt = "/issue/updated_at";
      }
      default -> {
        return Either.right(Handled.ignored("issues action '" + Fields.cut(action) + "' is not used"));
      }
    }
    if (!labelled) {
      return Either.right(Handled.ignored("the issue does not carry the incident label '" + label + "'"));
    }
    Optional<Repository> repository = intake.repository(p);
    long number = p.requireNumber("/issue/number");
    Instant at = p.instant(timeAt).orElseGet(() -> p.requireInstant("/issue/updated_at"));
    if (!p.ok()) {
      return Either.left(p.errors());
    }
    Repository repo = repository.orElseThrow();
    intake.installation(p, repo);
    return Either.right(Handled.produced(new IncidentSignal(repo.fullName(), intake.serviceOf(repo), number,
        p.shortText("/issue/title").orElse("issue #" + number), kind, severity(p.node("/issue/labels")), at,
        p.shortText("/issue/user/login").orElse("unknown"), p.shortText("/issue/html_url"))));
  }

  Either<CoexistError, Handled> release(Fields p) {
    if (!intake.settings.releaseMarkers()) {
      return Either.right(Handled.ignored("releases are not change markers here (coexist.github.release-markers=false)"));
    }
    String action = p.text("/action").orElse("");
    if (!action.equals("published")) {
      return Either.right(Handled.ignored("release action '" + Fields.cut(action) + "' is not used"));
    }
    Optional<Repository> repository = intake.repository(p);
    String tag = p.requireText("/release/tag_name");
    Instant publishedAt = p.requireInstant("/release/published_at");
    if (!p.ok()) {
      return Either.left(p.errors());
    }
    Repository repo = repository.orElseThrow();
    intake.installation(p, repo);
    return Either.right(Handled.produced(new Observation.ReleaseMarker(repo.fullName(), intake.serviceOf(repo),
        Fields.cut(tag), p.shortText("/release/target_commitish").orElse(""), p.shortText("/release/name"),
        p.flag("/release/prerelease"), publishedAt)));
  }

  /** The first label naming a severity, else {@code ERROR}. */
  private static AlertSeverity severity(JsonNode labels) {
    for (JsonNode l : labels.isArray() ? labels : List.<JsonNode>of()) {
      JsonNode name = l.isTextual() ? l : l.path("name");
      Optional<AlertSeverity> severity = name.isTextual() ? AlertSeverity.parse(name.asText()) : Optional.empty();
      if (severity.isPresent()) {
        return severity.get();
      }
    }
    return AlertSeverity.ERROR;
  }

  private static boolean hasLabel(JsonNode labels, String label) {
    if (!labels.isArray()) {
      return false;
    }
    for (JsonNode l : labels) {
      JsonNode name = l.isTextual() ? l : l.path("name");
      if (name.isTextual() && name.asText().equalsIgnoreCase(label)) {
        return true;
      }
    }
    return false;
  }
}
