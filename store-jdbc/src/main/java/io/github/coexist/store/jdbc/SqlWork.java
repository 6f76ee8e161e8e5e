package io.github.coexist.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of work done on a borrowed connection. */
@FunctionalInterface
interface SqlWork<T> {
  T apply(Connection connection) throws SQLException;
}
