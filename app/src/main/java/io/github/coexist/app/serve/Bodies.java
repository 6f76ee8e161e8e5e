package io.github.coexist.app.serve;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.coexist.app.events.Excerpt;
import io.github.coexist.app.http.HttpExchangeData;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.List;

/**
 * Request bodies (and the policy file): one JSON object, or the reason it is not. Read strictly: a
 * key given twice is refused (with "last wins", {@code {"verdict":"approve","verdict":"reject"}}
 * would reject while a reviewer reads approve), nesting and numbers are bounded, and the parser's
 * own messages quote at most a short excerpt of the input.
 */
final class Bodies {
  /** How deep a body may nest: the API's documents are two levels deep. */
  static final int MAX_DEPTH = 32;
  /** The longest text in a body; fields have tighter limits of their own (docs/serve.md). */
  static final int MAX_STRING = 64 * 1024;

  /** The longest field name in a body: the API's are short words. */
  static final int MAX_NAME = 1024;

  /** The mapper for untrusted JSON input. */
  static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).maxNameLength(MAX_NAME).maxNumberLength(100)
              .build())
          .errorReportConfiguration(ErrorReportConfiguration.builder()
              .maxErrorTokenLength(Excerpt.MAX_CHARS / 2).maxRawContentLength(0).build())
          .build())
      .build();

  private Bodies() {}

  /** The body's fields, or why the body is not a JSON object. */
  static Either<List<String>, JsonFields> object(HttpExchangeData request) {
    return object(request.body());
  }

  /** The fields of the JSON object in {@code body}, or why it is not one. */
  static Either<List<String>, JsonFields> object(byte[] body) {
    if (body.length == 0) {
      return Either.left(List.of("the body must be a JSON object, and is empty"));
    }
    JsonNode json;
    try {
      json = STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")";
      return Either.left(List.of("the body is not JSON" + where + ": " + Excerpt.cap(firstLine(e.getOriginalMessage()),
          Excerpt.MAX_CHARS + 40)));
    } catch (IOException e) {
      return Either.left(List.of("the body is not JSON: " + Excerpt.cap(firstLine(e.getMessage()), Excerpt.MAX_CHARS + 40)));
    }
    if (json == null || !json.isObject()) {
      return Either.left(List.of("the body must be a JSON object"));
    }
    return Either.right(new JsonFields(json, ""));
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int nl = text.indexOf('\n');
    return nl >= 0 ? text.substring(0, nl) : text;
  }
}
