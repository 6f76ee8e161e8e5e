package io.github.coexist.adapters.github;

import io.github.coexist.core.delivery.Commit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pushes seen, chained by their {@code before} and {@code after} shas, so that the commits
 * between the last deployed sha and a new one can be told without asking GitHub, when every push
 * in between was delivered. Bounded; thread-safe.
 */
final class CommitBook {
  /** Pushes walked back at most from a head to its base. */
  static final int MAX_CHAIN = 500;

  private final Bounded<String, Push> pushes;

  private record Push(String before, List<Commit> commits) {}

  CommitBook(int capacity) {
    this.pushes = new Bounded<>(capacity);
  }

  /** Records a push that moved a ref from {@code before} to {@code after}. */
  synchronized void pushed(Repository repository, String before, String after, List<Commit> commits) {
    pushes.put(repository.key(after), new Push(before, List.copyOf(commits)));
  }

  /**
   * The commits from {@code base} (excluded) to {@code head}, oldest first: the chain of pushes
   * between them when all were seen; without a base, the commits of the push that made {@code
   * head}. Empty when the chain is not known.
   */
  synchronized Optional<List<Commit>> between(Repository repository, Optional<String> base, String head) {
    if (base.isEmpty()) {
      return Optional.ofNullable(pushes.get(repository.key(head))).map(Push::commits);
    }
    if (base.get().equalsIgnoreCase(head)) {
      return Optional.of(List.of());
    }
    Deque<List<Commit>> chain = new ArrayDeque<>();
    String at = head;
    for (int step = 0; step < MAX_CHAIN; step++) {
      Push push = pushes.get(repository.key(at));
      if (push == null) {
        return Optional.empty();
      }
      chain.addFirst(push.commits());
      if (push.before().equalsIgnoreCase(base.get())) {
        Map<String, Commit> unique = new LinkedHashMap<>();
        chain.forEach(commits -> commits.forEach(c -> unique.putIfAbsent(c.sha(), c)));
        return Optional.of(new ArrayList<>(unique.values()));
      }
      at = push.before();
    }
    return Optional.empty();
  }
}
