package io.github.coexist.core.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One commit a deployment carries, with the time it was committed (for lead time).
 *
 * @param sha the commit's full hash
 * @param committedAt when it was committed
 */
public record Commit(String sha, Instant committedAt) {
  public Commit {
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(committedAt, "committedAt");
    if (sha.isBlank()) {
      throw new IllegalArgumentException("a commit needs a sha");
    }
  }
}
