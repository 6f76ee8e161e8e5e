package io.github.coexist.app.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.app.json.Views;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.List;

/** Request bodies: one JSON object, or the reason it is not. */
final class Bodies {
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
      json = Views.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return Either.left(List.of("the body is not JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return Either.left(List.of("the body is not JSON: " + e.getMessage()));
    }
    if (json == null || !json.isObject()) {
      return Either.left(List.of("the body must be a JSON object"));
    }
    return Either.right(new JsonFields(json, ""));
  }
}
