package io.github.coexist.core.kpi;

import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.ChangeType;
import static io.github.coexist.core.kpi.Facts.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.incident.Verdict;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random event sequences, with ids drawn from small pools so that facts replace each other, times
 * on whole hours so that ties happen, and windows cutting days in two: after every event, the
 * incremental engine must give exactly what a from-scratch computation of the definitions gives.
 */
class KpiEngineProperties {
  private static final List<String> SERVICES = List.of("a", "b", "c");
  private static final Map<ServiceId, TeamId> TEAMS = Map.of(
      ServiceId.of("a"), TeamId.of("t1"), ServiceId.of("b"), TeamId.of("t1"), ServiceId.of("c"), TeamId.of("t2"));

  private static Gen<Integer> between(int lo, int hi) {
    return Generate.range(lo, hi);
  }

  private static <T> Gen<Optional<T>> maybe(Gen<T> gen) {
    return rs -> between(0, 2).generate(rs) == 0 ? Optional.empty() : Optional.of(gen.generate(rs));
  }

  private static Gen<String> pick(String prefix, int count) {
    return between(0, count - 1).map(i -> prefix + i);
  }

  private static Gen<Instant> hour(int lo, int hi) {
    return between(lo, hi).map(Facts::h);
  }

  private static final Gen<Commit> COMMIT = rs -> new Commit(pick("s", 6).generate(rs), hour(-30, 72).generate(rs));

  private static final Gen<Object> DEPLOYMENT = rs -> {
    Deployment.Status status = Generate.pick(List.of(Deployment.Status.SUCCESS, Deployment.Status.SUCCESS,
        Deployment.Status.FAILURE, Deployment.Status.IN_PROGRESS)).generate(rs);
    Instant finished = hour(0, 72).generate(rs);
    DeploymentId id = DeploymentId.of(pick("d", 6).generate(rs));
    return new Deployment(
        id,
        ServiceId.of(Generate.pick(SERVICES).generate(rs)),
        Generate.pick(List.of("production", "PROD", "Production", "staging")).generate(rs),
        status,
        finished.minus(Duration.ofMinutes(10)),
        status == Deployment.Status.IN_PROGRESS ? Optional.empty() : Optional.of(finished),
        lists().of(COMMIT).ofSizeBetween(0, 3).generate(rs),
        Optional.empty(),
        maybe(pick("i", 5)).generate(rs).map(IncidentId::of),
        Optional.empty(),
        Optional.empty(),
        maybe(pick("d", 6)).generate(rs).map(DeploymentId::of).filter(undone -> !undone.equals(id)));
  };

  private static final Gen<Object> INCIDENT = rs -> {
    Instant opened = hour(0, 72).generate(rs);
    Optional<Integer> ack = maybe(between(0, 5)).generate(rs);
    Optional<Integer> resolved = maybe(between(0, 30)).generate(rs);
    int sla = between(0, 2).generate(rs);
    Optional<String> causedBy = maybe(pick("d", 7)).generate(rs);
    return IncidentFact.builder()
        .id(pick("i", 5).generate(rs))
        .service(Generate.pick(SERVICES).generate(rs))
        .priority(between(1, 5).generate(rs))
        .openedAt(opened)
        .acknowledgedAt(ack.map(hours -> opened.plus(Duration.ofHours(hours))).orElse(null))
        .resolvedAt(resolved.map(hours -> opened.plus(Duration.ofHours(hours))).orElse(null))
        .causedBy(causedBy.orElse(null))
        .reopenCount(between(0, 2).generate(rs))
        .withinSla(sla == 0 ? null : sla == 1)
        .verdict(causedBy.isPresent() ? Verdict.CAUSED_BY_CHANGE : Generate.pick(
            List.of(Verdict.UNKNOWN, Verdict.UNKNOWN, Verdict.NOT_CHANGE_RELATED, Verdict.CAUSED_BY_CHANGE)).generate(rs))
        .build().get();
  };

  private static final Gen<Object> CHANGE = rs -> {
    Instant created = hour(0, 72).generate(rs);
    Optional<Integer> closed = maybe(between(0, 20)).generate(rs);
    return ChangeFact.builder()
        .id(pick("c", 4).generate(rs))
        .service(Generate.pick(SERVICES).generate(rs))
        .type(Generate.enumValues(ChangeType.class).generate(rs))
        .createdAt(created)
        .closedAt(closed.map(hours -> created.plus(Duration.ofHours(hours))).orElse(null))
        .closeCode(closed.isPresent() ? Generate.enumValues(CloseCode.class).generate(rs) : null)
        .autoApproved(Generate.booleans().generate(rs))
        .build().get();
  };

  // Half the answers are on incident tickets (ids shared with INCIDENT's), which place them.
  private static final Gen<Object> FEEDBACK = rs -> new FeedbackFact(
      (Generate.booleans().generate(rs) ? pick("t", 4) : pick("i", 5)).generate(rs), between(1, 5).generate(rs), hour(0, 72).generate(rs),
      maybe(Generate.pick(SERVICES)).generate(rs).map(ServiceId::of));

  private static final Gen<Object> EVENT = Generate.frequency(List.of(
      org.quicktheories.api.Pair.of(4, DEPLOYMENT),
      org.quicktheories.api.Pair.of(3, INCIDENT),
      org.quicktheories.api.Pair.of(1, CHANGE),
      org.quicktheories.api.Pair.of(1, FEEDBACK)));

  private static final Gen<TimeWindow> WINDOW = rs -> {
    int a = between(-4, 80).generate(rs);
    int b = between(-4, 80).generate(rs);
    return new TimeWindow(h(Math.min(a, b)), h(Math.max(a, b)));
  };

  private static final List<KpiScope> SCOPES = List.of(
      KpiScope.organisation(), KpiScope.service(ServiceId.of("a")), KpiScope.team(TeamId.of("t1")));

  @Test
  @DisplayName("after every event, every scope and window equals a from-scratch computation")
  void incrementalEqualsFromScratch() {
    qt().withExamples(200).forAll(lists().of(EVENT).ofSizeBetween(1, 40), WINDOW)
        .checkAssert((events, window) -> {
          KpiEngine engine = KpiEngine.builder().teams(TEAMS).build();
          ReferenceKpis reference = new ReferenceKpis(TEAMS);
          for (Object event : events) {
            add(engine, event);
            reference.add(event);
            for (KpiScope scope : SCOPES) {
              KpiQuery query = KpiQuery.of(window, scope);
              KpiReport report = engine.query(query);
              assertSame(report, reference.query(query), "after " + event + " for " + scope);
              // the failures listed with why are exactly the ones the rate counts
              assertThat(engine.failures(query)).as("failures after " + event + " for " + scope)
                  .hasSize((int) report.dora().changeFailureRate().failed())
                  .allSatisfy(f -> assertThat(f.why()).isNotEmpty());
            }
          }
          KpiQuery whole = KpiQuery.organisation(new TimeWindow(h(-50), h(200)));
          assertSame(engine.query(whole), reference.query(whole), "over everything");
        });
  }

  @Test
  @DisplayName("the order events arrive in does not matter once every id has its last version")
  void arrivalOrderDoesNotMatter() {
    qt().withExamples(100).forAll(lists().of(EVENT).ofSizeBetween(1, 40), WINDOW)
        .checkAssert((events, window) -> {
          KpiEngine forward = KpiEngine.create();
          events.forEach(event -> add(forward, event));
          // the same last versions, reversed: the set of final facts is unchanged
          java.util.Map<String, Object> byKey = new java.util.LinkedHashMap<>();
          events.forEach(event -> {
            byKey.remove(key(event));
            byKey.put(key(event), event);
          });
          List<Object> lastVersions = new ArrayList<>(byKey.values());
          java.util.Collections.reverse(lastVersions);
          KpiEngine backward = KpiEngine.create();
          lastVersions.forEach(event -> add(backward, event));
          KpiQuery query = KpiQuery.organisation(window);
          assertSame(backward.query(query), forward.query(query), "reversed");
        });
  }

  @Test
  @DisplayName("an engine restored from the latest fact of each id, read back in any order, answers as the one that heard them")
  void restoredEngineAnswersTheSame() {
    qt().withExamples(200).forAll(lists().of(EVENT).ofSizeBetween(1, 40), WINDOW, longs().all())
        .checkAssert((events, window, seed) -> {
          List<Object> heard = asHeard(events);
          KpiEngine live = KpiEngine.builder().teams(TEAMS).build();
          heard.forEach(event -> add(live, event));
          Map<String, Object> stored = new java.util.LinkedHashMap<>();
          heard.forEach(event -> stored.put(storedKey(event), event));
          List<Object> readBack = new ArrayList<>(stored.values());
          java.util.Collections.shuffle(readBack, new java.util.Random(seed));

          KpiEngine restored = KpiEngine.builder().teams(TEAMS).build();
          restored.restore(only(readBack, Deployment.class), only(readBack, ChangeFact.class),
              only(readBack, IncidentFact.class), only(readBack, FeedbackFact.class));

          for (KpiScope scope : SCOPES) {
            KpiQuery query = KpiQuery.of(window, scope);
            assertSame(restored.query(query), live.query(query), "restored, for " + scope);
            assertSame(restored.weekly(query), live.weekly(query), "restored, weekly, for " + scope);
          }
          KpiQuery whole = KpiQuery.organisation(new TimeWindow(h(-50), h(200)));
          assertSame(restored.query(whole), live.query(whole), "restored, over everything");
        });
  }

  /**
   * The events as core's fact listener hears them: finished deployments only, and a ticket's
   * answers in the order they were given.
   */
  private static List<Object> asHeard(List<Object> events) {
    Map<String, Instant> lastAnswer = new java.util.HashMap<>();
    return events.stream().filter(event -> !(event instanceof Deployment d) || d.finishedAt().isPresent())
        .filter(event -> !(event instanceof FeedbackFact f)
            || !f.at().isBefore(lastAnswer.merge(f.ticket(), f.at(), (a, b) -> b.isBefore(a) ? a : b)))
        .toList();
  }

  /** The key a store keeps a fact under (a satisfaction answer by ticket and time, as StoredRecord does). */
  private static String storedKey(Object event) {
    return event instanceof FeedbackFact f ? "f:" + f.ticket() + "@" + f.at() : key(event);
  }

  private static <T> List<T> only(List<Object> facts, Class<T> type) {
    return facts.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static String key(Object event) {
    if (event instanceof Deployment) {
      return "d:" + ((Deployment) event).id();
    }
    if (event instanceof IncidentFact) {
      return "i:" + ((IncidentFact) event).id();
    }
    if (event instanceof ChangeFact) {
      return "c:" + ((ChangeFact) event).id();
    }
    return "f:" + ((FeedbackFact) event).ticket();
  }

  static void add(KpiEngine engine, Object event) {
    if (event instanceof Deployment) {
      engine.add((Deployment) event);
    } else if (event instanceof IncidentFact) {
      engine.add((IncidentFact) event);
    } else if (event instanceof ChangeFact) {
      engine.add((ChangeFact) event);
    } else {
      engine.add((FeedbackFact) event);
    }
  }

  /** Compares two reports field by field, doubles to a relative 1e-12. */
  static void assertSame(Object actual, Object expected, String path) {
    if (actual instanceof Record) {
      for (RecordComponent component : actual.getClass().getRecordComponents()) {
        try {
          assertSame(component.getAccessor().invoke(actual), component.getAccessor().invoke(expected),
              path + "." + component.getName());
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    } else if (actual instanceof OptionalDouble && ((OptionalDouble) actual).isPresent()
        && ((OptionalDouble) expected).isPresent()) {
      double a = ((OptionalDouble) actual).getAsDouble();
      double e = ((OptionalDouble) expected).getAsDouble();
      assertThat(a).as(path).isCloseTo(e, org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, Math.abs(e))));
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
