package io.github.coexist.adapters.github;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entries beyond a capacity, so that what the adapter
 * remembers between deliveries (evidence, pushes, deployments) cannot grow without end. Not
 * thread-safe: its owners synchronise.
 */
final class Bounded<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;
  private final int capacity;

  Bounded(int capacity) {
    super(16, 0.75f, true);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
