/**
 * Durable state for coexist over JDBC: an embedded SQLite file by default, PostgreSQL when
 * several instances share one database. {@link io.github.coexist.store.jdbc.JdbcStore} is the
 * entry point; the schema is migrated by Flyway when a store opens.
 */
package io.github.coexist.store.jdbc;
