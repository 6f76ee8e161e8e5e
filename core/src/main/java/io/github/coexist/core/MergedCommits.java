package io.github.coexist.core;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.signal.Signal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commits of recently merged pull requests, by the shas a deployment of them names (the merge
 * commit and the branch head): a deployment reported without commits gets them here, for lead
 * time. Keeps the latest {@code capacity} shas, and says which pull requests it no longer holds
 * any sha of, so a store can let them go. Thread-safe.
 */
final class MergedCommits {
  private final int capacity;
  /** Guarded by this: the pull request merged under each sha, eldest first. */
  private final Map<String, Signal.PullRequestMerged> bySha = new LinkedHashMap<>();

  MergedCommits(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Remembers the commits of {@code merged}, when it lists any; answers the pull requests dropped
   * to stay within capacity (none of whose shas is held any more).
   */
  synchronized List<Signal.PullRequestMerged> merged(Signal.PullRequestMerged merged) {
    if (merged.commits().isEmpty()) {
      return List.of();
    }
    bySha.put(key(merged.repository(), merged.headSha()), merged);
    merged.mergeSha().ifPresent(sha -> bySha.put(key(merged.repository(), sha), merged));
    List<Signal.PullRequestMerged> dropped = new ArrayList<>();
    while (bySha.size() > capacity) {
      var eldest = bySha.entrySet().iterator();
      Signal.PullRequestMerged gone = eldest.next().getValue();
      eldest.remove();
      if (!bySha.containsValue(gone)) {
        dropped.add(gone);
      }
    }
    return dropped;
  }

  /** Remembers again what a store kept, in the order merged; drops nothing a store still holds. */
  synchronized void restore(Collection<Signal.PullRequestMerged> kept) {
    kept.forEach(this::merged);
  }

  /** {@code d} with the commits merged for its sha, when it carries none and they are known. */
  synchronized Deployment withCommits(Deployment d) {
    if (!d.commits().isEmpty() || d.sha().isEmpty()) {
      return d;
    }
    Optional<Signal.PullRequestMerged> known = Optional.ofNullable(bySha.get(key(d.repository().orElse(""),
        d.sha().get())));
    return known.map(pr -> d.withCommits(pr.commits())).orElse(d);
  }

  private static String key(String repository, String sha) {
    return repository + "@" + sha;
  }
}
