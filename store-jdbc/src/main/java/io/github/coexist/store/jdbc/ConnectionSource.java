package io.github.coexist.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection, configured for its dialect. */
@FunctionalInterface
interface ConnectionSource {
  Connection open() throws SQLException;
}
