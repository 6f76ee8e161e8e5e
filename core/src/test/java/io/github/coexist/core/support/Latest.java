package io.github.coexist.core.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A keeper for tests, holding what a store would: the latest record handed over for each key.
 * Thread-safe.
 *
 * @param <K> the key
 * @param <X> the record
 */
public final class Latest<K, X> implements Consumer<X> {
  private final Function<X, K> keyOf;
  private final Map<K, X> latest = new LinkedHashMap<>();
  private int handed;

  /** A keeper keying records by {@code keyOf}. */
  public Latest(Function<X, K> keyOf) {
    this.keyOf = keyOf;
  }

  @Override
  public synchronized void accept(X record) {
    latest.put(keyOf.apply(record), record);
    handed++;
  }

  /** Takes note of records restored: a store holds them already. */
  public synchronized Latest<K, X> holding(List<X> records) {
    records.forEach(r -> latest.put(keyOf.apply(r), r));
    return this;
  }

  /** The latest record of each key. */
  public synchronized Map<K, X> byKey() {
    return Map.copyOf(latest);
  }

  /** The latest record of each key, in an order drawn from {@code seed}, as a store may read them back. */
  public synchronized List<X> shuffled(long seed) {
    List<X> records = new ArrayList<>(latest.values());
    Collections.shuffle(records, new Random(seed));
    return records;
  }

  /** How many records were handed over in all. */
  public synchronized int handed() {
    return handed;
  }
}
