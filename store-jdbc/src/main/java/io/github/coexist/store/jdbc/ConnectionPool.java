package io.github.coexist.store.jdbc;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small bounded pool: at most {@code size} connections, each used by one thread at a time; a
 * caller waits at most {@code wait} for one. A connection that failed with a broken-connection
 * error is closed instead of being reused. A connection idle for less than {@link
 * #TRUSTED_IDLE} is lent without being validated first (as HikariCP does): validating costs a
 * statement on SQLite and a round trip on PostgreSQL, on every commit otherwise; one that broke
 * meanwhile fails its work with a broken-connection error and is closed. Each connection keeps
 * the statements it prepared ({@link StatementCache}). Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
  private static final int VALIDATION_SECONDS = 2;
  private static final long TRUSTED_IDLE = TimeUnit.SECONDS.toNanos(1);

  private final ConnectionSource source;
  private final String name;
  private final Semaphore permits;
  private final Duration wait;
  private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  /** A connection waiting to be lent, given back at {@code since} ({@link System#nanoTime()}). */
  private record Idle(Connection connection, long since) {}

  ConnectionPool(ConnectionSource source, String name, int size, Duration wait) {
    this.source = source;
    this.name = name;
    this.permits = new Semaphore(size, true);
    this.wait = wait;
  }

  /** Runs {@code work} on a connection; {@code doing} names it in errors. */
  <T> Either<CoexistError, T> run(String doing, SqlWork<T> work) {
    if (closed) {
      return Either.left(new CoexistError.Unavailable(doing + ": the " + name + " store is closed"));
    }
    if (!acquire()) {
      return Either.left(new CoexistError.Unavailable(
          doing + ": no connection to the " + name + " store was free within " + wait.toMillis() + " ms"));
    }
    try {
      return runHolding(doing, work);
    } finally {
      permits.release();
    }
  }

  private boolean acquire() {
    try {
      return permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private <T> Either<CoexistError, T> runHolding(String doing, SqlWork<T> work) {
    Connection connection;
    try {
      connection = borrow();
    } catch (SQLException e) {
      return Either.left(SqlErrors.of(e, doing));
    }
    try {
      T result = work.apply(connection);
      giveBack(connection);
      return Either.right(result);
    } catch (SQLException e) {
      if (SqlErrors.isBroken(e)) {
        discard(connection);
      } else {
        giveBack(connection);
      }
      return Either.left(SqlErrors.of(e, doing));
    } catch (RuntimeException | Error e) {
      discard(connection);
      throw e;
    }
  }

  private Connection borrow() throws SQLException {
    Idle kept;
    while ((kept = idle.pollFirst()) != null) {
      if (System.nanoTime() - kept.since() < TRUSTED_IDLE || kept.connection().isValid(VALIDATION_SECONDS)) {
        return kept.connection();
      }
      discard(kept.connection());
    }
    return StatementCache.wrap(source.open());
  }

  private void giveBack(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      discard(connection);
      return;
    }
    idle.addFirst(new Idle(connection, System.nanoTime()));
    if (closed) {
      closeIdle();
    }
  }

  private static void discard(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("closing a broken connection failed: {}", e.getMessage());
    }
  }

  private void closeIdle() {
    Idle kept;
    while ((kept = idle.pollFirst()) != null) {
      discard(kept.connection());
    }
  }

  /** Closes every idle connection; one in use is closed when it comes back. */
  @Override
  public void close() {
    closed = true;
    closeIdle();
  }
}
