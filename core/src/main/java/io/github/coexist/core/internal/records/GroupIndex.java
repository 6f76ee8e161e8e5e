package io.github.coexist.core.internal.records;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Not API. The ids of the records in each group while they are live, for example the open
 * incidents of each service: the gate asks on every decision, so no scan of all records.
 *
 * @param <G> the group, such as a service
 * @param <I> the record id
 * @param <R> the record type
 */
public final class GroupIndex<G, I, R> implements Index<R> {
  private final Function<R, G> groupOf;
  private final Function<R, I> idOf;
  private final Predicate<R> live;
  private final Map<G, Set<I>> members = new HashMap<>();

  /** An index of live records by {@code groupOf}. */
  public GroupIndex(Function<R, G> groupOf, Function<R, I> idOf, Predicate<R> live) {
    this.groupOf = groupOf;
    this.idOf = idOf;
    this.live = live;
  }

  @Override
  public void put(Optional<R> before, R after) {
    before.ifPresent(b -> members.getOrDefault(groupOf.apply(b), Set.of()).remove(idOf.apply(b)));
    if (live.test(after)) {
      members.computeIfAbsent(groupOf.apply(after), g -> new HashSet<>()).add(idOf.apply(after));
    }
  }

  /** The ids of the live records of {@code group}, in no order. */
  public Set<I> members(G group) {
    return Set.copyOf(members.getOrDefault(group, Set.of()));
  }
}
