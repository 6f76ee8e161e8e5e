package io.github.coexist.core.internal.records;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Not API. The record that holds each key while it is live, for example the open problem of a
 * signature, or the incident an alert's correlation key last touched. A record that stops being
 * live gives up its key, unless another record holds it by then.
 *
 * @param <K> the key
 * @param <I> the record id
 * @param <R> the record type
 */
public final class KeyIndex<K, I, R> implements Index<R> {
  private final Function<R, Optional<K>> keyOf;
  private final Function<R, I> idOf;
  private final Predicate<R> live;
  private final Map<K, I> holders = new HashMap<>();

  /** An index of live records by {@code keyOf}; records without a key are not indexed. */
  public KeyIndex(Function<R, Optional<K>> keyOf, Function<R, I> idOf, Predicate<R> live) {
    this.keyOf = keyOf;
    this.idOf = idOf;
    this.live = live;
  }

  @Override
  public void put(Optional<R> before, R after) {
    keyOf.apply(after).ifPresent(key -> {
      if (live.test(after)) {
        holders.put(key, idOf.apply(after));
      } else {
        holders.remove(key, idOf.apply(after));
      }
    });
  }

  /** The id of the record holding {@code key}, if one does. */
  public Optional<I> holder(K key) {
    return Optional.ofNullable(holders.get(key));
  }
}
