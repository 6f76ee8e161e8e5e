package io.github.coexist.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the tests use, one per test JVM: the server named by {@value #URL_ENV}
 * (with {@value #USER_ENV} and {@value #PASSWORD_ENV}; the user must own the database) when it is
 * set, else an embedded PostgreSQL started on first use and stopped when the JVM exits. A server
 * that cannot be started fails the tests; they are never skipped. Each test gets a schema of its
 * own.
 */
final class PostgresServer {
  static final String URL_ENV = "COEXIST_TEST_POSTGRES_URL";
  static final String USER_ENV = "COEXIST_TEST_POSTGRES_USER";
  static final String PASSWORD_ENV = "COEXIST_TEST_POSTGRES_PASSWORD";
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static PostgresServer running;

  private final String url;
  private final String user;
  private final String password;

  private PostgresServer(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** The server, started on the first call. */
  static synchronized PostgresServer get() {
    if (running == null) {
      running = Optional.ofNullable(System.getenv(URL_ENV)).filter(u -> !u.isBlank())
          .map(u -> new PostgresServer(u, env(USER_ENV, "coexist"), env(PASSWORD_ENV, "coexist")))
          .orElseGet(PostgresServer::embedded);
    }
    return running;
  }

  private static String env(String name, String otherwise) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).orElse(otherwise);
  }

  private static PostgresServer embedded() {
    try {
      EmbeddedPostgres server = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
      // Trust authentication: the password is sent and ignored.
      return new PostgresServer(server.getJdbcUrl("postgres", "postgres"), "postgres", "unused-password");
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  /** A new, empty schema; returns the URL whose connections work in it. */
  String newSchema(String schema) {
    execute("CREATE SCHEMA " + checked(schema));
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops {@code schema} and everything in it. */
  void dropSchema(String schema) {
    execute("DROP SCHEMA IF EXISTS " + checked(schema) + " CASCADE");
  }

  /** A schema name no other test in this or another JVM uses. */
  static String uniqueSchema() {
    return "coexist_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
  }

  // Schema names are made by uniqueSchema(), never taken from input; DDL cannot bind them.
  private static String checked(String schema) {
    if (!schema.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException("not a test schema name: " + schema);
    }
    return schema;
  }

  private void execute(String ddl) {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    } catch (SQLException e) {
      throw new IllegalStateException("the test server refused: " + ddl, e);
    }
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }
}
