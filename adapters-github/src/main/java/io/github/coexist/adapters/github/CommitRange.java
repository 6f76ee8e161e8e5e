package io.github.coexist.adapters.github;

import io.github.coexist.core.delivery.ChangeSize;
import io.github.coexist.core.delivery.Commit;
import java.util.List;

/**
 * The commits between two shas, as GitHub's compare API lists them, with the size of the change.
 *
 * @param commits the commits, oldest first
 * @param filesChanged files changed across the range (GitHub lists at most 300)
 * @param linesChanged lines added plus removed across those files
 * @param complete false when the range was longer than coexist reads, so {@code commits} is its start
 */
public record CommitRange(List<Commit> commits, int filesChanged, int linesChanged, boolean complete) {
  public CommitRange {
    commits = List.copyOf(commits);
  }

  /** The size as the change gate reads it. */
  public ChangeSize size() {
    return new ChangeSize(filesChanged, linesChanged);
  }
}
