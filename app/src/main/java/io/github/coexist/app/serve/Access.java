package io.github.coexist.app.serve;

import io.github.coexist.app.events.Excerpt;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.vavr.control.Either;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the API. Without any credential configured, everything is open (serve listens on loopback
 * by default) but nobody can vote, since a vote needs a person. Once one is configured, reads need
 * the {@code read} role (unless {@code COEXIST_PUBLIC_READ=true}) and writes the {@code write} role:
 * a request without credentials is answered 401, one whose credentials lack the role 403.
 *
 * <p>A caller is recognised, in this order, by a trusted proxy's identity header (only when the
 * request carries the proxy's secret or comes from its address; otherwise the header is ignored),
 * or by {@code Authorization: Bearer <token>}: the shared write token, the shared read token, or a
 * personal token. Presented tokens are hashed at once and compared with hashes. Thread-safe.
 */
final class Access {
  private static final Logger LOG = LoggerFactory.getLogger(Access.class);
  private static final String BEARER = "Bearer ";

  private final AccessSettings settings;
  private final Set<Caller.Role> open;

  /** A route that changes something, handed who asks and the request's JSON object. */
  @FunctionalInterface
  interface Write {
    /** The answer to {@code request}, from {@code caller}, whose body is {@code body}. */
    HttpAnswer apply(HttpExchangeData request, Caller caller, JsonFields body);
  }

  Access(AccessSettings settings) {
    this.settings = settings;
    this.open = !settings.required() ? EnumSet.allOf(Caller.Role.class)
        : settings.publicRead() ? EnumSet.of(Caller.Role.READ) : EnumSet.noneOf(Caller.Role.class);
  }

  /** {@code read} as a handler of requests that need the read role. */
  Function<HttpExchangeData, HttpAnswer> read(Function<HttpExchangeData, HttpAnswer> read) {
    return request -> allowed(request, Caller.Role.READ).fold(refused -> refused, caller -> read.apply(request));
  }

  /**
   * {@code write} as a handler of requests that need the write role and carry one JSON object: one
   * without it is answered 401 or 403, one without a JSON object 400.
   */
  Function<HttpExchangeData, HttpAnswer> write(Write write) {
    return request -> allowed(request, Caller.Role.WRITE).fold(refused -> refused,
        caller -> Bodies.object(request).fold(Answers::invalid, body -> write.apply(request, caller, body)));
  }

  /**
   * The person who votes: the caller's own identity, never a name from the body. A caller that
   * names nobody (a shared token, no credentials) is {@link CoexistError.Forbidden}.
   */
  static Either<CoexistError, Actor> voter(Caller caller) {
    return caller.person().<Either<CoexistError, Actor>>map(name -> Either.right(Actor.person(name)))
        .orElseGet(() -> Either.left(new CoexistError.Forbidden("a vote is cast by a person, and "
            + caller.via() + " names nobody: give each approver a personal token (COEXIST_API_TOKENS_FILE) or"
            + " sign people in through an authenticating proxy (COEXIST_TRUSTED_PROXY_HEADER); see docs/serve.md")));
  }

  /** The caller of {@code request} when it has {@code role}; the 401 or 403 to answer otherwise. */
  Either<HttpAnswer, Caller> allowed(HttpExchangeData request, Caller.Role role) {
    Either<HttpAnswer, Caller> caller = authenticate(request);
    if (caller.isLeft() || caller.get().roles().contains(role)) {
      return caller;
    }
    if (caller.get().anonymous()) {
      return Either.left(unauthorized("this call needs credentials: Authorization: Bearer <token>"
          + (settings.proxy().isPresent() ? ", or signing in through the proxy" : "")));
    }
    return Either.left(Answers.error(new CoexistError.Forbidden(caller.get().via() + " may not "
        + role.name().toLowerCase(java.util.Locale.ROOT) + " here: this needs a token with the "
        + role.name().toLowerCase(java.util.Locale.ROOT) + " role")));
  }

  /** Who sent {@code request}; a 401 for a token nobody issued, a 400 for a proxy identity that is no name. */
  Either<HttpAnswer, Caller> authenticate(HttpExchangeData request) {
    if (!settings.required()) {
      return Either.right(Caller.anonymous(open));
    }
    Optional<TrustedProxy> proxy = settings.proxy().filter(p -> p.named(request));
    if (proxy.isPresent()) {
      if (proxy.get().trusts(request)) {
        return proxied(proxy.get(), request.header(proxy.get().header()).orElseThrow().strip());
      }
      LOG.warn("{} ignored on a request from {}: it did not come through the trusted proxy", proxy.get().header(),
          Excerpt.of(request.remoteAddress()));
    }
    Optional<String> bearer = request.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(h -> h.substring(BEARER.length()).strip());
    if (bearer.isEmpty()) {
      return Either.right(Caller.anonymous(open));
    }
    TokenHash presented = TokenHash.of(bearer.get());
    if (settings.writeToken().filter(presented::matches).isPresent()) {
      return Either.right(new Caller(Optional.empty(), Set.of(Caller.Role.WRITE), "COEXIST_API_TOKEN"));
    }
    if (settings.readToken().filter(presented::matches).isPresent()) {
      return Either.right(new Caller(Optional.empty(), Set.of(Caller.Role.READ), "COEXIST_READ_TOKEN"));
    }
    return settings.people().flatMap(people -> people.find(presented))
        .<Either<HttpAnswer, Caller>>map(Either::right)
        .orElseGet(() -> Either.left(unauthorized("the bearer token is not one coexist knows")));
  }

  private static Either<HttpAnswer, Caller> proxied(TrustedProxy proxy, String name) {
    if (name.isEmpty() || name.length() > PersonTokens.MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      return Either.left(Answers.invalid(List.of(proxy.header() + " must name a person in 1 to "
          + PersonTokens.MAX_NAME + " printable characters, was " + Excerpt.quote(name))));
    }
    return Either.right(new Caller(Optional.of(name), proxy.roles(), "the trusted proxy"));
  }

  private static HttpAnswer unauthorized(String why) {
    HttpAnswer refused = HttpAnswer.error(401, "unauthorized", "unauthorized: " + why, List.of());
    return new HttpAnswer(401, refused.contentType(), refused.body(),
        Map.of("WWW-Authenticate", "Bearer realm=\"coexist\""));
  }
}
