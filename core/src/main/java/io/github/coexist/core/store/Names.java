package io.github.coexist.core.store;

import io.github.coexist.core.error.CoexistError;
import java.util.Optional;

/**
 * The names the in-memory store accepts, as the durable stores do (a database's text type may
 * refuse or change the others): 1 to a maximum of chars, not blank, without control characters
 * or unpaired surrogates.
 */
final class Names {
  private Names() {}

  /** Why {@code name} cannot be kept as {@code what}, if it cannot. */
  static Optional<CoexistError> refused(String what, String name, int max) {
    if (name == null || name.isBlank() || name.length() > max) {
      return Optional.of(CoexistError.invalid(what + " is 1 to " + max + " chars, not blank"));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1));
      if (Character.isISOControl(c) || (Character.isSurrogate(c) && !paired)) {
        return Optional.of(CoexistError.invalid(what + " holds a control character or an unpaired surrogate at "
            + i));
      }
      if (paired) {
        i++;
      }
    }
    return Optional.empty();
  }
}
