package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;

class JdbcStoreTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:30:00.000001Z"), ZoneOffset.UTC);

  private static AuditEntry record(AuditTrail trail, String subject) {
    return trail.record(event(subject)).getOrElseThrow(e -> new AssertionError(e.message()));
  }

  private static AuditEvent event(String subject) {
    return AuditEvent.byPolicy(Actor.COEXIST, "change.decided", subject, "policy-7", Map.of("risk", "12"), "approved");
  }

  /** As a caller beside another instance does: a Conflict means the other wrote first, so try again. */
  private static AuditEntry recordBesideAnother(AuditTrail trail, String subject) {
    Either<CoexistError, AuditEntry> recorded = trail.record(event(subject));
    for (int tries = 1; tries < 100 && recorded.isLeft() && recorded.getLeft() instanceof CoexistError.Conflict; tries++) {
      recorded = trail.record(event(subject));
    }
    return recorded.getOrElseThrow(e -> new AssertionError(e.message()));
  }

  @OnBothDatabases
  @DisplayName("names its database and schema version, and never its password")
  void describesItself(TestDatabase database) {
    JdbcStore store = database.open();
    assertThat(store.schemaVersion()).isEqualTo(MigrationsTest.latest());
    assertThat(store.kind()).isEqualTo(database.dialect().label());
    assertThat(store.toString()).contains(store.kind(), "schema version " + store.schemaVersion());
    String password = database.credentials().password();
    if (password != null) {
      assertThat(store.toString()).doesNotContain(password);
      assertThat(database.credentials().toString()).doesNotContain(password);
    }
  }

  @OnBothDatabases
  @DisplayName("after a restart the audit trail continues its chain and verifies end to end")
  void trailSurvivesRestart(TestDatabase database) {
    JdbcStore before = database.open();
    AuditTrail first = new AuditTrail(before.auditStore(), CLOCK);
    AuditEntry lastBefore = record(first, "ch-1");
    record(first, "ch-2");
    before.close();

    AuditTrail second = new AuditTrail(database.open().auditStore(), CLOCK);
    AuditEntry next = record(second, "ch-3");
    assertThat(next.sequence()).isEqualTo(3);
    assertThat(second.read(2, 1).get().get(0).hash()).isEqualTo(next.previousHash());
    assertThat(second.read(1, 1).get()).containsExactly(lastBefore);
    assertThat(second.verify().get().intact()).isTrue();
    assertThat(second.verify().get().entriesChecked()).isEqualTo(3);
  }

  @OnBothDatabases
  @DisplayName("two instances on one database never fork the chain: the loser of a race is refused and retries")
  void twoInstancesOneChain(TestDatabase database) throws Exception {
    AuditTrail one = new AuditTrail(database.open().auditStore(), CLOCK);
    AuditTrail other = new AuditTrail(database.open().auditStore(), CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      java.util.List<Future<AuditEntry>> written = new java.util.ArrayList<>();
      for (int i = 0; i < 60; i++) {
        AuditTrail trail = i % 2 == 0 ? one : other;
        String subject = "ch-" + i;
        written.add(pool.submit(() -> recordBesideAnother(trail, subject)));
      }
      for (Future<AuditEntry> entry : written) {
        entry.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(one.verify().get().intact()).isTrue();
    assertThat(other.verify().get().entriesChecked()).isEqualTo(60);
  }

  @OnBothDatabases
  @DisplayName("a closed store answers Unavailable")
  void closed(TestDatabase database) {
    JdbcStore store = database.open();
    store.close();
    assertThat(store.auditStore().last().getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    assertThat(store.deliveryIds(CLOCK).claim("d-1").getLeft()).isInstanceOf(CoexistError.Unavailable.class);
  }
}
