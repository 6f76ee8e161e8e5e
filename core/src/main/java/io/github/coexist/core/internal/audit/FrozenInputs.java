package io.github.coexist.core.internal.audit;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.NullUnmarked;

/**
 * Not API: may change in any release. The inputs of an audit event or entry: an immutable map of names to values, sorted by name,
 * held as two arrays. Immutable, so events and entries share it instead of copying it, and
 * compact, since an audit trail keeps one per entry.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class FrozenInputs extends AbstractMap<String, String> implements SortedMap<String, String> {
  private static final FrozenInputs EMPTY = new FrozenInputs(new String[0], new String[0], 0, 0);

  private final String[] keys;
  private final String[] values;
  private final int from;
  private final int to;

  private FrozenInputs(String[] keys, String[] values, int from, int to) {
    this.keys = keys;
    this.values = values;
    this.from = from;
    this.to = to;
  }

  /** {@code inputs} itself when already frozen, else a frozen copy; refuses null names and values. */
  public static FrozenInputs of(Map<String, String> inputs) {
    if (inputs instanceof FrozenInputs frozen) {
      return frozen;
    }
    if (inputs.isEmpty()) {
      return EMPTY;
    }
    int size = inputs.size();
    String[] keys = new String[size];
    String[] values = new String[size];
    int i = 0;
    for (Map.Entry<String, String> entry : inputs.entrySet()) {
      keys[i] = Objects.requireNonNull(entry.getKey(), "an input name");
      values[i] = Objects.requireNonNull(entry.getValue(), "an input value");
      i++;
    }
    if (inputs instanceof SortedMap<String, String> sorted && sorted.comparator() == null) {
      return new FrozenInputs(keys, values, 0, size);
    }
    return sorting(keys, values, size);
  }

  /**
   * The first {@code size} names and values, taken over (not copied) and sorted by name in
   * place; where a name occurs more than once the last value put stays, as with {@code Map.put}.
   */
  public static FrozenInputs sorting(String[] keys, String[] values, int size) {
    if (size == 0) {
      return EMPTY;
    }
    // Insertion sort, stable: inputs are a handful and often nearly in order.
    for (int i = 1; i < size; i++) {
      String key = keys[i];
      String value = values[i];
      int j = i - 1;
      while (j >= 0 && keys[j].compareTo(key) > 0) {
        keys[j + 1] = keys[j];
        values[j + 1] = values[j];
        j--;
      }
      keys[j + 1] = key;
      values[j + 1] = value;
    }
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (kept > 0 && keys[kept - 1].equals(keys[i])) {
        values[kept - 1] = values[i];
      } else {
        keys[kept] = keys[i];
        values[kept] = values[i];
        kept++;
      }
    }
    Arrays.fill(keys, kept, size, null);
    Arrays.fill(values, kept, size, null);
    return new FrozenInputs(keys, values, 0, kept);
  }

  private int indexOf(Object key) {
    return key instanceof String name ? Arrays.binarySearch(keys, from, to, name) : -1;
  }

  /** The name at position {@code i} (in name order): hashing walks the inputs without an iterator. */
  public String keyAt(int i) {
    return keys[from + i];
  }

  /** The value at position {@code i} (in name order). */
  public String valueAt(int i) {
    return values[from + i];
  }

  @Override
  public int size() {
    return to - from;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i >= 0 ? values[i] : null;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    for (int i = from; i < to; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public Comparator<? super String> comparator() {
    return null;
  }

  @Override
  public SortedMap<String, String> subMap(String fromKey, String toKey) {
    if (fromKey.compareTo(toKey) > 0) {
      throw new IllegalArgumentException("fromKey > toKey");
    }
    return new FrozenInputs(keys, values, position(fromKey), Math.max(position(fromKey), position(toKey)));
  }

  @Override
  public SortedMap<String, String> headMap(String toKey) {
    return new FrozenInputs(keys, values, from, position(toKey));
  }

  @Override
  public SortedMap<String, String> tailMap(String fromKey) {
    return new FrozenInputs(keys, values, position(fromKey), to);
  }

  /** The index of the first key not below {@code key}. */
  private int position(String key) {
    int i = Arrays.binarySearch(keys, from, to, Objects.requireNonNull(key, "key"));
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public String firstKey() {
    if (from == to) {
      throw new NoSuchElementException();
    }
    return keys[from];
  }

  @Override
  public String lastKey() {
    if (from == to) {
      throw new NoSuchElementException();
    }
    return keys[to - 1];
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next = from;

          @Override
          public boolean hasNext() {
            return next < to;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= to) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return to - from;
      }
    };
  }
}
