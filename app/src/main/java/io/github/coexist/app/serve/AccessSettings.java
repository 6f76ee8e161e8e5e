package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.adapters.http.Secret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use {@code serve}'s API, read from the environment: a shared write token ({@code
 * COEXIST_API_TOKEN}, which may also read), a shared read token ({@code COEXIST_READ_TOKEN}),
 * per-person tokens ({@code COEXIST_API_TOKENS_FILE}), a trusted authenticating proxy ({@code
 * COEXIST_TRUSTED_PROXY_*}), and whether reads stay open to everyone ({@code COEXIST_PUBLIC_READ}).
 * Tokens are kept as hashes only.
 *
 * @param writeToken the shared write token's hash
 * @param readToken the shared read token's hash
 * @param people the per-person tokens
 * @param proxy the trusted authenticating proxy
 * @param publicRead whether reads need no credentials even when some are configured
 */
record AccessSettings(Optional<TokenHash> writeToken, Optional<TokenHash> readToken, Optional<PersonTokens> people,
    Optional<TrustedProxy> proxy, boolean publicRead) {

  /** The shortest proxy secret accepted: it is all that stands between the port and anyone's identity. */
  static final int MIN_PROXY_SECRET = 16;

  /** Nothing configured: the API is open (serve listens on loopback by default) and nobody can vote. */
  static AccessSettings open() {
    return new AccessSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  /** The access settings in {@code read}; each bad one is a problem of {@code read}. */
  static AccessSettings read(ConfigReader read) {
    Optional<TokenHash> write = read.secret("api-token").map(Secret::reveal).map(TokenHash::of);
    Optional<TokenHash> readOnly = read.secret("read-token").map(Secret::reveal).map(TokenHash::of);
    if (write.isPresent() && readOnly.isPresent() && write.get().matches(readOnly.get())) {
      read.problem(ServeSettings.describe(read, "read-token") + " must differ from " + ServeSettings.describe(read, "api-token"));
    }
    Optional<PersonTokens> people = read.optional("api-tokens-file").flatMap(file -> PersonTokens.read(Path.of(file))
        .peekLeft(problems -> problems.forEach(p -> read.problem(ServeSettings.describe(read, "api-tokens-file") + ": " + p)))
        .toJavaOptional());
    Optional<TrustedProxy> proxy = proxy(read);
    return new AccessSettings(write, readOnly, people, proxy, read.bool("public-read", false));
  }

  private static Optional<TrustedProxy> proxy(ConfigReader read) {
    Optional<String> header = read.optional("trusted-proxy.header").map(String::strip);
    Optional<String> secret = read.secret("trusted-proxy.secret").map(Secret::reveal);
    Set<InetAddress> addresses = addresses(read);
    if (header.isEmpty()) {
      if (secret.isPresent() || !addresses.isEmpty()) {
        read.problem(ServeSettings.describe(read, "trusted-proxy.header") + " must name the proxy's identity header (X-Forwarded-User)"
            + " when its secret or addresses are set");
      }
      return Optional.empty();
    }
    if (secret.isEmpty() && addresses.isEmpty()) {
      read.problem(ServeSettings.describe(read, "trusted-proxy.header") + " is believed only from the proxy: set "
          + ServeSettings.describe(read, "trusted-proxy.secret") + " (sent by the proxy in " + TrustedProxy.SECRET_HEADER + ") or "
          + ServeSettings.describe(read, "trusted-proxy.addresses"));
    }
    secret.filter(s -> s.length() < MIN_PROXY_SECRET).ifPresent(s -> read.problem(ServeSettings.describe(read, "trusted-proxy.secret")
        + " must be at least " + MIN_PROXY_SECRET + " characters (openssl rand -hex 32)"));
    if (header.get().equalsIgnoreCase("Authorization")) {
      read.problem(ServeSettings.describe(read, "trusted-proxy.header") + " must not be Authorization");
    }
    List<String> problems = new ArrayList<>();
    Set<Caller.Role> roles = read.optional("trusted-proxy.roles")
        .map(text -> PersonTokens.roles(text, ServeSettings.describe(read, "trusted-proxy.roles"), problems))
        .orElse(Optional.of(EnumSet.of(Caller.Role.READ, Caller.Role.WRITE)))
        .orElse(Set.of());
    problems.forEach(read::problem);
    String secretHeader = read.optional("trusted-proxy.secret-header").map(String::strip)
        .orElse(TrustedProxy.SECRET_HEADER);
    return Optional.of(new TrustedProxy(header.get(), secretHeader, secret.map(TokenHash::of), addresses, roles));
  }

  /** The proxy's addresses: IP literals or names resolved once, at start-up. */
  private static Set<InetAddress> addresses(ConfigReader read) {
    Set<InetAddress> addresses = new LinkedHashSet<>();
    read.optional("trusted-proxy.addresses").ifPresent(text -> {
      for (String one : text.split(",")) {
        try {
          addresses.add(InetAddress.getByName(one.strip()));
        } catch (UnknownHostException e) {
          read.problem(ServeSettings.describe(read, "trusted-proxy.addresses") + ": '" + one.strip() + "' is not an address");
        }
      }
    });
    return addresses;
  }

  /** Whether any credential is configured: then every request but the health checks needs one. */
  boolean required() {
    return writeToken.isPresent() || readToken.isPresent() || people.isPresent() || proxy.isPresent();
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    writeToken.ifPresent(t -> parts.add("write token"));
    readToken.ifPresent(t -> parts.add("read token"));
    people.ifPresent(p -> parts.add(p.size() + " personal token(s)"));
    proxy.ifPresent(p -> parts.add(p.toString()));
    if (publicRead) {
      parts.add("public reads");
    }
    return parts.isEmpty() ? "open API" : String.join(", ", parts);
  }
}
