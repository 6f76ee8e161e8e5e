package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.app.cli.Version;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.Router;
import io.github.coexist.app.json.Views;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of {@code serve}'s HTTP interface, kept
 * in the repository beside this class ({@code openapi.json}) and served with the running version.
 * It is public whatever the credentials: it describes the API and holds no data, and the same
 * text is in the open-source repository.
 */
final class OpenApiRoute {
  /** Where the description is kept, on the class path. */
  static final String RESOURCE = "/io/github/coexist/app/serve/openapi.json";

  private final HttpAnswer answer;

  /** Reads the description once; a build without it is broken, so its absence is a bug. */
  OpenApiRoute() {
    ObjectNode description = read();
    ((ObjectNode) description.path("info")).put("version", Version.coexist());
    this.answer = Answers.ok(description);
  }

  void register(Router router) {
    router.on("GET", "/api/openapi.json", request -> answer);
  }

  /** The description as kept in the repository. */
  static ObjectNode read() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return (ObjectNode) Views.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + " is not JSON", e);
    }
  }
}
