package io.github.coexist.core.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * Every point series, for the organisation and for each service. A point added for a service is
 * added to the organisation too, so an organisation query reads one set of series. Not thread-safe.
 */
final class Points {
  /** The series of one scope, created as points arrive. */
  static final class Scope {
    private final Series[] series = new Series[Measure.values().length];

    Series get(Measure measure) {
      Series s = series[measure.ordinal()];
      if (s == null) {
        s = new Series();
        series[measure.ordinal()] = s;
      }
      return s;
    }

    /** The series, or null when no point ever arrived (queries skip it). */
    Series peek(Measure measure) {
      return series[measure.ordinal()];
    }
  }

  private final Scope organisation = new Scope();
  private final ArrayList<Scope> services = new ArrayList<>();

  /** Adds a point to the organisation and, when {@code service} is not negative, to that service. */
  void add(Measure measure, int service, long time, long value) {
    organisation.get(measure).add(time, value);
    if (service >= 0) {
      service(service).get(measure).add(time, value);
    }
  }

  /** Removes a point added by {@link #add}. */
  void remove(Measure measure, int service, long time, long value) {
    organisation.get(measure).remove(time, value);
    if (service >= 0) {
      service(service).get(measure).remove(time, value);
    }
  }

  /** Adds the point when {@code add}, else removes it. */
  void apply(boolean add, Measure measure, int service, long time, long value) {
    if (add) {
      add(measure, service, time, value);
    } else {
      remove(measure, service, time, value);
    }
  }

  Scope organisation() {
    return organisation;
  }

  /** The series of the services with these indexes (unknown indexes are skipped). */
  List<Scope> services(int... indexes) {
    List<Scope> scopes = new ArrayList<>(indexes.length);
    for (int index : indexes) {
      if (index >= 0 && index < services.size()) {
        scopes.add(services.get(index));
      }
    }
    return scopes;
  }

  private Scope service(int index) {
    while (services.size() <= index) {
      services.add(new Scope());
    }
    return services.get(index);
  }
}
