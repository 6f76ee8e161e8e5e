package io.github.coexist.store.jdbc;

import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery ids in table {@code delivery_id}. A claim is one upsert: it inserts the id, or takes
 * over a row older than the retention, or does nothing; the database's primary key makes exactly
 * one of several concurrent callers (threads or processes) see a changed row. Ids older than the
 * retention are deleted now and then.
 */
final class JdbcDeliveryIds implements DeliveryIds {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcDeliveryIds.class);
  /** The longest id kept; GitHub's and Jira's ids are 36-char UUIDs. */
  static final int MAX_LENGTH = 200;
  private static final int PURGE_EVERY = 1_024;
  private static final String CLAIM = "INSERT INTO delivery_id (id, seen_at_ms) VALUES (?, ?)"
      + " ON CONFLICT (id) DO UPDATE SET seen_at_ms = excluded.seen_at_ms"
      + " WHERE delivery_id.seen_at_ms < ?";
  private static final String RELEASE = "DELETE FROM delivery_id WHERE id = ?";
  private static final String PURGE = "DELETE FROM delivery_id WHERE seen_at_ms < ?";

  private final ConnectionPool pool;
  private final Clock clock;
  private final Duration retention;
  private final AtomicLong claims = new AtomicLong();

  JdbcDeliveryIds(ConnectionPool pool, Clock clock, Duration retention) {
    this.pool = pool;
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public Either<CoexistError, Boolean> claim(String id) {
    Either<CoexistError, String> valid = validate(id);
    if (valid.isLeft()) {
      return Either.left(valid.getLeft());
    }
    long now = clock.millis();
    long expired = now - retention.toMillis();
    if (claims.incrementAndGet() % PURGE_EVERY == 0) {
      purge(expired);
    }
    return pool.run("claiming delivery id " + id, connection -> {
      try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
        claim.setString(1, id);
        claim.setLong(2, now);
        claim.setLong(3, expired);
        return claim.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Either<CoexistError, Done> release(String id) {
    return validate(id).flatMap(valid -> pool.run("releasing delivery id " + id, connection -> {
      try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
        release.setString(1, id);
        release.executeUpdate();
        return Done.DONE;
      }
    }));
  }

  private void purge(long before) {
    pool.run("forgetting expired delivery ids", connection -> {
      try (PreparedStatement purge = connection.prepareStatement(PURGE)) {
        purge.setLong(1, before);
        return purge.executeUpdate();
      }
    }).peekLeft(error -> LOG.warn("{}; tried again after {} more claims", error.message(), PURGE_EVERY));
  }

  private static Either<CoexistError, String> validate(String id) {
    if (id == null || id.isBlank()) {
      return Either.left(CoexistError.invalid("a delivery id must not be blank"));
    }
    if (id.length() > MAX_LENGTH) {
      return Either.left(CoexistError.invalid("a delivery id is at most " + MAX_LENGTH
          + " chars, this one has " + id.length() + "; it is refused, not shortened"));
    }
    return Either.right(id);
  }
}
