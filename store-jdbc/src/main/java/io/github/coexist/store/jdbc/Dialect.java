package io.github.coexist.store.jdbc;

/** The databases a {@link JdbcStore} runs on, with what differs between them. */
enum Dialect {
  /** An embedded SQLite file: one process, no server. */
  SQLITE("sqlite", "classpath:db/migration/sqlite", 4),
  /** A PostgreSQL server: any number of instances share one database. */
  POSTGRESQL("postgresql", "classpath:db/migration/postgresql", 8);

  private final String label;
  private final String migrations;
  private final int connections;

  Dialect(String label, String migrations, int connections) {
    this.label = label;
    this.migrations = migrations;
    this.connections = connections;
  }

  /** The name shown in health reports and messages. */
  String label() {
    return label;
  }

  /** Where Flyway finds this dialect's migrations. */
  String migrations() {
    return migrations;
  }

  /** How many connections the store keeps open at most. */
  int connections() {
    return connections;
  }
}
