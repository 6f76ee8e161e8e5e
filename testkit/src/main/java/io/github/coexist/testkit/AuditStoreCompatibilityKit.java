package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditStore} implementation promises, as tests: extend it and implement
 * {@link #store()} to return an empty store. Entries are written through a real {@link
 * AuditTrail}, so a store that changes anything it keeps (a time's precision, the order of the
 * inputs, an empty policy version) fails verification.
 */
@DisplayNameGeneration(ImplementerNames.class)
public abstract class AuditStoreCompatibilityKit {
  private static final Instant START = Instant.parse("2025-03-04T10:00:00.123Z");

  private AuditStore store;
  private AuditTrail trail;

  /** An empty store; called once before each test. */
  protected abstract AuditStore store();

  @BeforeEach
  void createStore() {
    store = store();
    trail = new AuditTrail(store, Clock.fixed(START, ZoneOffset.UTC));
  }

  private AuditEntry record(int i) {
    return trail.record(AuditEvent.byPolicy(Actor.person("alice"), "change.decided", "ch-" + i, "policy-" + i,
        Map.of("service", "shop", "risk.factors", "blast-radius +8: 2 dependents; größe +3", "z", ""),
        "approved")).getOrElseThrow(e -> new AssertionError(e.message()));
  }

  private List<AuditEntry> recordMany(int n) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      entries.add(record(i));
    }
    return entries;
  }

  @Nested
  class AnEmptyStore {
    @Test
    @DisplayName("has no last entry and reads nothing")
    void empty() {
      assertThat(store.last().get()).isEmpty();
      assertThat(store.read(1, 10).get()).isEmpty();
    }

    @Test
    @DisplayName("refuses a first entry that is not number 1")
    void firstIsOne() {
      AuditEntry second = new AuditEntry(2, START, Actor.COEXIST, "x", "y", Optional.empty(), new TreeMap<>(), "z",
          AuditTrail.GENESIS, AuditTrail.GENESIS);
      assertThat(store.append(second).getLeft()).isInstanceOf(CoexistError.Conflict.class);
      assertThat(store.last().get()).isEmpty();
    }
  }

  @Nested
  class Appending {
    @Test
    @DisplayName("keeps every field of an entry exactly")
    void keepsFields() {
      AuditEntry written = record(1);
      AuditEntry policyless = trail.record(AuditEvent.of(Actor.system("github"), "change.transitioned", "ch-1",
          Map.of(), "NEW -> ASSESS")).get();
      assertThat(store.read(1, 2).get()).containsExactly(written, policyless);
      assertThat(store.last().get()).contains(policyless);
    }

    @Test
    @DisplayName("refuses an entry whose number does not follow the last, so the chain cannot fork")
    void noFork() {
      List<AuditEntry> entries = recordMany(2);
      assertThat(store.append(entries.get(1)).getLeft()).isInstanceOf(CoexistError.Conflict.class);
      AuditEntry skipping = new AuditEntry(5, entries.get(1).at(), Actor.COEXIST, "x", "y",
          Optional.empty(), new TreeMap<>(), "z", entries.get(1).hash(), entries.get(1).hash());
      assertThat(store.append(skipping).getLeft()).isInstanceOf(CoexistError.Conflict.class);
      assertThat(store.last().get().orElseThrow().sequence()).isEqualTo(2);
    }

    @Test
    @DisplayName("through a trail from several threads keeps one unbroken chain")
    void concurrent() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Either<CoexistError, AuditEntry>>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          int n = i;
          futures.add(pool.submit(() -> trail.record(AuditEvent.of(Actor.COEXIST, "x", "s" + n, Map.of(), "ok"))));
        }
        for (Future<Either<CoexistError, AuditEntry>> f : futures) {
          assertThat(f.get(30, TimeUnit.SECONDS).isRight()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(trail.verify().get().intact()).isTrue();
      assertThat(trail.verify().get().entriesChecked()).isEqualTo(40);
    }
  }

  @Nested
  class Reading {
    @Test
    @DisplayName("reads a range in order, at most the limit")
    void range() {
      recordMany(6);
      assertThat(store.read(2, 3).get()).extracting(AuditEntry::sequence).containsExactly(2L, 3L, 4L);
    }

    @Test
    @DisplayName("reads what is left at the end, and nothing past it or with a limit of 0")
    void end() {
      recordMany(3);
      assertThat(store.read(3, 10).get()).extracting(AuditEntry::sequence).containsExactly(3L);
      assertThat(store.read(4, 10).get()).isEmpty();
      assertThat(store.read(1, 0).get()).isEmpty();
    }

    @Test
    @DisplayName("refuses a range starting before 1 or with a negative limit")
    void badRange() {
      assertThat(store.read(0, 1).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.read(1, -1).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    }

    @Test
    @DisplayName("what it gives back verifies as written")
    void verifies() {
      recordMany(25);
      assertThat(trail.verify().get().intact()).isTrue();
      assertThat(trail.verify().get().entriesChecked()).isEqualTo(25);
    }
  }
}
