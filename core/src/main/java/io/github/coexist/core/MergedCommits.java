package io.github.coexist.core;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.signal.Signal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commits of recently merged pull requests, by the shas a deployment of them names (the merge
 * commit and the branch head): a deployment reported without commits gets them here, for lead
 * time. Keeps the latest {@code capacity} shas. Thread-safe.
 */
final class MergedCommits {
  private final Map<String, List<Commit>> bySha;

  MergedCommits(int capacity) {
    this.bySha = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<Commit>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Remembers the commits of {@code merged}, when it lists any. */
  synchronized void merged(Signal.PullRequestMerged merged) {
    if (merged.commits().isEmpty()) {
      return;
    }
    bySha.put(key(merged.repository(), merged.headSha()), merged.commits());
    merged.mergeSha().ifPresent(sha -> bySha.put(key(merged.repository(), sha), merged.commits()));
  }

  /** {@code d} with the commits merged for its sha, when it carries none and they are known. */
  synchronized Deployment withCommits(Deployment d) {
    if (!d.commits().isEmpty() || d.sha().isEmpty()) {
      return d;
    }
    Optional<List<Commit>> known = Optional.ofNullable(bySha.get(key(d.repository().orElse(""), d.sha().get())));
    return known.map(d::withCommits).orElse(d);
  }

  private static String key(String repository, String sha) {
    return repository + "@" + sha;
  }
}
