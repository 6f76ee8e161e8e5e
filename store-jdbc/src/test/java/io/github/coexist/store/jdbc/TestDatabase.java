package io.github.coexist.store.jdbc;

import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One empty database for one test: an SQLite file in a temporary directory, or a schema of its
 * own on the test PostgreSQL server. {@link #open()} opens a store on it as a user would; calling
 * it again is a restart. {@link #close()} closes every store opened and removes the database.
 */
abstract class TestDatabase implements AutoCloseable {
  private final List<JdbcStore> opened = new ArrayList<>();

  /** A new SQLite database. */
  static TestDatabase sqlite() {
    return new Sqlite();
  }

  /** A new schema on the test PostgreSQL server. */
  static TestDatabase postgres() {
    return new Postgres();
  }

  abstract Dialect dialect();

  abstract Credentials credentials();

  /** Opens the store through its public factory. */
  abstract Either<CoexistError, JdbcStore> tryOpen();

  /** Opens (again) a store on this database; fails the test when it cannot. */
  JdbcStore open() {
    return kept(tryOpen().getOrElseThrow(e -> new AssertionError("cannot open " + this + ": " + e.message())));
  }

  /** Opens a store migrated only up to schema version {@code target}. */
  JdbcStore openAt(String target) {
    return kept(JdbcStore.open(dialect(), credentials(), Optional.of(target))
        .getOrElseThrow(e -> new AssertionError(e.message())));
  }

  private JdbcStore kept(JdbcStore store) {
    opened.add(store);
    return store;
  }

  /** Runs {@code sql} with {@code arguments} bound, beside any store: returns the rows changed. */
  int update(String sql, Object... arguments) throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = prepared(connection, sql, arguments)) {
      return statement.executeUpdate();
    }
  }

  /** The first column of every row {@code sql} selects, as text. */
  List<String> column(String sql, Object... arguments) throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = prepared(connection, sql, arguments);
        ResultSet rows = statement.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private static PreparedStatement prepared(Connection connection, String sql, Object... arguments)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < arguments.length; i++) {
      statement.setObject(i + 1, arguments[i]);
    }
    return statement;
  }

  private Connection connect() throws SQLException {
    Credentials credentials = credentials();
    return DriverManager.getConnection(credentials.url(), credentials.user(), credentials.password());
  }

  @Override
  public void close() {
    opened.forEach(JdbcStore::close);
    drop();
  }

  abstract void drop();

  @Override
  public String toString() {
    return dialect().label();
  }

  private static final class Sqlite extends TestDatabase {
    private final Path dir;

    Sqlite() {
      try {
        dir = Files.createTempDirectory("coexist-store");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    Dialect dialect() {
      return Dialect.SQLITE;
    }

    @Override
    Credentials credentials() {
      return new Credentials("jdbc:sqlite:" + dir.resolve(JdbcStore.EMBEDDED_FILE), null, null);
    }

    @Override
    Either<CoexistError, JdbcStore> tryOpen() {
      return JdbcStore.embedded(dir);
    }

    @Override
    void drop() {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class Postgres extends TestDatabase {
    private final PostgresServer server = PostgresServer.get();
    private final String schema = PostgresServer.uniqueSchema();
    private final String url = server.newSchema(schema);

    @Override
    Dialect dialect() {
      return Dialect.POSTGRESQL;
    }

    @Override
    Credentials credentials() {
      return new Credentials(url, server.user(), server.password());
    }

    @Override
    Either<CoexistError, JdbcStore> tryOpen() {
      return JdbcStore.postgres(url, server.user(), Secret.of(server.password()));
    }

    @Override
    void drop() {
      server.dropSchema(schema);
    }
  }
}
