package io.github.coexist.store.jdbc;

/** The databases a {@link JdbcStore} runs on, with what differs between them. */
enum Dialect {
  /** An embedded SQLite file: one process, no server. */
  SQLITE("sqlite", "classpath:io/github/coexist/store/jdbc/migration/sqlite", 4, ""),
  /** A PostgreSQL server: any number of instances share one database. */
  POSTGRESQL("postgresql", "classpath:io/github/coexist/store/jdbc/migration/postgresql", 8, " FOR UPDATE");

  private final String label;
  private final String migrations;
  private final int connections;
  private final String forUpdate;

  Dialect(String label, String migrations, int connections, String forUpdate) {
    this.label = label;
    this.migrations = migrations;
    this.connections = connections;
    this.forUpdate = forUpdate;
  }

  /**
   * What a select ends with to lock the rows it reads until the transaction ends: {@code FOR
   * UPDATE} on PostgreSQL; nothing on SQLite, whose write transactions begin immediate and so
   * hold the one write lock from their start.
   */
  String forUpdate() {
    return forUpdate;
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
