package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/** A store in an application's own PostgreSQL data source, as the Spring Boot starter opens it. */
class JdbcStoreDataSourceTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:30:00Z"), ZoneOffset.UTC);

  @Test
  @DisplayName("keeps its tables and schema history in its own schema, beside the application's tables of the same names")
  void ownSchema() throws SQLException {
    PostgresServer server = PostgresServer.get();
    String application = PostgresServer.uniqueSchema();
    String coexist = PostgresServer.uniqueSchema();
    PGSimpleDataSource dataSource = dataSource(server, server.newSchema(application));
    try {
      execute(dataSource, "CREATE TABLE record (name text)", "CREATE TABLE flyway_schema_history (x int)");

      try (JdbcStore store = JdbcStore.postgres(dataSource, coexist).get()) {
        assertThat(store.kind()).isEqualTo("postgresql");
        assertThat(store.location()).startsWith("jdbc:postgresql:").endsWith("(schema " + coexist + ")");
        new AuditTrail(store.auditStore(), CLOCK).record(AuditEvent.of(Actor.COEXIST, "store.opened", "it",
            Map.of(), "ok")).get();
        assertThat(store.deliveryIds(CLOCK).claim("d-1").get()).isTrue();
      }
      try (JdbcStore again = JdbcStore.postgres(dataSource, coexist).get()) {
        assertThat(again.auditStore().last().get()).isPresent();
        assertThat(again.deliveryIds(CLOCK).claim("d-1").get()).isFalse();
      }
      assertThat(tables(dataSource, coexist)).contains("audit_entry", "record", "inbox", "flyway_schema_history");
      assertThat(tables(dataSource, application)).containsExactlyInAnyOrder("record", "flyway_schema_history");
    } finally {
      server.dropSchema(application);
      server.dropSchema(coexist);
    }
  }

  @Test
  @DisplayName("refuses a data source that is not PostgreSQL, naming what it is")
  void notPostgres(@TempDir Path dir) {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
    CoexistError error = JdbcStore.postgres(sqlite, "coexist").getLeft();
    assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(error.message()).contains("SQLite");
  }

  @Test
  @DisplayName("refuses a schema name that is not a plain lower-case identifier")
  void badSchema() {
    PGSimpleDataSource unused = new PGSimpleDataSource();
    for (String schema : new String[] {"", "Coexist", "co;drop", "1st", "a".repeat(64)}) {
      assertThat(JdbcStore.postgres(unused, schema).getLeft()).as(schema).isInstanceOf(CoexistError.InvalidInput.class);
    }
  }

  private static PGSimpleDataSource dataSource(PostgresServer server, String url) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser(server.user());
    dataSource.setPassword(server.password());
    return dataSource;
  }

  private static void execute(PGSimpleDataSource dataSource, String... statements) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static List<String> tables(PGSimpleDataSource dataSource, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        tables.add(rows.getString("TABLE_NAME"));
      }
    }
    return tables;
  }
}
