package io.github.coexist.core;

import io.github.coexist.core.error.CoexistError;

/**
 * Thrown through a capability service when the store refused something it needed mid-command
 * (a block of ids), and caught at the facade, which answers the command with {@link #error()}.
 * The command changed nothing the store holds; it is tried again.
 */
final class StoreUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient CoexistError error;

  StoreUnavailable(CoexistError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  /** Why the store refused. */
  CoexistError error() {
    return error;
  }
}
