package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.ErrorStatus;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.events.Excerpt;
import java.util.List;

/** How the API answers: JSON documents, and errors in one shape with a status per error kind. */
final class Answers {
  /** The longest id a path may name; a longer one is not found, and quoted as an excerpt. */
  static final int MAX_ID = 100;
  /**
   * The longest problem an answer carries: a last bound, after each quotes its input as an {@link
   * Excerpt} (a problem from core or an adapter may quote a value whole).
   */
  static final int MAX_PROBLEM = 400;

  private Answers() {}

  /** {@code node} with {@code status}. */
  static HttpAnswer json(int status, JsonNode node) {
    return HttpAnswer.json(status, Views.text(node));
  }

  /** {@code node} with 200. */
  static HttpAnswer ok(JsonNode node) {
    return json(200, node);
  }

  /** A 400 listing every problem with the request. */
  static HttpAnswer invalid(List<String> problems) {
    List<String> capped = capped(problems);
    return HttpAnswer.error(400, "invalid_input", "invalid input: " + String.join("; ", capped), capped);
  }

  /** A core error, with its status: 400, 401, 403, 404, 409, 429 or 503. */
  static HttpAnswer error(CoexistError error) {
    List<String> problems = error instanceof CoexistError.InvalidInput invalid
        ? capped(invalid.problems().asJava()) : List.of();
    String message = error instanceof CoexistError.InvalidInput ? "invalid input: " + String.join("; ", problems)
        : Excerpt.cap(error.message(), MAX_PROBLEM);
    return HttpAnswer.error(status(error), kind(error), message, problems);
  }

  /** At most 20 problems, each cut to {@link #MAX_PROBLEM} characters. */
  static List<String> capped(List<String> problems) {
    return problems.stream().limit(20).map(p -> Excerpt.cap(p, MAX_PROBLEM)).toList();
  }

  /** The HTTP status of a core error. */
  static int status(CoexistError error) {
    return ErrorStatus.of(error);
  }

  /** The {@code error} word of a core error: its case in snake_case ({@code invalid_input}). */
  static String kind(CoexistError error) {
    return ErrorStatus.kind(error);
  }
}
