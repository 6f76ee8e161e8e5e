package io.github.coexist.store.jdbc;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox in table {@code inbox}. Recording is one insert that does nothing on a delivery key
 * kept before: the unique key makes exactly one of several concurrent callers (threads or
 * instances) keep the signal, the others are answered {@link Receipt.Duplicate}. Signals are kept
 * as JSON ({@link StateCodec}); an entry that cannot be read back is set aside as a dead letter
 * (column {@code dead_reason}, schema V3), logged once, and the entries behind it go on.
 */
final class JdbcInbox implements Inbox {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcInbox.class);
  private static final String RECORD = "INSERT INTO inbox (delivery_key, signal, received_second, received_nano)"
      + " VALUES (?, ?, ?, ?) ON CONFLICT (delivery_key) DO NOTHING RETURNING sequence";
  private static final String PENDING = "SELECT sequence, delivery_key, signal, received_second, received_nano"
      + " FROM inbox WHERE done_revision IS NULL AND dead_reason IS NULL AND sequence > ? ORDER BY sequence LIMIT ?";
  private static final String BACKLOG = "SELECT count(*) FROM inbox WHERE done_revision IS NULL AND dead_reason IS NULL";
  private static final String DEAD = "SELECT count(*) FROM inbox WHERE dead_reason IS NOT NULL";
  private static final String SET_ASIDE = "UPDATE inbox SET dead_reason = ? WHERE sequence = ?"
      + " AND done_revision IS NULL AND dead_reason IS NULL";
  private static final String DONE = "UPDATE inbox SET done_revision = ? WHERE sequence = ? AND done_revision IS NULL"
      + " AND dead_reason IS NULL";

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
    java.util.List<InboxEntry> entries = new ArrayList<>();
    long after = Long.MIN_VALUE;
    while (entries.size() < limit) {
      int wanted = limit - entries.size();
      long from = after;
      Either<CoexistError, java.util.List<Row>> read = pool.run("reading the pending inbox entries",
          connection -> rows(connection, from, wanted));
      if (read.isLeft()) {
        return Either.left(read.getLeft());
      }
      Either<CoexistError, Boolean> setAside = decodeOrSetAside(read.get(), entries);
      if (setAside.isLeft()) {
        return Either.left(setAside.getLeft());
      }
      // Read again only when rows were set aside in a full page: more may wait behind them.
      if (read.get().size() < wanted || !setAside.get()) {
        break;
      }
      after = read.get().get(read.get().size() - 1).sequence();
    }
    return Either.right(List.ofAll(entries));
  }

  /** Adds the rows that decode to {@code entries}, sets the others aside; answers whether any was. */
  private Either<CoexistError, Boolean> decodeOrSetAside(java.util.List<Row> rows, java.util.List<InboxEntry> entries) {
    boolean any = false;
    for (Row row : rows) {
      Either<CoexistError, InboxEntry> entry = entry(row);
      if (entry.isRight()) {
        entries.add(entry.get());
        continue;
      }
      String reason = "its signal cannot be read: " + entry.getLeft().message();
      Either<CoexistError, Done> marked = setAside(row.sequence(), reason);
      if (marked.isLeft()) {
        return Either.left(marked.getLeft());
      }
      LOG.error("inbox entry {} ({}) set aside as a dead letter: {}", row.sequence(),
          Shapes.quote(row.deliveryKey()), reason);
      any = true;
    }
    return Either.right(any);
  }

  /** At most {@code limit} pending rows with a sequence above {@code after}. */
  private static java.util.List<Row> rows(Connection connection, long after, int limit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(PENDING)) {
      select.setLong(1, after);
      select.setInt(2, limit);
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
  public Either<CoexistError, Done> setAside(long sequence, String reason) {
    Objects.requireNonNull(reason, "reason");
    return pool.run("setting inbox entry " + sequence + " aside", connection -> {
      try (PreparedStatement update = connection.prepareStatement(SET_ASIDE)) {
        update.setString(1, Inbox.reason(reason));
        update.setLong(2, sequence);
        update.executeUpdate();
        return Done.DONE;
      }
    });
  }

  @Override
  public Either<CoexistError, Long> deadLetters() {
    return count("counting the dead letters in the inbox", DEAD);
  }

  @Override
  public Either<CoexistError, Long> backlog() {
    return count("counting the pending inbox entries", BACKLOG);
  }

  private Either<CoexistError, Long> count(String doing, String sql) {
    return pool.run(doing, connection -> {
      try (PreparedStatement count = connection.prepareStatement(sql); ResultSet rows = count.executeQuery()) {
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
