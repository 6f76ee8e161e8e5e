package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.NumberBlock;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import io.github.coexist.core.store.StoredState;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

/**
 * The schema's history: every released version, and an upgrade from each earlier one (and from
 * an empty database) to the latest. A new migration {@code V<n>__...sql} adds its version to
 * {@link #RELEASED} and an {@link Upgrade} from {@code n-1} whose fixture writes the rows of that
 * older schema in plain SQL (today's store code may no longer write them).
 */
class MigrationsTest {
  /** Every schema version released, oldest first; never remove one. */
  static final List<String> RELEASED = List.of("1", "2", "3");

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:30:00Z"), ZoneOffset.UTC);

  static String latest() {
    return RELEASED.get(RELEASED.size() - 1);
  }

  /** Where an upgrade starts ({@code null}: an empty database), what it writes there, what it then checks. */
  private record Upgrade(String from, Fixture write, Fixture check) {}

  @FunctionalInterface
  private interface Fixture {
    void on(TestDatabase database, JdbcStore store) throws SQLException;
  }

  /** An audit entry as version 1 kept it, chained by a real trail. */
  private static final AuditEntry V1_ENTRY = new AuditTrail(new InMemoryAuditStore(), CLOCK)
      .record(AuditEvent.byPolicy(Actor.person("alice"), "change.decided", "ch-1", "policy-1",
          Map.of("risk", "12", "größe", "a;b:c"), "approved")).get();

  /** One upgrade per earlier schema, and one from empty. */
  private static final List<Upgrade> UPGRADES = List.of(
      new Upgrade(null, (database, store) -> { }, (database, store) -> {
        assertThat(store.auditStore().last().get()).isEmpty();
        assertThat(database.column("SELECT id FROM delivery_id")).isEmpty();
        assertThat(store.stateStore(Clock.systemUTC()).load(0).get()).isEqualTo(StoredState.empty());
      }),
      new Upgrade("1", MigrationsTest::writeVersion1, MigrationsTest::checkVersion1Kept),
      new Upgrade("2", MigrationsTest::writeVersion2, MigrationsTest::checkVersion2Kept));

  /** A service record, as version 2 kept it. */
  private static final StoredRecord V2_SERVICE = new StoredRecord.OfService(Service.of("shop", "web"));

  private static void writeVersion2(TestDatabase database, JdbcStore store) throws SQLException {
    writeVersion1(database, store);
    database.update("UPDATE revision_counter SET last_revision = 2 WHERE id = 1");
    database.update("INSERT INTO record (record_kind, record_key, revision, json) VALUES (?, ?, ?, ?)",
        V2_SERVICE.kind(), V2_SERVICE.key(), 1, StateCodec.get().encode(V2_SERVICE).get());
    String signal = StateCodec.get().encode(V2_SIGNAL).get();
    database.update("INSERT INTO inbox (delivery_key, signal, received_second, received_nano, done_revision)"
        + " VALUES ('github:done', ?, 1, 0, 2)", signal);
    database.update("INSERT INTO inbox (delivery_key, signal, received_second, received_nano)"
        + " VALUES ('github:waiting', ?, 2, 5)", signal);
  }

  /** A signal, as version 2 kept it in the inbox. */
  private static final io.github.coexist.core.signal.Signal V2_SIGNAL = new io.github.coexist.core.signal.Signal
      .ApprovalGiven(new io.github.coexist.core.kernel.ExternalKey("servicenow", "change_request", "CHG0040001"),
      Actor.person("cab"), "approved");

  private static void checkVersion2Kept(TestDatabase database, JdbcStore store) throws SQLException {
    checkVersion1Audit(store);
    StateStore state = store.stateStore(Clock.systemUTC());
    assertThat(state.load(0).get()).isEqualTo(new StoredState(List.of(V2_SERVICE), 2));
    assertThat(state.inbox().pending(10).get()).singleElement().satisfies(entry -> {
      assertThat(entry.deliveryKey()).isEqualTo("github:waiting");
      assertThat(entry.signal()).isEqualTo(V2_SIGNAL);
      assertThat(entry.receivedAt()).isEqualTo(Instant.ofEpochSecond(2, 5));
    });
    assertThat(state.inbox().deadLetters().get()).isZero();
    assertThat(state.inbox().record("github:done", V2_SIGNAL, Instant.EPOCH).get())
        .isInstanceOf(io.github.coexist.core.store.Inbox.Receipt.Duplicate.class);
  }

  private static void writeVersion1(TestDatabase database, JdbcStore store) throws SQLException {
    AuditEntry e = V1_ENTRY;
    database.update("INSERT INTO audit_entry (sequence, previous_sequence, at_second, at_nano, actor_kind, actor_name,"
        + " action, subject, policy_version, inputs, outcome, previous_hash, hash)"
        + " VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.sequence(), e.at().getEpochSecond(), e.at().getNano(),
        e.actor().kind().name(), e.actor().name(), e.action(), e.subject(), e.policyVersion().orElseThrow(),
        "4:risk2:125:größe5:a;b:c", e.outcome(), e.previousHash(), e.hash());
    database.update("INSERT INTO delivery_id (id, seen_at_ms) VALUES (?, ?)", "d-1", CLOCK.millis());
  }

  private static void checkVersion1Audit(JdbcStore store) {
    assertThat(store.auditStore().read(1, 10).get()).containsExactly(V1_ENTRY);
    assertThat(new AuditTrail(store.auditStore(), CLOCK).verify().get().intact()).isTrue();
    assertThat(store.deliveryIds(CLOCK).claim("d-1").get()).isFalse();
  }

  private static void checkVersion1Kept(TestDatabase database, JdbcStore store) throws SQLException {
    checkVersion1Audit(store);
    StateStore state = store.stateStore(Clock.systemUTC());
    assertThat(state.load(0).get()).isEqualTo(StoredState.empty());
    assertThat(state.reserve("change", 5).get()).isEqualTo(new NumberBlock(1, 5));
    assertThat(state.lease().current().get()).isEmpty();
    assertThat(state.inbox().backlog().get()).isZero();
    StoredRecord service = new StoredRecord.OfService(Service.of("shop", "web"));
    assertThat(state.commit(Batch.of(List.of(service))).get()).isEqualTo(1);
    assertThat(state.load(0).get().records()).containsExactly(service);
  }

  @OnBothDatabases
  @DisplayName("an empty database is migrated through every released version to the latest")
  void fromEmpty(TestDatabase database) throws SQLException {
    assertThat(database.open().schemaVersion()).isEqualTo(latest());
    assertThat(database.column("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"))
        .containsExactlyElementsOf(RELEASED);
  }

  @OnBothDatabases
  @DisplayName("every earlier schema, and an empty database, is upgraded to the latest with its data kept")
  void fromEveryEarlierSchema(TestDatabase database) throws SQLException {
    assertThat(UPGRADES).extracting(Upgrade::from)
        .as("an upgrade starts from each released version but the latest, and from empty")
        .containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of((String) null),
            RELEASED.subList(0, RELEASED.size() - 1).stream()).toList());
    for (Upgrade upgrade : UPGRADES) {
      try (TestDatabase fresh = database.dialect() == Dialect.SQLITE ? TestDatabase.sqlite() : TestDatabase.postgres()) {
        if (upgrade.from() != null) {
          JdbcStore old = fresh.openAt(upgrade.from());
          assertThat(old.schemaVersion()).isEqualTo(upgrade.from());
          upgrade.write().on(fresh, old);
          old.close();
        }
        JdbcStore upgraded = fresh.open();
        assertThat(upgraded.schemaVersion()).isEqualTo(latest());
        upgrade.check().on(fresh, upgraded);
      }
    }
  }

  @OnBothDatabases
  @DisplayName("re-opening a database at the latest schema runs no migration again and keeps its data")
  void reopen(TestDatabase database) throws SQLException {
    JdbcStore first = database.open();
    new AuditTrail(first.auditStore(), CLOCK).record(AuditEvent.of(Actor.COEXIST, "store.opened", "it",
        Map.of(), "ok")).get();
    assertThat(first.deliveryIds(CLOCK).claim("d-1").get()).isTrue();
    List<String> history = database.column("SELECT installed_rank || ' ' || installed_on FROM flyway_schema_history");
    first.close();

    JdbcStore again = database.open();
    assertThat(again.schemaVersion()).isEqualTo(latest());
    assertThat(database.column("SELECT installed_rank || ' ' || installed_on FROM flyway_schema_history"))
        .isEqualTo(history);
    assertThat(again.auditStore().last().get()).isPresent();
    assertThat(again.deliveryIds(CLOCK).claim("d-1").get()).isFalse();
  }
}
