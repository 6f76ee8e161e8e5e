package io.github.coexist.core.kpi;

import java.util.ArrayList;

/**
 * Facts keyed by id whose points depend on nothing but themselves (changes, satisfaction answers):
 * replacing a fact removes the old one's points and adds the new one's. Not thread-safe.
 *
 * @param <F> the fact type
 */
final class FactBook<F> {
  /** Adds ({@code add}) or removes a fact's points. */
  interface PointsOf<F> {
    void apply(F fact, int service, boolean add);
  }

  private final KeyTable keys = new KeyTable();
  private final ArrayList<F> facts = new ArrayList<>();
  private final IntList services = new IntList();
  private final PointsOf<F> pointsOf;

  FactBook(PointsOf<F> pointsOf) {
    this.pointsOf = pointsOf;
  }

  void upsert(String key, F fact, int service) {
    int i = keys.intern(key);
    if (i == facts.size()) {
      facts.add(fact);
      services.add(service);
    } else {
      pointsOf.apply(facts.get(i), services.get(i), false);
      facts.set(i, fact);
      services.set(i, service);
    }
    pointsOf.apply(fact, service, true);
  }
}
