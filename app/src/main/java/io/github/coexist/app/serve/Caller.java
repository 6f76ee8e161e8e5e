package io.github.coexist.app.serve;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who a request comes from, as far as {@code serve} could authenticate it.
 *
 * @param person the person, when the credentials name one (a per-person token, or a trusted proxy's
 *     identity header); a shared token names nobody
 * @param roles what the caller may do
 * @param via how the caller was recognised, for error messages and the log ({@code
 *     COEXIST_API_TOKEN}, {@code a personal token}, {@code the trusted proxy}, {@code no credentials})
 */
record Caller(Optional<String> person, Set<Role> roles, String via) {

  /** What a caller may do. */
  enum Role {
    /** Read the API, the audit trail, the KPIs and the dashboard. */
    READ,
    /** Post alerts and decisions; implies {@link #READ}. */
    WRITE
  }

  Caller {
    EnumSet<Role> all = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    if (all.contains(Role.WRITE)) {
      all.add(Role.READ);
    }
    roles = Set.copyOf(all);
  }

  /** Whether the caller brought no credentials at all. */
  boolean anonymous() {
    return via.equals(ANONYMOUS);
  }

  /** How an anonymous caller is described. */
  static final String ANONYMOUS = "no credentials";

  /** A caller without credentials, who may do what {@code open} allows. */
  static Caller anonymous(Set<Role> open) {
    return new Caller(Optional.empty(), open, ANONYMOUS);
  }
}
