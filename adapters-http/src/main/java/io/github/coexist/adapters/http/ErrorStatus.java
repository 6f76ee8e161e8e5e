package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import java.util.Locale;

/**
 * How a core error is answered over HTTP, by whichever server answers it ({@code serve}, the Spring
 * Boot starter's endpoints): its status and its {@code error} word.
 */
public final class ErrorStatus {
  private ErrorStatus() {}

  /** The HTTP status of {@code error}: 400, 401, 403, 404, 409, 429 or 503. */
  public static int of(CoexistError error) {
    if (error instanceof CoexistError.InvalidInput) {
      return 400;
    } else if (error instanceof CoexistError.Unauthorized) {
      return 401;
    } else if (error instanceof CoexistError.Forbidden) {
      return 403;
    } else if (error instanceof CoexistError.NotFound) {
      return 404;
    } else if (error instanceof CoexistError.Conflict || error instanceof CoexistError.IllegalTransition) {
      return 409;
    } else if (error instanceof CoexistError.RateLimited) {
      return 429;
    }
    return 503;
  }

  /** The {@code error} word of {@code error}: its case in snake_case ({@code invalid_input}). */
  public static String kind(CoexistError error) {
    return error.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
