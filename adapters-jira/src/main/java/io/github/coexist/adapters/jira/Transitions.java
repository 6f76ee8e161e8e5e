package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An issue's workflow as Jira offers it: the transitions available now ({@code GET
 * /rest/api/3/issue/{id}/transitions}, resolved per issue because sites rename and reorder
 * them), taking one, and the current status.
 */
final class Transitions {
  private final JiraHttp http;

  Transitions(JiraHttp http) {
    this.http = http;
  }

  /** One transition as Jira offers it. */
  record Transition(String id, String name, String to) {}

  /** The transitions available to {@code issue} now. */
  Either<CoexistError, List<Transition>> offered(ExternalKey issue) {
    return http.call(RemoteRequest.get(path(issue)).build()).flatMap(body -> {
      if (!body.path("transitions").isArray()) {
        return Either.left(new CoexistError.Unavailable("jira answered the transitions of " + issue.display()
            + " without a list of transitions"));
      }
      List<Transition> out = new ArrayList<>();
      for (JsonNode t : body.path("transitions")) {
        if (t.path("id").isTextual() && t.path("to").path("name").isTextual() && t.path("isAvailable").asBoolean(true)) {
          out.add(new Transition(t.path("id").asText(), t.path("name").asText(""), t.path("to").path("name").asText()));
        }
      }
      return Either.right(out);
    });
  }

  /** Takes {@code transition}; the status it leads to. */
  Either<CoexistError, String> take(ExternalKey issue, Transition transition) {
    return http.call(RemoteRequest.post(path(issue), Json.write(Map.of("transition", Map.of("id", transition.id()))))
        .build()).map(done -> transition.to());
  }

  /** The issue's status name as Jira holds it now. */
  Either<CoexistError, String> status(ExternalKey issue) {
    return http.call(RemoteRequest.get("/rest/api/3/issue/" + JiraHttp.segment(issue.id())).query("fields", "status")
            .build())
        .flatMap(body -> body.path("fields").path("status").path("name").isTextual()
            ? Either.right(body.path("fields").path("status").path("name").asText())
            : Either.left(new CoexistError.Unavailable("jira answered issue " + issue.display() + " without a status")));
  }

  /** The offered transition called {@code name}, when one is configured and offered. */
  static Optional<Transition> named(List<Transition> offered, Optional<String> name) {
    return name.flatMap(n -> offered.stream().filter(t -> t.name().equalsIgnoreCase(n)).findFirst());
  }

  /** The offered transition leading to {@code status}. */
  static Optional<Transition> leadingTo(List<Transition> offered, String status) {
    return offered.stream().filter(t -> t.to().equalsIgnoreCase(status)).findFirst();
  }

  /** What Jira offers, for error messages. */
  static String describe(List<Transition> offered) {
    return offered.isEmpty() ? "none"
        : offered.stream().map(t -> "'" + t.name() + "' (to " + t.to() + ")").toList().toString();
  }

  private static String path(ExternalKey issue) {
    return "/rest/api/3/issue/" + JiraHttp.segment(issue.id()) + "/transitions";
  }
}
