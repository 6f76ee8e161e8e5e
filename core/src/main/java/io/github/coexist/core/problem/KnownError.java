package io.github.coexist.core.problem;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * What is known about a problem that is analysed but not yet fixed: its root cause and the
 * workaround that reduces the impact of its incidents meanwhile.
 *
 * @param rootCause what causes the incidents
 * @param workaround what to do when it happens again until the fix is in
 * @param recordedBy who recorded it
 * @param recordedAt when
 */
public record KnownError(String rootCause, String workaround, Actor recordedBy, Instant recordedAt) {
  public KnownError {
    Objects.requireNonNull(rootCause, "rootCause");
    Objects.requireNonNull(workaround, "workaround");
    Objects.requireNonNull(recordedBy, "recordedBy");
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (rootCause.isBlank() || workaround.isBlank()) {
      throw new IllegalArgumentException("a known error needs a root cause and a workaround");
    }
  }
}
