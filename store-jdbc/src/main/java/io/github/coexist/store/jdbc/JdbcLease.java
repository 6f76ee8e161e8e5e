package io.github.coexist.store.jdbc;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.store.Lease;
import io.github.coexist.core.store.LeaseGrant;
import io.github.coexist.core.store.StoreLimits;
import io.vavr.control.Either;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The lease in its one-row table {@code lease}. Every change reads the row locked, decides and
 * writes it in one transaction, so two instances asking at once are served one after the other.
 * Expiry is judged by the database server's clock on PostgreSQL ({@code clock_timestamp()} once
 * the row is locked), so instances whose clocks disagree still agree on who holds the lease; by
 * the store's {@link Clock} on SQLite, which one process uses.
 */
final class JdbcLease implements Lease {
  private static final String READ = "SELECT holder, token, expires_at_ms FROM lease WHERE id = 1";
  private static final String WRITE = "UPDATE lease SET holder = ?, token = ?, expires_at_ms = ? WHERE id = 1";
  private static final String DATABASE_NOW = "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

  private final ConnectionPool pool;
  private final Dialect dialect;
  private final Clock clock;

  /** The row as read: the holder is absent while the lease was never taken. */
  private record Row(Optional<String> holder, long token, long expiresAtMs) {
    Optional<LeaseGrant> grant() {
      return holder.map(h -> new LeaseGrant(h, token, Instant.ofEpochMilli(expiresAtMs)));
    }

    boolean grants(LeaseGrant grant) {
      return holder.filter(grant.holder()::equals).isPresent() && token == grant.token();
    }
  }

  JdbcLease(ConnectionPool pool, Dialect dialect, Clock clock) {
    this.pool = pool;
    this.dialect = dialect;
    this.clock = clock;
  }

  @Override
  public Either<CoexistError, Optional<LeaseGrant>> acquire(String holder, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    Optional<CoexistError> refused = StoreLimits.acquire(holder, ttl);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    long ttlMillis = Math.max(1, ttl.toMillis());
    return pool.run("acquiring the lease for " + holder, connection -> {
      connection.setAutoCommit(false);
      Row row = read(connection, dialect.forUpdate());
      long now = now(connection);
      boolean live = row.holder().isPresent() && now < row.expiresAtMs();
      if (live && !row.holder().get().equals(holder)) {
        connection.commit();
        return Optional.empty();
      }
      Row next = new Row(Optional.of(holder), live ? row.token() : row.token() + 1, saturatedAdd(now, ttlMillis));
      write(connection, next);
      connection.commit();
      return next.grant();
    });
  }

  @Override
  public Either<CoexistError, Done> release(LeaseGrant grant) {
    Objects.requireNonNull(grant, "grant");
    return pool.run("releasing the lease of " + grant.holder(), connection -> {
      connection.setAutoCommit(false);
      Row row = read(connection, dialect.forUpdate());
      long now = now(connection);
      if (row.grants(grant) && row.expiresAtMs() > now) {
        write(connection, new Row(row.holder(), row.token(), now));
      }
      connection.commit();
      return Done.DONE;
    });
  }

  @Override
  public Either<CoexistError, Optional<LeaseGrant>> current() {
    return pool.run("reading the lease", connection -> read(connection, "").grant());
  }

  /**
   * Whether {@code grant} is the current grant (expired or not), read in the caller's transaction
   * with the row locked, so the lease cannot change hands before that transaction ends.
   */
  boolean isCurrent(Connection connection, LeaseGrant grant) throws SQLException {
    return read(connection, dialect.forUpdate()).grants(grant);
  }

  private static Row read(Connection connection, String lock) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(READ + lock);
        ResultSet rows = select.executeQuery()) {
      if (!rows.next()) {
        throw new SQLException("the lease row is missing: the schema was changed outside coexist", "55000");
      }
      return new Row(Optional.ofNullable(rows.getString(1)), rows.getLong(2), rows.getLong(3));
    }
  }

  private static void write(Connection connection, Row row) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(WRITE)) {
      update.setString(1, row.holder().orElseThrow());
      update.setLong(2, row.token());
      update.setLong(3, row.expiresAtMs());
      update.executeUpdate();
    }
  }

  private long now(Connection connection) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      return clock.millis();
    }
    try (PreparedStatement select = connection.prepareStatement(DATABASE_NOW); ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
