package io.github.coexist.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
  private final ManualClock clock = new ManualClock(java.time.Instant.parse("2025-03-04T10:00:00Z"));
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final AuditTrail trail = new AuditTrail(store, clock);

  private AuditEntry record(int i) {
    clock.advance(Duration.ofSeconds(1));
    return trail.record(AuditEvent.byPolicy(Actor.person("alice"), "change.decided", "ch-" + i, "policy-1",
        Map.of("service", "shop", "risk.score", Integer.toString(i)), "approved")).get();
  }

  private List<AuditEntry> recordMany(int n) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      entries.add(record(i));
    }
    return entries;
  }

  private static AuditEntry copy(AuditEntry e, String outcome, Map<String, String> inputs, String hash) {
    return new AuditEntry(e.sequence(), e.at(), e.actor(), e.action(), e.subject(), e.policyVersion(),
        new TreeMap<>(inputs), outcome, e.previousHash(), hash);
  }

  @Nested
  @DisplayName("recording")
  class Recording {
    @Test
    @DisplayName("numbers entries from 1, times them by the clock, and chains each to the one before")
    void chains() {
      List<AuditEntry> entries = recordMany(3);
      assertThat(entries).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L);
      assertThat(entries.get(0).previousHash()).isEqualTo(AuditTrail.GENESIS);
      assertThat(entries.get(1).previousHash()).isEqualTo(entries.get(0).hash());
      assertThat(entries.get(2).previousHash()).isEqualTo(entries.get(1).hash());
      assertThat(entries.get(2).at()).isEqualTo(clock.instant());
      assertThat(entries.get(0).hash()).hasSize(64).matches("[0-9a-f]+");
      assertThat(entries.get(0).policyVersion()).contains("policy-1");
    }

    @Test
    @DisplayName("keeps the chain whole under concurrent writers")
    void concurrent() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Either<CoexistError, AuditEntry>>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          int n = i;
          futures.add(pool.submit(() -> trail.record(AuditEvent.of(Actor.system("t"), "x", "s" + n, Map.of(), "ok"))));
        }
        for (Future<Either<CoexistError, AuditEntry>> f : futures) {
          assertThat(f.get(10, TimeUnit.SECONDS).isRight()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
      AuditVerification verification = trail.verify().get();
      assertThat(verification.intact()).isTrue();
      assertThat(verification.entriesChecked()).isEqualTo(400);
    }

    @Test
    @DisplayName("two trails writing to one store take turns without forking the chain")
    void twoWriters() {
      AuditTrail other = new AuditTrail(store, clock);
      for (int i = 0; i < 10; i++) {
        AuditTrail writer = i % 3 == 0 ? other : trail;
        assertThat(writer.record(AuditEvent.of(Actor.COEXIST, "x", "s" + i, Map.of(), "ok")).get().sequence())
            .isEqualTo(i + 1L);
      }
      assertThat(trail.verify().get()).isEqualTo(new AuditVerification(true, 10, Optional.empty(), Optional.empty()));
    }

    @Test
    @DisplayName("chains after another instance's entries even when that instance wins several races in a row")
    void racingInstance() {
      record(1);
      AuditTrail mine = new AuditTrail(racedBy(new AuditTrail(store, clock), 5), clock);
      AuditEntry entry = mine.record(AuditEvent.of(Actor.COEXIST, "x", "mine", Map.of(), "ok")).get();
      assertThat(entry.sequence()).isEqualTo(7L);
      assertThat(trail.verify().get().intact()).isTrue();
    }

    @Test
    @DisplayName("gives up with a conflict when other writers win every race")
    void endlessRace() {
      AuditTrail mine = new AuditTrail(racedBy(new AuditTrail(store, clock), Integer.MAX_VALUE), clock);
      Either<CoexistError, AuditEntry> recorded = mine.record(AuditEvent.of(Actor.COEXIST, "x", "mine", Map.of(), "ok"));
      assertThat(recorded.getLeft()).isInstanceOf(CoexistError.Conflict.class);
      assertThat(store.last().get().orElseThrow().sequence()).isEqualTo(AuditTrail.MAX_ATTEMPTS);
    }

    /** The store as seen by a trail whose next {@code races} appends {@code other} gets in before. */
    private AuditStore racedBy(AuditTrail other, int races) {
      int[] left = {races};
      return new Observed(() -> {
        if (left[0]-- > 0) {
          other.record(AuditEvent.of(Actor.COEXIST, "x", "other", Map.of(), "ok")).get();
        }
      }, () -> { });
    }

    @Test
    @DisplayName("asks the store for its last entry only when it does not know it")
    void readsLastOnce() {
      int[] lastCalls = {0};
      AuditStore counting = new Observed(() -> { }, () -> lastCalls[0]++);
      AuditTrail t = new AuditTrail(counting, clock);
      for (int i = 0; i < 5; i++) {
        t.record(AuditEvent.of(Actor.COEXIST, "x", "s" + i, Map.of(), "ok")).get();
      }
      assertThat(lastCalls[0]).isEqualTo(1);
    }

    @Test
    @DisplayName("hashes the documented encoding: each field as length:value; in UTF-8, SHA-256 in lower-case hex")
    void documentedEncoding() throws Exception {
      AuditEntry entry = new AuditEntry(12, java.time.Instant.parse("2025-03-04T10:00:00.5Z"), Actor.person("jürgen"),
          "change.decided", "ch-1", Optional.of("p-1"), new TreeMap<>(Map.of("b", "2", "a", "größe")), "approved",
          AuditTrail.GENESIS, "");
      String canonical = "2:12;" + "20:1741082400.500000000;" + "6:PERSON;" + "6:jürgen;" + "14:change.decided;" + "4:ch-1;" + "4:+p-1;" + "1:2;"
          + "1:a;" + "5:größe;" + "1:b;" + "1:2;" + "8:approved;" + "64:" + AuditTrail.GENESIS + ";";
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(String.format("%02x", b));
      }
      assertThat(AuditTrail.hashOf(entry)).isEqualTo(hex.toString());
    }

    @Test
    @DisplayName("refuses an input without a value when the event is made")
    void nullInput() {
      Map<String, String> inputs = new TreeMap<>();
      inputs.put("service", null);
      org.assertj.core.api.Assertions.assertThatNullPointerException()
          .isThrownBy(() -> AuditEvent.of(Actor.COEXIST, "x", "y", inputs, "z"));
    }
  }

  @Nested
  @DisplayName("verifying")
  class Verifying {
    @Test
    @DisplayName("an empty trail and an untouched trail verify")
    void intact() {
      assertThat(trail.verify().get()).isEqualTo(new AuditVerification(true, 0, Optional.empty(), Optional.empty()));
      recordMany(5);
      assertThat(trail.verify().get()).isEqualTo(new AuditVerification(true, 5, Optional.empty(), Optional.empty()));
    }

    @Test
    @DisplayName("finds an entry whose content was changed")
    void changedContent() {
      List<AuditEntry> entries = recordMany(5);
      AuditEntry third = entries.get(2);
      store.tamper(copy(third, "rejected", third.inputs(), third.hash()));
      AuditVerification v = trail.verify().get();
      assertThat(v.intact()).isFalse();
      assertThat(v.firstBroken()).contains(3L);
      assertThat(v.reason()).hasValueSatisfying(r -> assertThat(r).contains("changed after it was written"));
    }

    @Test
    @DisplayName("finds a changed input, even one whose hash was recomputed, at the entry after it")
    void rehashed() {
      List<AuditEntry> entries = recordMany(5);
      AuditEntry second = entries.get(1);
      AuditEntry forged = copy(second, second.outcome(), Map.of("service", "shop", "risk.score", "1"), "");
      store.tamper(copy(forged, forged.outcome(), forged.inputs(), AuditTrail.hashOf(forged)));
      AuditVerification v = trail.verify().get();
      assertThat(v.firstBroken()).contains(3L);
      assertThat(v.reason()).hasValueSatisfying(r -> assertThat(r).contains("does not point at the entry before"));
    }

    @Test
    @DisplayName("finds an entry moved to another place")
    void reordered() {
      List<AuditEntry> entries = recordMany(4);
      AuditEntry fourth = entries.get(3);
      store.tamper(new AuditEntry(2, fourth.at(), fourth.actor(), fourth.action(), fourth.subject(),
          fourth.policyVersion(), fourth.inputs(), fourth.outcome(), fourth.previousHash(), fourth.hash()));
      assertThat(trail.verify().get().firstBroken()).contains(2L);
    }

    @Test
    @DisplayName("tells an empty policy version from none")
    void policyVersionPresence() {
      AuditEntry first = trail.record(AuditEvent.of(Actor.COEXIST, "change.transitioned", "ch-1", Map.of(),
          "NEW -> ASSESS")).get();
      assertThat(first.policyVersion()).isEmpty();
      store.tamper(new AuditEntry(1, first.at(), first.actor(), first.action(), first.subject(), Optional.of(""),
          first.inputs(), first.outcome(), first.previousHash(), first.hash()));
      assertThat(trail.verify().get().intact()).isFalse();
    }

    @Test
    @DisplayName("walks a trail longer than one page, and finds tampering on a later page")
    void pages() {
      List<AuditEntry> entries = recordMany(2_300);
      assertThat(trail.verify().get().entriesChecked()).isEqualTo(2_300);
      AuditEntry late = entries.get(2_199);
      store.tamper(copy(late, "forged", late.inputs(), late.hash()));
      assertThat(trail.verify().get().firstBroken()).contains(2_200L);
    }

    @Test
    @DisplayName("walks a store that answers with shorter pages than asked, to the end")
    void shortPages() {
      List<AuditEntry> entries = recordMany(30);
      AuditStore stingy = new AuditStore() {
        @Override
        public Either<CoexistError, Done> append(AuditEntry entry) {
          return store.append(entry);
        }

        @Override
        public Either<CoexistError, Optional<AuditEntry>> last() {
          return store.last();
        }

        @Override
        public Either<CoexistError, Seq<AuditEntry>> read(long from, int limit) {
          return store.read(from, Math.min(limit, 7));
        }
      };
      AuditEntry late = entries.get(25);
      store.tamper(copy(late, "forged", late.inputs(), late.hash()));
      AuditVerification v = new AuditTrail(stingy, clock).verify().get();
      assertThat(v.firstBroken()).contains(26L);
    }

    @Test
    @DisplayName("passes on an error reading the store")
    void storeError() {
      AuditStore broken = new AuditStore() {
        @Override
        public Either<CoexistError, Done> append(AuditEntry entry) {
          return Either.left(new CoexistError.Unavailable("down"));
        }

        @Override
        public Either<CoexistError, Optional<AuditEntry>> last() {
          return Either.right(Optional.empty());
        }

        @Override
        public Either<CoexistError, Seq<AuditEntry>> read(long from, int limit) {
          return Either.left(new CoexistError.Unavailable("down"));
        }
      };
      AuditTrail t = new AuditTrail(broken, clock);
      assertThat(t.verify().getLeft()).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(t.record(AuditEvent.of(Actor.COEXIST, "x", "y", Map.of(), "z")).getLeft())
          .isInstanceOf(CoexistError.Unavailable.class);
    }
  }

  @Nested
  @DisplayName("the in-memory store")
  class Store {
    @Test
    @DisplayName("refuses an entry that does not follow the last one, so the chain cannot fork")
    void noFork() {
      AuditEntry first = recordMany(1).get(0);
      assertThat(store.append(first).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    }

    @Test
    @DisplayName("reads ranges and refuses a bad range")
    void ranges() {
      recordMany(5);
      assertThat(store.read(2, 2).get()).extracting(AuditEntry::sequence).containsExactly(2L, 3L);
      assertThat(store.read(5, 10).get()).extracting(AuditEntry::sequence).containsExactly(5L);
      assertThat(store.read(9, 10).get()).isEmpty();
      assertThat(store.read(0, 1).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    }
  }

  /** The shared in-memory store, running {@code beforeAppend} and {@code onLast} before those calls. */
  private final class Observed implements AuditStore {
    private final Runnable beforeAppend;
    private final Runnable onLast;

    Observed(Runnable beforeAppend, Runnable onLast) {
      this.beforeAppend = beforeAppend;
      this.onLast = onLast;
    }

    @Override
    public Either<CoexistError, Done> append(AuditEntry entry) {
      beforeAppend.run();
      return store.append(entry);
    }

    @Override
    public Either<CoexistError, Optional<AuditEntry>> last() {
      onLast.run();
      return store.last();
    }

    @Override
    public Either<CoexistError, Seq<AuditEntry>> read(long from, int limit) {
      return store.read(from, limit);
    }
  }
}
