package io.github.coexist.store.jdbc;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.InboxEntry;
import io.github.coexist.core.store.StoreLimits;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The inbox in table {@code inbox}. Recording is one insert that does nothing on a delivery key
 * kept before: the unique key makes exactly one of several concurrent callers (threads or
 * instances) keep the signal, the others are answered {@link Receipt.Duplicate}. Signals are kept
 * as JSON ({@link StateCodec}); an entry that cannot be read back is reported, never skipped.
 */
final class JdbcInbox implements Inbox {
  private static final String RECORD = "INSERT INTO inbox (delivery_key, signal, received_second, received_nano)"
      + " VALUES (?, ?, ?, ?) ON CONFLICT (delivery_key) DO NOTHING RETURNING sequence";
  private static final String PENDING = "SELECT sequence, delivery_key, signal, received_second, received_nano"
      + " FROM inbox WHERE done_revision IS NULL ORDER BY sequence LIMIT ?";
  private static final String BACKLOG = "SELECT count(*) FROM inbox WHERE done_revision IS NULL";
  private static final String DONE = "UPDATE inbox SET done_revision = ? WHERE sequence = ? AND done_revision IS NULL";

  private final ConnectionPool pool;
  private final StateCodec codec;

  /** A row as read, its signal not decoded yet. */
  private record Row(long sequence, String deliveryKey, String signal, Instant receivedAt) {}

  JdbcInbox(ConnectionPool pool, StateCodec codec) {
    this.pool = pool;
    this.codec = codec;
  }

  @Override
  public Either<CoexistError, Receipt> record(String deliveryKey, Signal signal, Instant receivedAt) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Optional<CoexistError> refused = StoreLimits.deliveryKey(deliveryKey);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    return codec.encode(signal).flatMap(json -> pool.run("keeping delivery " + deliveryKey + " in the inbox",
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, deliveryKey);
            insert.setString(2, json);
            insert.setLong(3, receivedAt.getEpochSecond());
            insert.setInt(4, receivedAt.getNano());
            try (ResultSet kept = insert.executeQuery()) {
              return kept.next()
                  ? new Receipt.Recorded(new InboxEntry(kept.getLong(1), deliveryKey, signal, receivedAt))
                  : new Receipt.Duplicate(deliveryKey);
            }
          }
        }));
  }

  @Override
  public Either<CoexistError, Seq<InboxEntry>> pending(int limit) {
    Optional<CoexistError> refused = StoreLimits.pending(limit);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    if (limit == 0) {
      return Either.right(List.empty());
    }
    return pool.run("reading the pending inbox entries", connection -> rows(connection, limit))
        .flatMap(rows -> Either.sequenceRight(List.ofAll(rows).map(this::entry)));
  }

  private static java.util.List<Row> rows(Connection connection, int limit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(PENDING)) {
      select.setInt(1, limit);
      java.util.List<Row> rows = new ArrayList<>();
      try (ResultSet found = select.executeQuery()) {
        while (found.next()) {
          rows.add(new Row(found.getLong(1), found.getString(2), found.getString(3),
              Instant.ofEpochSecond(found.getLong(4), found.getInt(5))));
        }
      }
      return rows;
    }
  }

  private Either<CoexistError, InboxEntry> entry(Row row) {
    return codec.decodeSignal("inbox entry " + row.sequence() + " (" + Shapes.quote(row.deliveryKey()) + ")",
        row.signal()).map(signal -> new InboxEntry(row.sequence(), row.deliveryKey(), signal, row.receivedAt()));
  }

  @Override
  public Either<CoexistError, Long> backlog() {
    return pool.run("counting the pending inbox entries", connection -> {
      try (PreparedStatement count = connection.prepareStatement(BACKLOG); ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  /**
   * Marks {@code sequences} done at {@code revision}, in the caller's transaction; unknown or done
   * ones stay as they are.
   */
  static void markDone(Connection connection, Collection<Long> sequences, long revision) throws SQLException {
    if (sequences.isEmpty()) {
      return;
    }
    try (PreparedStatement done = connection.prepareStatement(DONE)) {
      for (long sequence : sequences) {
        done.setLong(1, revision);
        done.setLong(2, sequence);
        done.addBatch();
      }
      done.executeBatch();
    }
  }
}
