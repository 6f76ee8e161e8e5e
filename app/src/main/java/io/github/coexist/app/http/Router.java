package io.github.coexist.app.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Routes {@code METHOD /path/{param}} patterns to handlers. Tells a path nobody serves (404) from
 * a method a served path does not take (405).
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  private record Route(String method, String[] parts, Function<HttpExchangeData, HttpAnswer> handler,
      boolean probe) {}

  /** What routing found for a request. */
  public sealed interface Match {
    /**
     * A handler, the path's named parts, and whether the route is a probe ({@link #probe}).
     *
     * @param handler the route's handler
     * @param params the values of the route's {@code {name}} parts
     * @param probe whether it is answered even when every request slot is busy
     */
    record Found(Function<HttpExchangeData, HttpAnswer> handler, Map<String, String> params, boolean probe)
        implements Match {}

    /** The path is served, but not for this method. */
    record WrongMethod(Set<String> allowed) implements Match {}

    /** Nothing serves this path. */
    record NotFound() implements Match {}
  }

  /** Routes {@code method} requests matching {@code pattern} to {@code handler}. */
  public Router on(String method, String pattern, Function<HttpExchangeData, HttpAnswer> handler) {
    routes.add(new Route(method, split(pattern), handler, false));
    return this;
  }

  /**
   * Routes {@code method} requests matching {@code pattern} to {@code handler}, a cheap answer a
   * health checker asks for ({@code /health/live}): the server answers it even when every request
   * slot is busy, so that load alone never makes an orchestrator think the process is dead.
   */
  public Router probe(String method, String pattern, Function<HttpExchangeData, HttpAnswer> handler) {
    routes.add(new Route(method, split(pattern), handler, true));
    return this;
  }

  /**
   * A served route as it was registered: {@code GET} and {@code /api/changes/{id}}.
   *
   * @param method the HTTP method
   * @param pattern the path pattern, {@code {name}} for a path parameter
   */
  public record Served(String method, String pattern) {}

  /** Every route, in the order registered (the OpenAPI check compares them with the description). */
  public List<Served> routes() {
    return routes.stream().map(r -> new Served(r.method(), "/" + String.join("/", r.parts()))).toList();
  }

  /** The route for {@code method} and {@code path}. */
  public Match match(String method, String path) {
    String[] given = split(path);
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = bind(route.parts(), given);
      if (params.isPresent()) {
        if (route.method().equals(method)) {
          return new Match.Found(route.handler(), params.get(), route.probe());
        }
        allowed.add(route.method());
      }
    }
    return allowed.isEmpty() ? new Match.NotFound() : new Match.WrongMethod(allowed);
  }

  private static Optional<Map<String, String>> bind(String[] pattern, String[] given) {
    if (pattern.length != given.length) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
        params.put(pattern[i].substring(1, pattern[i].length() - 1), given[i]);
      } else if (!pattern[i].equals(given[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
  }
}
