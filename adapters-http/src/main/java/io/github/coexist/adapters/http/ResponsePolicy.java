package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import java.util.Optional;

/**
 * How one tool says "no": maps a response to a typed error, reading the tool's own error body
 * and rate-limit headers. Empty means the response is a success the caller may read.
 */
@FunctionalInterface
public interface ResponsePolicy {

  /** The error this response stands for, or empty for a success. */
  Optional<CoexistError> errorFor(RemoteResponse response);
}
