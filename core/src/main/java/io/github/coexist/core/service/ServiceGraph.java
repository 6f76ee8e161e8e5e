package io.github.coexist.core.service;

import io.vavr.collection.Seq;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The dependency graph of a set of services: who depends on whom, and who would be hurt if a
 * service failed (its blast radius). Immutable; traversals are safe on cycles, which real CMDBs
 * contain.
 */
public final class ServiceGraph {
  private final Map<ServiceId, Service> services;
  private final Map<ServiceId, Set<ServiceId>> usedBy;

  private ServiceGraph(Map<ServiceId, Service> services, Map<ServiceId, Set<ServiceId>> usedBy) {
    this.services = services;
    this.usedBy = usedBy;
  }

  /** The graph of {@code services}; dependencies on unknown services are kept as leaves. */
  public static ServiceGraph of(Iterable<Service> services) {
    Map<ServiceId, Service> byId = new HashMap<>();
    Map<ServiceId, Set<ServiceId>> usedBy = new HashMap<>();
    for (Service service : services) {
      byId.put(service.id(), service);
      for (ServiceId dependency : service.dependsOn()) {
        usedBy.computeIfAbsent(dependency, k -> new HashSet<>()).add(service.id());
      }
    }
    return new ServiceGraph(Map.copyOf(byId), freeze(usedBy));
  }

  /** As {@link #of(Iterable)}, for a vavr sequence. */
  public static ServiceGraph of(Seq<Service> services) {
    return of((Iterable<Service>) services);
  }

  private static Map<ServiceId, Set<ServiceId>> freeze(Map<ServiceId, Set<ServiceId>> map) {
    Map<ServiceId, Set<ServiceId>> copy = new HashMap<>();
    map.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    return Map.copyOf(copy);
  }

  /** The service with this id, if the graph holds it. */
  public java.util.Optional<Service> service(ServiceId id) {
    return java.util.Optional.ofNullable(services.get(id));
  }

  /** The services {@code id} depends on directly. */
  public Set<ServiceId> dependenciesOf(ServiceId id) {
    Service service = services.get(id);
    return service == null ? Set.of() : service.dependsOn();
  }

  /** The services that depend on {@code id} directly. */
  public Set<ServiceId> dependentsOf(ServiceId id) {
    return usedBy.getOrDefault(id, Set.of());
  }

  /**
   * The blast radius of {@code id}: every service that depends on it directly or transitively,
   * sorted, never including {@code id} itself even when a cycle leads back to it.
   */
  public SortedSet<ServiceId> blastRadius(ServiceId id) {
    return reach(id, this::dependentsOf);
  }

  /** Every service {@code id} depends on directly or transitively, sorted, without {@code id}. */
  public SortedSet<ServiceId> transitiveDependencies(ServiceId id) {
    return reach(id, this::dependenciesOf);
  }

  private static SortedSet<ServiceId> reach(
      ServiceId start, java.util.function.Function<ServiceId, Set<ServiceId>> next) {
    SortedSet<ServiceId> seen = new TreeSet<>();
    Deque<ServiceId> todo = new ArrayDeque<>(next.apply(start));
    while (!todo.isEmpty()) {
      ServiceId current = todo.pop();
      if (!current.equals(start) && seen.add(current)) {
        todo.addAll(next.apply(current));
      }
    }
    return Collections.unmodifiableSortedSet(seen);
  }
}
