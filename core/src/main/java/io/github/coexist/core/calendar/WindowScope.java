package io.github.coexist.core.calendar;

import io.github.coexist.core.service.ServiceId;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** Which services a calendar window applies to: all of them, or a named set. */
public sealed interface WindowScope {

  /** Whether the window applies to {@code service}. */
  boolean appliesTo(ServiceId service);

  /** Every service. */
  static WindowScope global() {
    return Global.INSTANCE;
  }

  /** Only the given services (at least one). */
  static WindowScope services(ServiceId... services) {
    return new Services(new TreeSet<>(List.of(services)));
  }

  /** Only the given services (at least one). */
  static WindowScope services(Collection<ServiceId> services) {
    return new Services(new TreeSet<>(services));
  }

  /** The scope of a window that applies to every service. */
  enum Global implements WindowScope {
    /** The one global scope. */
    INSTANCE;

    @Override
    public boolean appliesTo(ServiceId service) {
      return true;
    }

    @Override
    public String toString() {
      return "global";
    }
  }

  /**
   * The scope of a window that applies to some services only.
   *
   * @param services the services, sorted; never empty
   */
  record Services(SortedSet<ServiceId> services) implements WindowScope {
    public Services {
      Objects.requireNonNull(services, "services");
      services = Collections.unmodifiableSortedSet(new TreeSet<>(services));
      if (services.isEmpty()) {
        throw new IllegalArgumentException("a service scope needs at least one service; use global() for all");
      }
    }

    @Override
    public boolean appliesTo(ServiceId service) {
      return services.contains(service);
    }

    @Override
    public String toString() {
      return "services " + services;
    }
  }
}
