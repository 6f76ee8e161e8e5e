package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the issue of an idempotency key (a change's or an incident's, by their own label and
 * property): a bounded JQL search through {@code POST
 * /rest/api/3/search/jql} (paged by {@code nextPageToken}, reconciling the issues this process
 * created), then the coexist property of every candidate read back and compared exactly, so a
 * label collision or a stale index never returns the wrong issue. More than one match is a
 * conflict for a person to resolve.
 */
final class KeyLookup {
  private static final int PAGE = 50;
  private static final int MAX_PAGES = 20;
  private final JiraHttp http;
  private final JiraSettings settings;
  private final String label;
  private final String property;
  private final KeyIndex index;

  /** Finds issues marked with {@code label} and {@code property}, remembering them in {@code index}. */
  KeyLookup(JiraHttp http, JiraSettings settings, String label, String property, KeyIndex index) {
    this.http = http;
    this.settings = settings;
    this.label = label;
    this.property = property;
    this.index = index;
  }

  /** The lookup of change issues. */
  static KeyLookup changes(JiraHttp http, JiraSettings settings, KeyIndex index) {
    return new KeyLookup(http, settings, settings.label, settings.property, index);
  }

  Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    Optional<ExternalKey> known = index.issue(key);
    if (known.isPresent()) {
      return Either.right(known);
    }
    Either<CoexistError, List<ExternalKey>> candidates = search(settings.searchByProperty
        ? Jql.byProperty(settings.project, property, key)
        : Jql.byLabel(settings.project, Jql.keyLabel(label, key)));
    if (candidates.isLeft()) {
      return Either.left(candidates.getLeft());
    }
    List<ExternalKey> matches = new ArrayList<>();
    for (ExternalKey candidate : candidates.get()) {
      Either<CoexistError, Optional<IdempotencyKey>> held = propertyKey(candidate);
      if (held.isLeft()) {
        return Either.left(held.getLeft());
      }
      if (held.get().filter(key::equals).isPresent()) {
        matches.add(candidate);
      }
    }
    if (matches.size() > 1) {
      return Either.left(new CoexistError.Conflict(matches.size() + " Jira issues carry idempotency key '" + key
          + "' (" + matches.stream().map(ExternalKey::display).toList()
          + "); cancel the duplicates in Jira so that one remains"));
    }
    matches.forEach(m -> index.remember(key, m));
    return Either.right(matches.stream().findFirst());
  }

  /** The property this lookup reads. */
  String property() {
    return property;
  }

  /** The idempotency key the issue's coexist property holds; empty when it has none. */
  Either<CoexistError, Optional<IdempotencyKey>> propertyKey(ExternalKey issue) {
    Either<CoexistError, JsonNode> body = http.call(RemoteRequest.get("/rest/api/3/issue/"
        + JiraHttp.segment(issue.id()) + "/properties/" + JiraHttp.segment(property)).build());
    if (body.isLeft()) {
      return body.getLeft() instanceof CoexistError.NotFound
          ? Either.right(Optional.empty())
          : Either.left(body.getLeft());
    }
    JsonNode key = body.get().path("value").path("key");
    return Either.right(key.isTextual() && !key.asText().isBlank()
        ? Optional.of(IdempotencyKey.of(key.asText()))
        : Optional.empty());
  }

  private Either<CoexistError, List<ExternalKey>> search(String jql) {
    List<ExternalKey> found = new ArrayList<>();
    Optional<String> token = Optional.empty();
    for (int page = 0; page < MAX_PAGES; page++) {
      ObjectNode body = Json.MAPPER.createObjectNode().put("jql", jql).put("maxResults", PAGE);
      body.putArray("fields").add("labels");
      token.ifPresent(t -> body.put("nextPageToken", t));
      List<String> recent = index.recentIssueIds();
      if (!recent.isEmpty()) {
        recent.stream().filter(id -> id.matches("\\d{1,18}"))
            .forEach(id -> body.withArray("reconcileIssues").add(Long.parseLong(id)));
      }
      // A search changes nothing, so the POST is safe to repeat after a lost answer.
      Either<CoexistError, JsonNode> answer = http.call(
          RemoteRequest.post("/rest/api/3/search/jql", Json.write(body)).idempotent(true).build());
      if (answer.isLeft()) {
        return Either.left(answer.getLeft());
      }
      JsonNode issues = answer.get().path("issues");
      if (!issues.isArray()) {
        return Either.left(new CoexistError.Unavailable("jira answered a search without a list of issues"));
      }
      for (JsonNode issue : issues) {
        if (issue.path("id").isTextual() && issue.path("key").isTextual()) {
          found.add(new ExternalKey("jira", issue.path("id").asText(), issue.path("key").asText()));
        }
      }
      JsonNode next = answer.get().path("nextPageToken");
      if (!next.isTextual() || next.asText().isEmpty() || answer.get().path("isLast").asBoolean(false)) {
        return Either.right(found);
      }
      token = Optional.of(next.asText());
    }
    return Either.right(found);
  }
}
