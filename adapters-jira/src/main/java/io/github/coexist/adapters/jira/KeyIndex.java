package io.github.coexist.adapters.jira;

import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this process knows about the issues (changes or incidents) it created or found: key to issue and back,
 * and the newest issue ids, which search is asked to reconcile because {@code /search/jql} is
 * eventually consistent and may not list an issue created a moment ago. Bounded; thread-safe.
 */
final class KeyIndex {
  /** {@code reconcileIssues} takes at most 50 ids. */
  static final int RECONCILE_MAX = 50;
  private final int capacity;
  private final Map<IdempotencyKey, ExternalKey> byKey;
  private final Map<String, IdempotencyKey> byIssue;
  private final Deque<String> recent = new ArrayDeque<>();

  KeyIndex(int capacity) {
    this.capacity = capacity;
    this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<IdempotencyKey, ExternalKey> eldest) {
        return size() > KeyIndex.this.capacity;
      }
    };
    this.byIssue = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, IdempotencyKey> eldest) {
        return size() > KeyIndex.this.capacity;
      }
    };
  }

  synchronized void remember(IdempotencyKey key, ExternalKey issue) {
    byKey.put(key, issue);
    byIssue.put(issue.id(), key);
  }

  /** Remembers an issue this process created, so that searches reconcile it. */
  synchronized void created(IdempotencyKey key, ExternalKey issue) {
    remember(key, issue);
    recent.addFirst(issue.id());
    while (recent.size() > RECONCILE_MAX) {
      recent.removeLast();
    }
  }

  synchronized Optional<ExternalKey> issue(IdempotencyKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  synchronized Optional<IdempotencyKey> key(String issueId) {
    return Optional.ofNullable(byIssue.get(issueId));
  }

  /** The ids of the newest issues created, newest first. */
  synchronized List<String> recentIssueIds() {
    return List.copyOf(recent);
  }
}
