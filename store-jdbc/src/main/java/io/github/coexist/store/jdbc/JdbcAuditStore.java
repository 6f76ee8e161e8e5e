package io.github.coexist.store.jdbc;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.Done;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/**
 * The audit trail in table {@code audit_entry}. The table's constraints refuse a duplicate or
 * out-of-order sequence (see the V1 migration), so the chain cannot fork even between two
 * processes on one database; a refusal is reported as {@link CoexistError.Conflict}.
 */
final class JdbcAuditStore implements AuditStore {
  private static final String COLUMNS = "sequence, at_second, at_nano, actor_kind, actor_name, action, subject,"
      + " policy_version, inputs, outcome, previous_hash, hash";
  private static final String INSERT = "INSERT INTO audit_entry (" + COLUMNS + ", previous_sequence)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LAST = "SELECT " + COLUMNS + " FROM audit_entry ORDER BY sequence DESC LIMIT 1";
  private static final String RANGE = "SELECT " + COLUMNS + " FROM audit_entry WHERE sequence >= ?"
      + " ORDER BY sequence LIMIT ?";

  private final ConnectionPool pool;

  JdbcAuditStore(ConnectionPool pool) {
    this.pool = pool;
  }

  @Override
  public Either<CoexistError, Done> append(AuditEntry entry) {
    return pool.run("appending audit entry " + entry.sequence(), connection -> {
      insert(connection, java.util.List.of(entry));
      return Done.DONE;
    }).mapLeft(error -> forked(error, entry.sequence()));
  }

  /**
   * Inserts {@code entries} in the caller's transaction, in one batched statement; the table's
   * constraints refuse an entry that does not follow the one before it.
   */
  static void insert(Connection connection, java.util.List<AuditEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (AuditEntry entry : entries) {
        bind(insert, entry);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Inserts {@code entries} in the caller's transaction, or answers the {@link CoexistError.Conflict}
   * when they do not follow the last entry kept; the caller then rolls back.
   */
  static Optional<CoexistError> insertUnforked(Connection connection, java.util.List<AuditEntry> entries)
      throws SQLException {
    try {
      insert(connection, entries);
      return Optional.empty();
    } catch (SQLException e) {
      if (!SqlErrors.isConstraint(e)) {
        throw e;
      }
      return Optional.of(forked(SqlErrors.of(e, "appending audit entries"), entries.get(0).sequence()));
    }
  }

  /** {@code error}, said as a fork of the chain when the constraints refused entry {@code sequence}. */
  private static CoexistError forked(CoexistError error, long sequence) {
    return error instanceof CoexistError.Conflict
        ? new CoexistError.Conflict("audit entry " + sequence + " does not follow the last entry kept; the chain"
            + " cannot fork")
        : error;
  }

  private static void bind(PreparedStatement insert, AuditEntry entry) throws SQLException {
    insert.setLong(1, entry.sequence());
    insert.setLong(2, entry.at().getEpochSecond());
    insert.setInt(3, entry.at().getNano());
    insert.setString(4, entry.actor().kind().name());
    insert.setString(5, entry.actor().name());
    insert.setString(6, entry.action());
    insert.setString(7, entry.subject());
    insert.setString(8, entry.policyVersion().orElse(null));
    insert.setString(9, InputsCodec.encode(entry.inputs()));
    insert.setString(10, entry.outcome());
    insert.setString(11, entry.previousHash());
    insert.setString(12, entry.hash());
    if (entry.sequence() == 1) {
      insert.setNull(13, Types.BIGINT);
    } else {
      insert.setLong(13, entry.sequence() - 1);
    }
  }

  @Override
  public Either<CoexistError, Optional<AuditEntry>> last() {
    return pool.run("reading the last audit entry", connection -> {
      try (PreparedStatement select = connection.prepareStatement(LAST); ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(entry(rows)) : Optional.<AuditEntry>empty();
      }
    });
  }

  @Override
  public Either<CoexistError, Seq<AuditEntry>> read(long from, int limit) {
    if (from < 1 || limit < 0) {
      return Either.left(CoexistError.invalid("from must be at least 1 and limit not negative"));
    }
    if (limit == 0) {
      return Either.right(List.empty());
    }
    return pool.run("reading audit entries from " + from, connection -> range(connection, from, limit));
  }

  private static Seq<AuditEntry> range(Connection connection, long from, int limit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(RANGE)) {
      select.setLong(1, from);
      select.setInt(2, limit);
      java.util.List<AuditEntry> entries = new ArrayList<>(Math.min(limit, 1_000));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(entry(rows));
        }
      }
      return List.ofAll(entries);
    }
  }

  private static AuditEntry entry(ResultSet row) throws SQLException {
    long sequence = row.getLong(1);
    return new AuditEntry(
        sequence,
        Instant.ofEpochSecond(row.getLong(2), row.getInt(3)),
        actor(row.getString(4), row.getString(5), sequence),
        row.getString(6),
        row.getString(7),
        Optional.ofNullable(row.getString(8)),
        InputsCodec.decode(row.getString(9)),
        row.getString(10),
        row.getString(11),
        row.getString(12));
  }

  private static Actor actor(String kind, String name, long sequence) throws SQLException {
    try {
      return new Actor(Actor.Kind.valueOf(kind), name);
    } catch (IllegalArgumentException e) {
      throw new java.sql.SQLDataException("audit entry " + sequence + " has an unknown actor '" + kind + "'", e);
    }
  }
}
