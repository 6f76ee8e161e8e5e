package io.github.coexist.micrometer;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a tag's values few: the first {@code max} distinct values seen are used as they are (made
 * lower case, anything but letters, digits, {@code _} and {@code -} turned into {@code -}, at most
 * 40 characters); every later one becomes {@value #OTHER}. Each time series costs memory in the
 * registry and in Prometheus, and a value comes from outside (a delivery key's prefix, a tool's
 * name), so it is never trusted to stay small. Thread-safe.
 */
final class TagCap {
  static final String OTHER = "other";

  private final int max;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  TagCap(int max) {
    this.max = max;
  }

  /** {@code value} cleaned, or {@value #OTHER} once {@code max} other values were admitted. */
  String admit(String value) {
    String clean = clean(value);
    if (admitted.contains(clean)) {
      return clean;
    }
    synchronized (admitted) {
      if (admitted.size() < max) {
        admitted.add(clean);
        return clean;
      }
    }
    return admitted.contains(clean) ? clean : OTHER;
  }

  static String clean(String value) {
    String lower = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
    String cut = lower.length() > 40 ? lower.substring(0, 40) : lower;
    return cut.isEmpty() ? "unknown" : cut;
  }
}
