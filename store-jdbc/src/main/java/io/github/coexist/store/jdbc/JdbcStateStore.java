package io.github.coexist.store.jdbc;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.Lease;
import io.github.coexist.core.store.NumberBlock;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoreLimits;
import io.github.coexist.core.store.StoredRecord;
import io.github.coexist.core.store.StoredState;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state store in tables {@code record}, {@code revision_counter}, {@code number_sequence},
 * {@code inbox} and {@code lease} (schema V2, dead letters V3), and {@code audit_entry} (V1). A
 * commit is one transaction: it checks the fence with the lease row locked, appends the audit
 * entries (whose constraints refuse a fork), takes the next revision from the counter row (locked
 * until the commit, so revisions are handed out in commit order across instances and a reader that
 * saw revision n has seen every commit up to n), upserts the records, deletes those it names and
 * marks the inbox entries done, in batched statements. Records are JSON ({@link StateCodec}),
 * encoded before the transaction begins; keys are kept as {@link KeyColumn}s. A number block is
 * one upsert of its sequence's row.
 */
final class JdbcStateStore implements StateStore {
  /** How many unreadable records a load names before it counts the rest. */
  private static final int NAMED_PROBLEMS = 20;
  private static final String LAST_REVISION = "SELECT last_revision FROM revision_counter WHERE id = 1";
  private static final String NEXT_REVISION = "UPDATE revision_counter SET last_revision = last_revision + 1"
      + " WHERE id = 1 RETURNING last_revision";
  private static final String CHANGED = "SELECT record_kind, record_key, revision, json FROM record"
      + " WHERE revision > ? ORDER BY revision";
  private static final String UPSERT = "INSERT INTO record (record_kind, record_key, revision, json)"
      + " VALUES (?, ?, ?, ?) ON CONFLICT (record_kind, record_key)"
      + " DO UPDATE SET revision = excluded.revision, json = excluded.json";
  private static final String DELETE = "DELETE FROM record WHERE record_kind = ? AND record_key = ?";
  private static final String RESERVE = "INSERT INTO number_sequence (name, next_number) VALUES (?, ?)"
      + " ON CONFLICT (name) DO UPDATE SET next_number = number_sequence.next_number + ? RETURNING next_number";

  private final ConnectionPool pool;
  private final String location;
  private final StateCodec codec;
  private final JdbcInbox inbox;
  private final JdbcLease lease;
  private final JdbcAuditStore audit;
  private final Runnable closing;

  /** A record read from its row, not decoded yet. */
  private record Row(String kind, String key, long revision, String json) {}

  /** A record encoded for its row. */
  private record Encoded(String kind, String key, String json) {}

  JdbcStateStore(ConnectionPool pool, Dialect dialect, String location, Clock clock, JdbcAuditStore audit,
      Runnable closing) {
    this.pool = pool;
    this.audit = audit;
    this.location = location;
    this.codec = StateCodec.get();
    this.inbox = new JdbcInbox(pool, codec);
    this.lease = new JdbcLease(pool, dialect, clock);
    this.closing = closing;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public Either<CoexistError, StoredState> load(long since) {
    Optional<CoexistError> refused = StoreLimits.load(since);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    return pool.run("loading the records written after revision " + since, connection -> {
      // The counter first: every revision up to it is committed, so the rows read next hold them all.
      long last = lastRevision(connection);
      return rows(connection, since, last);
    }).flatMap(this::decode);
  }

  private static Loaded rows(Connection connection, long since, long last) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(CHANGED)) {
      select.setLong(1, since);
      java.util.List<Row> rows = new ArrayList<>();
      long revision = last;
      try (ResultSet found = select.executeQuery()) {
        while (found.next()) {
          Row row = new Row(found.getString(1), KeyColumn.unescape(found.getString(2)), found.getLong(3),
              found.getString(4));
          rows.add(row);
          revision = Math.max(revision, row.revision());
        }
      }
      return new Loaded(rows, revision);
    }
  }

  /** The rows a load read, and the revision they are complete up to. */
  private record Loaded(java.util.List<Row> rows, long revision) {}

  private Either<CoexistError, StoredState> decode(Loaded loaded) {
    java.util.List<Row> rows = new ArrayList<>(loaded.rows());
    rows.sort(Comparator.comparingLong(Row::revision).thenComparing(Row::kind).thenComparing(Row::key));
    java.util.List<StoredRecord> records = new ArrayList<>(rows.size());
    java.util.List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      codec.decodeRecord(row.kind(), row.key(), row.json()).fold(error -> problems.addAll(reasons(error)),
          records::add);
    }
    if (!problems.isEmpty()) {
      List<String> named = List.ofAll(problems).take(NAMED_PROBLEMS);
      return Either.left(new CoexistError.InvalidInput(problems.size() > NAMED_PROBLEMS
          ? named.append((problems.size() - NAMED_PROBLEMS) + " more records cannot be read") : named));
    }
    return Either.right(new StoredState(records, loaded.revision()));
  }

  private static java.util.List<String> reasons(CoexistError error) {
    return error instanceof CoexistError.InvalidInput invalid ? invalid.problems().asJava()
        : java.util.List.of(error.message());
  }

  @Override
  public Either<CoexistError, Long> commit(Batch batch) {
    java.util.List<Encoded> encoded = new ArrayList<>();
    for (StoredRecord record : latest(batch)) {
      Either<CoexistError, String> json = codec.encode(record);
      if (json.isLeft()) {
        return Either.left(json.getLeft());
      }
      encoded.add(new Encoded(record.kind(), record.key(), json.get()));
    }
    String doing = "committing " + encoded.size() + " records, " + batch.deleted().size() + " deletions, "
        + batch.audit().size() + " audit entries and " + batch.inboxDone().size() + " inbox entries done";
    return pool.run(doing, connection -> write(connection, batch, encoded)).flatMap(written -> written);
  }

  /** The batch's records, the last of each kind and key only. */
  private static java.util.Collection<StoredRecord> latest(Batch batch) {
    Map<String, StoredRecord> latest = new LinkedHashMap<>();
    batch.records().forEach(record -> latest.put(record.kind() + "\n" + record.key(), record));
    return latest.values();
  }

  private Either<CoexistError, Long> write(Connection connection, Batch batch, java.util.List<Encoded> records)
      throws SQLException {
    connection.setAutoCommit(false);
    if (batch.fence().isPresent() && !lease.isCurrent(connection, batch.fence().get())) {
      return Either.left(new CoexistError.Conflict("the batch is fenced by lease token " + batch.fence().get().token()
          + " of " + batch.fence().get().holder() + ", which is no longer current; nothing was written"));
    }
    if (batch.isEmpty()) {
      long last = lastRevision(connection);
      connection.commit();
      return Either.right(last);
    }
    Optional<CoexistError> forked = JdbcAuditStore.insertUnforked(connection, batch.audit());
    if (forked.isPresent()) {
      return Either.left(forked.get()); // the pool rolls the transaction back
    }
    long revision = nextRevision(connection);
    upsert(connection, records, revision);
    delete(connection, batch.deleted());
    JdbcInbox.markDone(connection, batch.inboxDone(), revision);
    connection.commit();
    return Either.right(revision);
  }

  private static long lastRevision(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(LAST_REVISION);
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static long nextRevision(Connection connection) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(NEXT_REVISION);
        ResultSet rows = update.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void upsert(Connection connection, java.util.List<Encoded> records, long revision)
      throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      for (Encoded record : records) {
        upsert.setString(1, record.kind());
        upsert.setString(2, KeyColumn.escape(record.key()));
        upsert.setLong(3, revision);
        upsert.setString(4, record.json());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static void delete(Connection connection, java.util.List<StoredRecord.Ref> refs) throws SQLException {
    if (refs.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
      for (StoredRecord.Ref ref : refs) {
        delete.setString(1, ref.kind());
        delete.setString(2, KeyColumn.escape(ref.key()));
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  @Override
  public Either<CoexistError, NumberBlock> reserve(String sequence, int count) {
    Optional<CoexistError> refused = StoreLimits.reserve(sequence, count);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    return pool.run("reserving " + count + " numbers of sequence " + sequence, connection -> {
      try (PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
        reserve.setString(1, sequence);
        reserve.setLong(2, 1L + count);
        reserve.setLong(3, count);
        try (ResultSet next = reserve.executeQuery()) {
          next.next();
          return new NumberBlock(next.getLong(1) - count, count);
        }
      }
    });
  }

  @Override
  public Inbox inbox() {
    return inbox;
  }

  /** The audit trail in table {@code audit_entry}, shared with the {@link JdbcStore} this store came from. */
  @Override
  public AuditStore audit() {
    return audit;
  }

  @Override
  public Lease lease() {
    return lease;
  }

  /** Closes the {@link JdbcStore} this store came from: its connections serve its audit store too. */
  @Override
  public void close() {
    closing.run();
  }

  @Override
  public String toString() {
    return "JdbcStateStore[" + location + "]";
  }
}
