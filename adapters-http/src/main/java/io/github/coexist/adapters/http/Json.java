package io.github.coexist.adapters.http;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.Optional;

/**
 * JSON for adapters: one lenient, shared {@link ObjectMapper} (unknown fields ignored, bounded
 * nesting and string sizes) and safe readers that turn malformed input into typed errors. Lenient
 * about fields, strict about syntax: a key given twice in one object is refused (webhooks and tool
 * answers alike), since "last wins" lets a document say one thing to a reader and another to us;
 * the parser's messages quote at most a short excerpt of the input.
 */
public final class Json {
  /** The shared mapper; thread-safe once configured. */
  public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(200)
              .maxStringLength(5_000_000)
              .build())
          .errorReportConfiguration(ErrorReportConfiguration.builder()
              .maxErrorTokenLength(40).maxRawContentLength(0).build())
          .build())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Json() {}

  /** Parses {@code bytes} as JSON; malformed input is an {@code InvalidInput} naming {@code what}. */
  public static Either<CoexistError, JsonNode> parse(byte[] bytes, String what) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        return Either.left(CoexistError.invalid(what + " is empty"));
      }
      return Either.right(node);
    } catch (IOException e) {
      return Either.left(CoexistError.invalid(what + " is not valid JSON: " + firstLine(e)));
    }
  }

  /**
   * Parses a tool's response body; a malformed one means the tool misbehaved, so it is an
   * {@code Unavailable} (worth retrying later), not our invalid input.
   */
  public static Either<CoexistError, JsonNode> parseResponse(RemoteResponse response, String tool) {
    try {
      JsonNode node = MAPPER.readTree(response.body());
      if (node == null || node.isMissingNode()) {
        return Either.left(new CoexistError.Unavailable(tool + " answered " + response.status() + " with an empty body"));
      }
      return Either.right(node);
    } catch (JsonProcessingException e) {
      return Either.left(new CoexistError.Unavailable(tool + " answered " + response.status()
          + " with a body that is not JSON: " + firstLine(e)));
    }
  }

  /** Writes {@code value} as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
    }
  }

  /** The text at {@code path} (a JSON pointer such as {@code /error/message}), when it is text. */
  public static Optional<String> text(JsonNode node, String pointer) {
    JsonNode at = node.at(pointer);
    return at.isTextual() ? Optional.of(at.asText()) : Optional.empty();
  }

  /**
   * The first line of the parser's message, cut to 96 characters: its words and at most about 80
   * characters of the input (a duplicate field's name is quoted whole by Jackson).
   */
  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    return StatusPolicy.shorten(nl >= 0 ? message.substring(0, nl) : message, 96);
  }
}
