package io.github.coexist.core.internal.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Not API. Every record in id order, so a page of records after a given id is read without
 * copying or sorting them all: a reader walks from the id on and stops once the page is full.
 *
 * @param <I> the record id
 * @param <R> the record type
 */
public final class SortedIndex<I, R> implements Index<R> {
  private final Function<R, I> idOf;
  private final NavigableMap<I, R> records;

  /** An index of records by {@code idOf}, in the order of {@code order}. */
  public SortedIndex(Function<R, I> idOf, Comparator<? super I> order) {
    this.idOf = idOf;
    this.records = new TreeMap<>(order);
  }

  @Override
  public void put(Optional<R> before, R after) {
    before.map(idOf).filter(id -> !id.equals(idOf.apply(after))).ifPresent(records::remove);
    records.put(idOf.apply(after), after);
  }

  /**
   * At most {@code limit} records matching {@code filter}, in id order, from the first id after
   * {@code after} (from the first record when empty).
   */
  public List<R> page(Optional<I> after, Predicate<? super R> filter, int limit) {
    NavigableMap<I, R> rest = after.map(id -> records.tailMap(id, false)).orElse(records);
    List<R> page = new ArrayList<>(Math.min(limit, 256));
    for (R record : rest.values()) {
      if (page.size() >= limit) {
        break;
      }
      if (filter.test(record)) {
        page.add(record);
      }
    }
    return page;
  }
}
