package io.github.coexist.core.calendar;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One occurrence of a calendar window, as instants: for example this week's "Friday 16:00 to
 * Monday 08:00 Europe/Berlin" freeze.
 *
 * @param window the window's name
 * @param kind freeze or maintenance
 * @param start when this occurrence begins (inclusive)
 * @param end when it ends (exclusive)
 * @param environments the environments it covers, lower-case; empty: every production environment
 */
public record WindowOccurrence(String window, WindowKind kind, Instant start, Instant end, SortedSet<String> environments) {
  public WindowOccurrence {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    environments = lowerCase(environments);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a window occurrence must end after it starts");
    }
  }

  /** An occurrence covering the production environments, as most windows do. */
  public WindowOccurrence(String window, WindowKind kind, Instant start, Instant end) {
    this(window, kind, start, end, Collections.emptySortedSet());
  }

  /**
   * Whether this occurrence applies to a change in {@code environment}: one it names, or, when it
   * names none, any production environment ({@code production} says whether this one is).
   */
  public boolean covers(String environment, boolean production) {
    return environments.isEmpty() ? production : environments.contains(environment.strip().toLowerCase(Locale.ROOT));
  }

  /** Names compared ignoring case, sorted and unmodifiable. */
  static SortedSet<String> lowerCase(Collection<String> environments) {
    if (environments == null || environments.isEmpty()) {
      return Collections.emptySortedSet();
    }
    SortedSet<String> lower = new TreeSet<>();
    for (String environment : environments) {
      lower.add(Objects.requireNonNull(environment, "environment").strip().toLowerCase(Locale.ROOT));
    }
    return Collections.unmodifiableSortedSet(lower);
  }

  /** Whether {@code at} lies in [start, end). */
  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }

  /** Whether [from, to) overlaps this occurrence. */
  public boolean overlaps(Instant from, Instant to) {
    return from.isBefore(end) && start.isBefore(to);
  }
}
