package io.github.coexist.core.gate;

import io.github.coexist.core.risk.RiskContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;

/**
 * Planned windows of changes, indexed by time so that asking what overlaps a window costs the
 * logarithm of how many are indexed, not their number: two treaps (randomised balanced search
 * trees) over the same windows, one ordered by start and one by end, each node knowing the size of
 * its subtree, and the start-ordered one the latest end below it (an interval tree).
 *
 * <ul>
 *   <li>How many windows overlap {@code [from, to)}: those starting before {@code to} less those
 *       ending at or before {@code from} (a window ending by {@code from} started before it),
 *       two rank queries.
 *   <li>The {@code k} whose start is nearest a time: walking out from it both ways, skipping every
 *       subtree whose latest end is too early to overlap, so each step finds an overlap.
 *   <li>Windows that ended are dropped from the end-ordered tree's first entries.
 * </ul>
 *
 * <p>Memory grows linearly: one entry and two nodes per window. Not thread-safe: the owning
 * {@link Ledger.ServiceBook} holds its lock around every call. A window must not end before it
 * starts.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
final class WindowIndex {
  /**
   * One indexed window: the change, and the overlap it is reported as. Windows that start (or end)
   * together are ordered by change id, so the order follows from the windows alone, not from when
   * they were indexed: a gate restored from its records finds the same nearest few.
   */
  record Window(Tracked change, RiskContext.Overlap overlap) {
    Instant start() {
      return overlap.start();
    }

    Instant end() {
      return overlap.end();
    }

    int compareIds(Window other) {
      return change.id.compareTo(other.change.id);
    }
  }

  private final Map<Tracked, Window> windows = new HashMap<>();
  private final Tree byStart = new Tree(true);
  private final Tree byEnd = new Tree(false);

  /** Indexes {@code overlap} as {@code change}'s window, replacing the one it had. */
  void put(Tracked change, RiskContext.Overlap overlap) {
    Window old = windows.get(change);
    if (old != null) {
      if (old.overlap().equals(overlap)) {
        return;
      }
      remove(change);
    }
    Window w = new Window(change, overlap);
    windows.put(change, w);
    byStart.insert(w);
    byEnd.insert(w);
  }

  /** Drops {@code change}'s window, if it has one. */
  void remove(Tracked change) {
    Window w = windows.remove(change);
    if (w != null) {
      byStart.delete(w);
      byEnd.delete(w);
    }
  }

  /** {@code change}'s window, or null. */
  Window of(Tracked change) {
    return windows.get(change);
  }

  int size() {
    return windows.size();
  }

  /** Drops every window that ends at or before {@code now}: it cannot overlap anything to come. */
  void dropEndedBy(Instant now) {
    for (Window first = byEnd.first(); first != null && !first.end().isAfter(now); first = byEnd.first()) {
      remove(first.change());
    }
  }

  /** How many windows overlap {@code [from, to)}; {@code from} must be before {@code to}. */
  int count(Instant from, Instant to) {
    return byStart.countBelow(to, false) - byEnd.countBelow(from, true);
  }

  /**
   * Up to {@code k} windows overlapping {@code [from, to)}, but {@code excluding}'s, whose start is
   * nearest {@code at} (not before {@code from}), nearest first; ties go to the lower change id.
   */
  List<Window> nearest(Instant from, Instant to, Instant at, int k, Tracked excluding) {
    List<Window> later = new ArrayList<>(k);
    byStart.startingFrom(byStart.root, from, at, to, k, excluding, later);
    List<Window> earlier = new ArrayList<>(k);
    byStart.startingBefore(byStart.root, at, from, k, excluding, earlier);
    List<Window> nearest = new ArrayList<>(k);
    int i = 0;
    int j = 0;
    while (nearest.size() < k && (i < later.size() || j < earlier.size())) {
      boolean takeLater = j == earlier.size() || (i < later.size() && closer(later.get(i), earlier.get(j), at));
      nearest.add(takeLater ? later.get(i++) : earlier.get(j++));
    }
    return nearest;
  }

  /** Whether {@code a} (starting at or after {@code at}) is nearer {@code at} than {@code b} (before it). */
  private static boolean closer(Window a, Window b, Instant at) {
    int c = distance(a.start(), at).compareTo(distance(b.start(), at));
    return c != 0 ? c < 0 : a.compareIds(b) < 0;
  }

  private static java.time.Duration distance(Instant a, Instant b) {
    return java.time.Duration.between(a, b).abs();
  }

  /** A treap ordered by start or by end, then by change id; nodes know their size and latest end. */
  private static final class Tree {
    private final boolean byStart;
    private Node root;

    Tree(boolean byStart) {
      this.byStart = byStart;
    }

    private static final class Node {
      final Window window;
      final int priority;
      Node left;
      Node right;
      int size = 1;
      Instant latestEnd;

      Node(Window window) {
        this.window = window;
        // A fixed mix of the change id: balanced in expectation, and the same tree on every run.
        long z = (window.change().id.hashCode() + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        this.priority = (int) (z ^ (z >>> 31));
        this.latestEnd = window.end();
      }

      Node update() {
        size = 1 + size(left) + size(right);
        latestEnd = window.end();
        if (left != null && left.latestEnd.isAfter(latestEnd)) {
          latestEnd = left.latestEnd;
        }
        if (right != null && right.latestEnd.isAfter(latestEnd)) {
          latestEnd = right.latestEnd;
        }
        return this;
      }
    }

    private static int size(Node n) {
      return n == null ? 0 : n.size;
    }

    private Instant key(Window w) {
      return byStart ? w.start() : w.end();
    }

    private int compare(Window a, Window b) {
      int c = key(a).compareTo(key(b));
      return c != 0 ? c : a.compareIds(b);
    }

    void insert(Window w) {
      root = insert(root, new Node(w));
    }

    void delete(Window w) {
      root = delete(root, w);
    }

    private Node insert(Node n, Node x) {
      if (n == null) {
        return x;
      }
      if (x.priority > n.priority) {
        Node[] parts = split(n, x.window);
        x.left = parts[0];
        x.right = parts[1];
        return x.update();
      }
      if (compare(x.window, n.window) < 0) {
        n.left = insert(n.left, x);
      } else {
        n.right = insert(n.right, x);
      }
      return n.update();
    }

    private Node delete(Node n, Window w) {
      if (n == null) {
        return null;
      }
      int c = compare(w, n.window);
      if (c == 0) {
        return merge(n.left, n.right);
      }
      if (c < 0) {
        n.left = delete(n.left, w);
      } else {
        n.right = delete(n.right, w);
      }
      return n.update();
    }

    /** The nodes before {@code w} and the rest. */
    private Node[] split(Node n, Window w) {
      if (n == null) {
        return new Node[2];
      }
      if (compare(n.window, w) < 0) {
        Node[] parts = split(n.right, w);
        n.right = parts[0];
        return new Node[] {n.update(), parts[1]};
      }
      Node[] parts = split(n.left, w);
      n.left = parts[1];
      return new Node[] {parts[0], n.update()};
    }

    /** Every node of {@code a} comes before every node of {@code b}. */
    private Node merge(Node a, Node b) {
      if (a == null) {
        return b;
      }
      if (b == null) {
        return a;
      }
      if (a.priority > b.priority) {
        a.right = merge(a.right, b);
        return a.update();
      }
      b.left = merge(a, b.left);
      return b.update();
    }

    Window first() {
      Node n = root;
      if (n == null) {
        return null;
      }
      while (n.left != null) {
        n = n.left;
      }
      return n.window;
    }

    /** How many keys are before {@code t} (or at it too, when {@code inclusive}). */
    int countBelow(Instant t, boolean inclusive) {
      int count = 0;
      for (Node n = root; n != null; ) {
        int c = key(n.window).compareTo(t);
        if (c < 0 || (inclusive && c == 0)) {
          count += size(n.left) + 1;
          n = n.right;
        } else {
          n = n.left;
        }
      }
      return count;
    }

    /**
     * Adds, in start order, windows starting in {@code [at, to)} and ending after {@code from} until
     * {@code out} holds {@code k}.
     */
    void startingFrom(Node n, Instant from, Instant at, Instant to, int k, Tracked excluding, List<Window> out) {
      if (n == null || out.size() >= k) {
        return;
      }
      Instant start = n.window.start();
      boolean fromAt = !start.isBefore(at);
      if (fromAt) {
        startingFrom(n.left, from, at, to, k, excluding, out);
      }
      if (fromAt && start.isBefore(to) && n.window.end().isAfter(from) && out.size() < k
          && n.window.change() != excluding) {
        out.add(n.window);
      }
      if (start.isBefore(to)) {
        startingFrom(n.right, from, at, to, k, excluding, out);
      }
    }

    /**
     * Adds, latest start first, windows starting before {@code at} and ending after {@code from}
     * until {@code out} holds {@code k}; a subtree ending by {@code from} is not entered.
     */
    void startingBefore(Node n, Instant at, Instant from, int k, Tracked excluding, List<Window> out) {
      if (n == null || out.size() >= k || !n.latestEnd.isAfter(from)) {
        return;
      }
      Instant start = n.window.start();
      boolean beforeAt = start.isBefore(at);
      if (beforeAt) {
        startingBefore(n.right, at, from, k, excluding, out);
      }
      if (beforeAt && n.window.end().isAfter(from) && out.size() < k && n.window.change() != excluding) {
        out.add(n.window);
      }
      startingBefore(n.left, at, from, k, excluding, out);
    }
  }
}
