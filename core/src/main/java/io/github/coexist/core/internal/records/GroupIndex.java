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
 * incidents of each service, or the open problems of each signature: the gate asks on every
 * decision, so no scan of all records. Membership depends on each record alone, never on the order
 * the records were written in, so a book restored from its records has the same groups.
 *
 * @param <G> the group, such as a service
 * @param <I> the record id
 * @param <R> the record type
 */
public final class GroupIndex<G, I, R> implements Index<R> {
  private final Function<R, Optional<G>> groupOf;
  private final Function<R, I> idOf;
  private final Predicate<R> live;
  private final Map<G, Set<I>> members = new HashMap<>();

  /** An index of live records by {@code groupOf}. */
  public GroupIndex(Function<R, G> groupOf, Function<R, I> idOf, Predicate<R> live) {
    this(idOf, live, r -> Optional.of(groupOf.apply(r)));
  }

  private GroupIndex(Function<R, I> idOf, Predicate<R> live, Function<R, Optional<G>> groupOf) {
    this.groupOf = groupOf;
    this.idOf = idOf;
    this.live = live;
  }

  /** An index of live records by {@code groupOf}; records without a group are not indexed. */
  public static <G, I, R> GroupIndex<G, I, R> ofSome(Function<R, Optional<G>> groupOf, Function<R, I> idOf,
      Predicate<R> live) {
    return new GroupIndex<>(idOf, live, groupOf);
  }

  @Override
  public void put(Optional<R> before, R after) {
    before.flatMap(groupOf).map(members::get).ifPresent(group -> group.remove(idOf.apply(before.get())));
    if (live.test(after)) {
      groupOf.apply(after).ifPresent(g -> members.computeIfAbsent(g, k -> new HashSet<>()).add(idOf.apply(after)));
    }
  }

  /** The ids of the live records of {@code group}, in no order. */
  public Set<I> members(G group) {
    return Set.copyOf(members.getOrDefault(group, Set.of()));
  }
}
