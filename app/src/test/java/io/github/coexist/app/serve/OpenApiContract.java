package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.github.coexist.app.json.Views;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks real HTTP answers against coexist's OpenAPI description ({@code openapi.json}): the
 * status is one the operation declares (or its {@code default}), the media type one it declares,
 * each required header is there and each described header matches its schema, and a JSON body is
 * valid against the response's schema (JSON Schema 2020-12 with OpenAPI 3.1's vocabulary, by a
 * real validator). A path nobody serves must answer the description's {@code NotFound}, a method a
 * path does not take its {@code MethodNotAllowed}. Remembers which operations answered what.
 */
final class OpenApiContract {
  /** The description's base IRI for the validator: {@code $ref}s resolve within the document. */
  private static final String BASE = "https://coexist.invalid/openapi.json";

  private final JsonNode description;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Set<String> answered = java.util.Collections.synchronizedSet(new TreeSet<>());

  /** One answer to check: the request's method and path (no query), the status, headers (any case) and body. */
  record Exchange(String method, String path, int status, Map<String, String> headers, String body) {
    Exchange {
      Map<String, String> lower = new LinkedHashMap<>();
      headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
      headers = Map.copyOf(lower);
    }

    /** The exchange of a request and the {@link Client.Answer} it got. */
    static Exchange of(String method, String pathAndQuery, Client.Answer answer) {
      Map<String, String> headers = new LinkedHashMap<>();
      answer.raw().headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
      String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
      return new Exchange(method, path, answer.status(), headers, answer.body());
    }
  }

  /** The description kept in the repository ({@code OpenApiRoute.RESOURCE}). */
  OpenApiContract() {
    this(text());
  }

  /** A contract of the description {@code text}. */
  OpenApiContract(String text) {
    try {
      this.description = Views.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(BASE, text)));
  }

  /** The text of the description as kept in the repository. */
  static String text() {
    try (InputStream in = OpenApiContract.class.getResourceAsStream(OpenApiRoute.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode description() {
    return description;
  }

  /** Every way {@code exchange} departs from the description; empty when it conforms. */
  List<String> violations(Exchange exchange) {
    List<String> violations = new ArrayList<>();
    String what = exchange.method() + " " + exchange.path() + " -> " + exchange.status();
    Optional<String> template = template(exchange.path());
    String method = exchange.method().equals("HEAD") ? "get" : exchange.method().toLowerCase(Locale.ROOT);
    String pointer;
    if (template.isEmpty()) {
      if (exchange.status() != 404) {
        return List.of(what + ": the path is not described, so it must answer 404, not " + exchange.status());
      }
      pointer = "/components/responses/NotFound";
    } else if (!description.path("paths").path(template.get()).has(method)) {
      if (exchange.status() != 405) {
        return List.of(what + ": " + template.get() + " describes no " + exchange.method() + ", so it must answer 405");
      }
      pointer = "/components/responses/MethodNotAllowed";
    } else {
      String operation = "/paths/" + escape(template.get()) + "/" + method;
      JsonNode responses = at(operation + "/responses");
      String status = String.valueOf(exchange.status());
      if (responses.has(status)) {
        pointer = operation + "/responses/" + status;
      } else if (responses.has("default") && exchange.status() >= 400) {
        pointer = operation + "/responses/default";
      } else {
        return List.of(what + ": status " + status + " is not described for " + exchange.method() + " " + template.get());
      }
      answered.add(exchange.method().replace("HEAD", "GET") + " " + template.get() + " " + status);
    }
    pointer = resolve(pointer);
    JsonNode response = at(pointer);
    headers(what, exchange, response, pointer, violations);
    body(what, exchange, response, pointer, violations);
    return violations;
  }

  /**
   * Every way a JSON {@code body} that {@code method path} took (answered 2xx) departs from the
   * operation's request body schema: what a tool really sends must be described as valid.
   */
  List<String> requestViolations(String method, String path, String body) {
    Optional<String> template = template(path);
    String operation = "/paths/" + escape(template.orElse("")) + "/" + method.toLowerCase(Locale.ROOT);
    if (template.isEmpty() || at(operation).isMissingNode()) {
      return List.of(method + " " + path + " is not described");
    }
    String pointer = resolve(operation + "/requestBody");
    JsonNode schema = at(pointer).path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      return List.of(method + " " + template.get() + " took a JSON body the description has none for");
    }
    return errors(schemaAt(pointer + "/content/application~1json/schema", schema), body).stream()
        .map(e -> method + " " + template.get() + " request: " + e).toList();
  }

  /** Each JSON example of a response, as the location of its schema and the example's text. */
  Map<String, String> responseExamples() {
    Map<String, String> examples = new LinkedHashMap<>();
    description.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
        op.getValue().path("responses").fields().forEachRemaining(response -> {
          String pointer = "/paths/" + escape(path.getKey()) + "/" + op.getKey() + "/responses/" + response.getKey()
              + "/content/application~1json";
          JsonNode media = at(pointer);
          if (media.has("example")) {
            JsonNode schema = media.path("schema");
            String location = schema.has("$ref") && schema.size() == 1 ? schema.path("$ref").asText() : "#" + pointer + "/schema";
            examples.put(location + " (" + op.getKey() + " " + path.getKey() + " " + response.getKey() + ")",
                media.path("example").toString());
          }
        })));
    return examples;
  }

  /** Throws an {@link AssertionError} listing every violation of {@code exchange}. */
  void assertConforms(Exchange exchange) {
    List<String> violations = violations(exchange);
    if (!violations.isEmpty()) {
      throw new AssertionError("the answer departs from openapi.json:\n  " + String.join("\n  ", violations)
          + "\nbody: " + io.github.coexist.app.events.Excerpt.cap(exchange.body(), 2000));
    }
  }

  /** {@code METHOD /template STATUS} of every answer checked against an operation so far. */
  Set<String> answered() {
    synchronized (answered) {
      return Set.copyOf(answered);
    }
  }

  /** {@code METHOD /template} of every described operation. */
  Set<String> operations() {
    Set<String> operations = new TreeSet<>();
    description.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
        operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));
    return operations;
  }

  /** The described path that {@code path} is an instance of: a literal one before a templated one. */
  Optional<String> template(String path) {
    String[] given = split(path);
    Optional<String> templated = Optional.empty();
    for (Iterator<String> it = description.path("paths").fieldNames(); it.hasNext(); ) {
      String candidate = it.next();
      String[] parts = split(candidate);
      if (parts.length != given.length) {
        continue;
      }
      boolean literal = true;
      boolean matches = true;
      for (int i = 0; i < parts.length && matches; i++) {
        boolean parameter = parts[i].startsWith("{") && parts[i].endsWith("}");
        literal &= !parameter;
        matches = parameter ? !given[i].isEmpty() : parts[i].equals(given[i]);
      }
      if (matches && literal) {
        return Optional.of(candidate);
      }
      if (matches) {
        templated = Optional.of(candidate);
      }
    }
    return templated;
  }

  private void headers(String what, Exchange exchange, JsonNode response, String pointer, List<String> violations) {
    response.path("headers").fields().forEachRemaining(header -> {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      JsonNode spec = header.getValue();
      String value = exchange.headers().get(name);
      if (value == null) {
        if (spec.path("required").asBoolean(false)) {
          violations.add(what + ": the required header " + header.getKey() + " is missing");
        }
        return;
      }
      if (spec.has("schema")) {
        String json = Views.JSON.getNodeFactory().textNode(value).toString();
        errors(schemaAt(pointer + "/headers/" + escape(header.getKey()) + "/schema", spec.path("schema")), json)
            .forEach(e -> violations.add(what + ": header " + header.getKey() + ": " + e));
      }
    });
  }

  private void body(String what, Exchange exchange, JsonNode response, String pointer, List<String> violations) {
    JsonNode content = response.path("content");
    String type = exchange.headers().getOrDefault("content-type", "");
    String media = type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type.strip();
    if (content.isMissingNode() || content.isEmpty()) {
      if (!exchange.body().isEmpty()) {
        violations.add(what + ": a body was sent where the description has none");
      }
      return;
    }
    if (!content.has(media)) {
      violations.add(what + ": media type '" + media + "' is not one of " + iterable(content.fieldNames()));
      return;
    }
    if (exchange.method().equals("HEAD")) {
      if (!exchange.body().isEmpty()) {
        violations.add(what + ": HEAD answered with a body");
      }
      return;
    }
    if (media.equals("application/json")) {
      errors(schemaAt(pointer + "/content/application~1json/schema", content.path(media).path("schema")), exchange.body())
          .forEach(e -> violations.add(what + ": " + e));
    }
  }

  /** The schema at {@code pointer} (through its {@code $ref} when it is one), compiled once. */
  private Schema schemaAt(String pointer, JsonNode node) {
    String location = node.has("$ref") && node.size() == 1 ? node.path("$ref").asText() : "#" + pointer;
    return schemas.computeIfAbsent(location, l -> registry.getSchema(SchemaLocation.of(BASE + l)));
  }

  /** Every error of {@code json} against the schema at {@code location} ({@code #/components/schemas/Change}). */
  List<String> validate(String location, String json) {
    return errors(schemas.computeIfAbsent(location, l -> registry.getSchema(SchemaLocation.of(BASE + l))), json);
  }

  private static List<String> errors(Schema schema, String json) {
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  /** {@code pointer}, followed through the OpenAPI {@code $ref}s (responses) it leads to. */
  private String resolve(String pointer) {
    JsonNode node = at(pointer);
    for (int hops = 0; node.has("$ref") && hops < 10; hops++) {
      pointer = node.path("$ref").asText().substring(1);
      node = at(pointer);
    }
    return pointer;
  }

  private JsonNode at(String pointer) {
    return description.at(pointer);
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  private static List<String> iterable(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
