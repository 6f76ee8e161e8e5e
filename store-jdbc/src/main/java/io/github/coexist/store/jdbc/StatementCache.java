package io.github.coexist.store.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the statements a connection prepared, so that the same SQL is parsed and planned once per
 * connection instead of once per use: on SQLite preparing took about a third of the time a small
 * commit spent in the database (JFR, {@code NativeDB.prepare_utf8} against {@code step}).
 * {@link #wrap} gives a connection whose {@code prepareStatement(sql)} answers the statement kept
 * for {@code sql}; closing it clears its parameters and batch and keeps it for the next use.
 * Closing the connection closes every statement kept. At most {@value #KEPT} statements are kept
 * per connection, the least recently used closed first. Like the connection, used by one thread
 * at a time (the pool lends it so).
 */
final class StatementCache {
  private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);
  /** More than the store's distinct statements, so that none is parsed twice in normal use. */
  static final int KEPT = 64;

  private StatementCache() {}

  /** {@code connection}, its statements kept for reuse. */
  static Connection wrap(Connection connection) {
    Map<String, PreparedStatement> kept = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
        if (size() <= KEPT) {
          return false;
        }
        closeQuietly(eldest.getValue());
        return true;
      }
    };
    return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (isPrepareOfSql(method, args)) {
            return reusable(kept(connection, kept, (String) args[0]));
          }
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            kept.values().forEach(StatementCache::closeQuietly);
            kept.clear();
          }
          return call(connection, method, args);
        });
  }

  private static boolean isPrepareOfSql(Method method, Object[] args) {
    return method.getName().equals("prepareStatement") && args != null && args.length == 1
        && method.getParameterTypes()[0] == String.class;
  }

  private static PreparedStatement kept(Connection connection, Map<String, PreparedStatement> kept, String sql)
      throws SQLException {
    PreparedStatement statement = kept.get(sql);
    if (statement == null || statement.isClosed()) {
      statement = connection.prepareStatement(sql);
      kept.put(sql, statement);
    }
    return statement;
  }

  /** {@code statement} lent out: closing it readies it for the next use instead of closing it. */
  private static PreparedStatement reusable(PreparedStatement statement) {
    return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            if (!statement.isClosed()) {
              statement.clearBatch();
              statement.clearParameters();
            }
            return null;
          }
          return call(statement, method, args);
        });
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException e) {
      LOG.debug("closing a kept statement failed: {}", e.getMessage());
    }
  }
}
