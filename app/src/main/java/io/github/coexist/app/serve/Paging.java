package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.app.json.Views;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a list endpoint pages: {@code limit} (a default and a cap per list) and {@code cursor} (a
 * {@link Cursor} from the page before) in; {@code next} in the body and an RFC 8288 {@code Link:
 * <...>; rel="next"} header out while there is more. A list asks its read for one more than the
 * limit, so the last page says so without a further request.
 *
 * @param list the list's name, as its path ends ({@code changes})
 * @param filters the request's filters, written the same way for the same filters
 * @param fallback the limit when none is given
 * @param max the largest limit
 */
record Paging(String list, String filters, int fallback, int max) {
  private static final int MAX_QUOTED = 24;

  /** The page asked for: at most {@code limit} records after {@code position} (from the start when empty). */
  record Page(Optional<String> position, int limit) {}

  /** The page {@code request} asks for; each problem with its {@code limit} or {@code cursor} is added to {@code problems}. */
  Page read(HttpExchangeData request, List<String> problems) {
    int limit = fallback;
    Optional<String> text = request.queryParam("limit");
    if (text.isPresent()) {
      limit = number(text.get()).filter(n -> n >= 1 && n <= max).orElse(-1);
      if (limit < 0) {
        problems.add("limit must be a whole number from 1 to " + max + ", was '" + excerpt(text.get()) + "'");
        limit = fallback;
      }
    }
    Optional<String> position = Optional.empty();
    Optional<String> cursor = request.queryParam("cursor");
    if (cursor.isPresent()) {
      position = Cursor.decode(cursor.get().strip(), list, filters).peekLeft(problems::add).toJavaOptional();
    }
    return new Page(position, limit);
  }

  /**
   * The position of the page after this one: the last of the first {@code limit} of {@code found},
   * when a read for one more than the limit found more; empty on the last page.
   */
  static <T> Optional<String> after(List<T> found, int limit, Function<T, String> position) {
    return found.size() > limit ? Optional.of(position.apply(found.get(limit - 1))) : Optional.empty();
  }

  /**
   * {@code body} with {@code next} (the cursor of the page after, or null at the end), answered
   * 200 with a {@code Link} to the next page when there is one.
   */
  HttpAnswer answer(HttpExchangeData request, ObjectNode body, Optional<String> nextPosition) {
    Optional<String> next = nextPosition.map(position -> Cursor.encode(list, filters, position));
    next.ifPresentOrElse(cursor -> body.put("next", cursor), () -> body.putNull("next"));
    HttpAnswer answer = HttpAnswer.json(200, Views.text(body));
    return next.map(cursor -> new HttpAnswer(answer.status(), answer.contentType(), answer.body(),
            Map.of("Link", "<" + nextUri(request, cursor) + ">; rel=\"next\"")))
        .orElse(answer);
  }

  /** The request's path and query, with {@code cursor} in place of the one it had. */
  private static String nextUri(HttpExchangeData request, String cursor) {
    Map<String, String> query = new TreeMap<>(request.query());
    query.put("cursor", cursor);
    return request.path() + "?" + query.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static Optional<Integer> number(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String excerpt(String text) {
    return text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
  }
}
