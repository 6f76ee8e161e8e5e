package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.InboxEntry;
import io.github.coexist.core.store.LeaseGrant;
import io.github.coexist.core.store.NumberBlock;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import io.github.coexist.core.store.StoredState;
import io.vavr.control.Either;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;

/** The state store on each database: what survives a restart, and how unreadable data is reported. */
class JdbcStateStoreTest {
  private static final Scenario SCENARIO = Scenario.run();

  private static <T> T ok(Either<CoexistError, T> result) {
    return result.getOrElseThrow(e -> new AssertionError(e.message()));
  }

  @OnBothDatabases
  @DisplayName("every record of a real scenario is loaded after a restart as last committed, each kind and key once")
  void recordsSurviveRestart(TestDatabase database) {
    // An incident's fact comes twice, its later state replacing the earlier one.
    List<StoredRecord> records = new ArrayList<>(SCENARIO.records());
    StoredRecord fact = records.stream().filter(StoredRecord.OfIncidentFact.class::isInstance).findFirst()
        .orElseThrow();
    records.add(0, fact);
    Map<String, StoredRecord> latest = new LinkedHashMap<>();
    records.forEach(record -> latest.put(record.kind() + " " + record.key(), record));
    assertThat(latest).hasSizeLessThan(records.size());
    StateStore before = database.open().stateStore(Clock.systemUTC());
    long revision = ok(before.commit(Batch.of(records)));
    before.close();

    StoredState loaded = ok(database.open().stateStore(Clock.systemUTC()).load(0));
    assertThat(loaded.revision()).isEqualTo(revision);
    assertThat(loaded.records()).containsExactlyInAnyOrderElementsOf(latest.values());
  }

  @OnBothDatabases
  @DisplayName("every signal of a real scenario is pending after a restart exactly as it was kept")
  void signalsSurviveRestart(TestDatabase database) {
    StateStore before = database.open().stateStore(Clock.systemUTC());
    List<InboxEntry> kept = new ArrayList<>();
    for (int i = 0; i < SCENARIO.signals.size(); i++) {
      Signal signal = SCENARIO.signals.get(i);
      Inbox.Receipt receipt = ok(before.inbox().record("test:" + i, signal, Scenario.T0.plusNanos(i)));
      kept.add(((Inbox.Receipt.Recorded) receipt).entry());
    }
    before.close();

    assertThat(ok(database.open().stateStore(Clock.systemUTC()).inbox().pending(100))).containsExactlyElementsOf(kept);
  }

  @OnBothDatabases
  @DisplayName("after a restart, numbers go on after the last block and the lease keeps its token")
  void numbersAndLeaseSurviveRestart(TestDatabase database) {
    StateStore before = database.open().stateStore(Clock.systemUTC());
    ok(before.reserve("change", 100));
    LeaseGrant grant = ok(before.lease().acquire("node-a", Duration.ofHours(1))).orElseThrow();
    before.close();

    StateStore after = database.open().stateStore(Clock.systemUTC());
    assertThat(ok(after.reserve("change", 10))).isEqualTo(new NumberBlock(101, 10));
    assertThat(ok(after.lease().current())).contains(grant);
    assertThat(ok(after.commit(new Batch(SCENARIO.records().subList(0, 1), List.of(),
        Optional.of(grant))))).isPositive();
  }

  @OnBothDatabases
  @DisplayName("a record that cannot be read fails the load with an error naming its kind and key")
  void unreadableRecord(TestDatabase database) throws SQLException {
    StateStore store = database.open().stateStore(Clock.systemUTC());
    ok(store.commit(Batch.of(SCENARIO.records())));
    StoredRecord victim = SCENARIO.records().get(2);
    database.update("UPDATE record SET json = ? WHERE record_kind = ? AND record_key = ?",
        "{\"OfGate\":{\"record\":{}}}", victim.kind(), victim.key());

    CoexistError error = store.load(0).getLeft();
    assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(error.message())
        .contains("the stored " + victim.kind() + " record '" + victim.key() + "' cannot be read")
        .contains("at OfGate.record.change: missing");
  }

  @OnBothDatabases
  @DisplayName("an inbox entry that cannot be read is set aside as a dead letter, and the entries behind it go on")
  void unreadableSignal(TestDatabase database) throws SQLException {
    StateStore store = database.open().stateStore(Clock.systemUTC());
    List<InboxEntry> kept = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Inbox.Receipt receipt = ok(store.inbox().record("github:d-" + i, SCENARIO.signals.get(i), Scenario.T0));
      kept.add(((Inbox.Receipt.Recorded) receipt).entry());
    }
    // One written by a newer version, one corrupted: both ahead of the readable ones.
    database.update("UPDATE inbox SET signal = ? WHERE delivery_key = ?", "{\"Gone\":{}}", "github:d-0");
    database.update("UPDATE inbox SET signal = ? WHERE delivery_key = ?", "{\"Alert", "github:d-2");

    assertThat(ok(store.inbox().pending(2))).as("a full page though two were set aside")
        .containsExactly(kept.get(1), kept.get(3));
    assertThat(ok(store.inbox().deadLetters())).isEqualTo(2);
    assertThat(ok(store.inbox().backlog())).isEqualTo(2);
    assertThat(database.column("SELECT dead_reason FROM inbox WHERE delivery_key = 'github:d-0'"))
        .singleElement().asString().contains("its signal cannot be read").contains("'Gone' is no case of Signal");
    assertThat(ok(store.inbox().record("github:d-2", SCENARIO.signals.get(2), Scenario.T0)))
        .as("a dead letter's delivery is still a duplicate").isInstanceOf(Inbox.Receipt.Duplicate.class);
    assertThat(ok(database.open().stateStore(Clock.systemUTC()).inbox().deadLetters()))
        .as("after a restart").isEqualTo(2);
  }

  @OnBothDatabases
  @DisplayName("names where it is, without a password, and answers Unavailable once closed")
  void closed(TestDatabase database) {
    JdbcStore jdbc = database.open();
    StateStore store = jdbc.stateStore(Clock.systemUTC());
    assertThat(store.location()).startsWith(database.dialect() == Dialect.SQLITE ? "embedded file /" : "PostgreSQL at ")
        .doesNotContain("jdbc:", "password");
    store.close();
    assertThat(store.load(0).getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    assertThat(jdbc.auditStore().last().getLeft()).isInstanceOf(CoexistError.Unavailable.class);
  }
}
