package io.github.coexist.standins.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the stand-in: status, JSON body (absent for 204) and extra headers, with the
 * two error shapes Jira uses: the platform's {@code {errorMessages, errors}} and the service
 * desk's {@code {errorMessage, i18nErrorMessage}}.
 */
record Reply(int status, JsonNode body, Map<String, String> headers) {
  static final ObjectMapper JSON = new ObjectMapper();

  static Reply json(int status, JsonNode body) {
    return new Reply(status, body, Map.of());
  }

  static Reply noContent() {
    return new Reply(204, null, Map.of());
  }

  /** A platform error: {@code {errorMessages: [...], errors: {...}}}. */
  static Reply platform(int status, Map<String, String> errors, String... messages) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("errorMessages");
    for (String m : messages) {
      list.add(m);
    }
    ObjectNode fields = body.putObject("errors");
    errors.forEach(fields::put);
    return json(status, body);
  }

  static Reply platform(int status, String message) {
    return platform(status, Map.of(), message);
  }

  /** A service desk error: {@code {errorMessage, i18nErrorMessage: {i18nKey, parameters}}}. */
  static Reply serviceDesk(int status, String message, String i18nKey) {
    ObjectNode body = JSON.createObjectNode().put("errorMessage", message);
    body.putObject("i18nErrorMessage").put("i18nKey", i18nKey).putArray("parameters");
    return json(status, body);
  }

  Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, body, h);
  }
}
