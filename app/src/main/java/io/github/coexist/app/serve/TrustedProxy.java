package io.github.coexist.app.serve;

import io.github.coexist.app.http.HttpExchangeData;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * An authenticating proxy in front of {@code serve} (oauth2-proxy, an SSO gateway): it signs people
 * in and passes who they are in {@link #header} ({@code X-Forwarded-User}). Anyone who reaches the
 * port directly could send that header too, so it is believed only from a request that also
 * carries the proxy's shared secret in {@link #secretHeader}, or that comes from one of {@link
 * #addresses}; otherwise it is ignored.
 *
 * @param header the identity header the proxy sets
 * @param secretHeader the header carrying the shared secret
 * @param secret the shared secret's hash, when one is configured
 * @param addresses the proxy's addresses, when configured
 * @param roles what a person signed in through the proxy may do
 */
record TrustedProxy(String header, String secretHeader, Optional<TokenHash> secret, Set<InetAddress> addresses,
    Set<Caller.Role> roles) {

  /** The default name of the header carrying the proxy's shared secret. */
  static final String SECRET_HEADER = "X-Coexist-Proxy-Secret";

  TrustedProxy {
    addresses = Set.copyOf(addresses);
    roles = Set.copyOf(roles);
  }

  /** Whether {@code request} carries the identity header at all. */
  boolean named(HttpExchangeData request) {
    return request.header(header).isPresent();
  }

  /** Whether {@code request} comes through the proxy: its secret, or one of its addresses. */
  boolean trusts(HttpExchangeData request) {
    boolean secretMatches = secret.isPresent() && request.header(secretHeader)
        .map(given -> TokenHash.of(given).matches(secret.get())).orElse(false);
    return secretMatches || fromProxy(request.remoteAddress());
  }

  private boolean fromProxy(String remote) {
    if (addresses.isEmpty() || remote.isEmpty()) {
      return false;
    }
    String literal = remote.startsWith("[") && remote.endsWith("]") ? remote.substring(1, remote.length() - 1) : remote;
    if (!literal.chars().allMatch(c -> c < 128 && (Character.digit(c, 16) >= 0 || c == '.' || c == ':'))) {
      return false; // an address literal, never a name to look up
    }
    try {
      return addresses.contains(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "TrustedProxy[" + header + (secret.isPresent() ? ", secret in " + secretHeader : "")
        + (addresses.isEmpty() ? "" : ", from " + addresses) + ", roles " + roles + "]";
  }
}
