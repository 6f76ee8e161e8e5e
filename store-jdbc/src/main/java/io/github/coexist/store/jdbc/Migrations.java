package io.github.coexist.store.jdbc;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema to the latest version (or to a given one, for tests of upgrades)
 * with Flyway. Flyway locks the schema history while it migrates, so several instances starting
 * at once on one PostgreSQL database migrate it once.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** Migrates to {@code target} (the latest when empty) and returns the schema version reached. */
  static Either<CoexistError, String> migrate(Dialect dialect, Credentials credentials, Optional<String> target) {
    return migrate(dialect, Flyway.configure().dataSource(credentials.url(), credentials.user(),
        credentials.password()), target);
  }

  /**
   * Migrates the database {@code connected} reaches (its data source and, where coexist shares a
   * database, its own schema set) to {@code target}, the latest when empty.
   */
  static Either<CoexistError, String> migrate(Dialect dialect, FluentConfiguration connected, Optional<String> target) {
    try {
      Flyway flyway = connected
          .locations(dialect.migrations())
          .failOnMissingLocations(true)
          .target(target.orElse("latest"))
          .load();
      int applied = flyway.migrate().migrationsExecuted;
      String version = Optional.ofNullable(flyway.info().current())
          .map(MigrationInfo::getVersion)
          .map(Object::toString)
          .orElse("0");
      LOG.info("{} schema at version {} ({} migrations applied now)", dialect.label(), version, applied);
      return Either.right(version);
    } catch (FlywayException e) {
      return Either.left(new CoexistError.Conflict("migrating the " + dialect.label()
          + " schema failed, the store was not opened: " + e.getMessage()));
    }
  }
}
