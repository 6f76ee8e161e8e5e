package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConnectionPool} and the {@link StatementCache} of its connections, on an SQLite file. */
class ConnectionPoolTest {
  @TempDir
  Path dir;
  private final AtomicInteger validations = new AtomicInteger();
  private final List<Connection> opened = new ArrayList<>();
  private ConnectionPool pool;

  /** A connection to the file that counts how often it is validated. */
  private Connection open() throws SQLException {
    Connection real = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("pool.db"));
    opened.add(real);
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("isValid")) {
            validations.incrementAndGet();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private ConnectionPool pool() {
    pool = new ConnectionPool(this::open, "sqlite", 2, Duration.ofSeconds(5));
    return pool;
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private static PreparedStatement underlying(PreparedStatement lent) throws SQLException {
    return lent.unwrap(PreparedStatement.class);
  }

  @Nested
  @DisplayName("lending connections")
  class Lending {
    @Test
    @DisplayName("a connection given back less than a second ago is lent again without being validated")
    void recentNotValidated() {
      ConnectionPool pool = pool();
      for (int i = 0; i < 10; i++) {
        assertThat(pool.run("selecting", c -> c.createStatement().execute("SELECT 1")).get()).isTrue();
      }
      assertThat(opened).hasSize(1);
      assertThat(validations).hasValue(0);
    }

    @Test
    @DisplayName("a connection idle for over a second is validated before it is lent, and replaced when broken")
    void idleValidated() throws Exception {
      ConnectionPool pool = pool();
      pool.run("selecting", c -> c.createStatement().execute("SELECT 1"));
      opened.get(0).close(); // broken while idle
      Thread.sleep(1_100);
      assertThat(pool.run("selecting", c -> c.createStatement().execute("SELECT 1")).isRight()).isTrue();
      assertThat(validations).hasValue(1);
      assertThat(opened).hasSize(2);
    }
  }

  @Nested
  @DisplayName("kept statements")
  class Kept {
    @Test
    @DisplayName("the same SQL on one connection is prepared once, and comes back with no parameters or batch left")
    void preparedOnce() {
      ConnectionPool pool = pool();
      pool.run("creating", c -> c.createStatement().execute("CREATE TABLE t (n INTEGER NOT NULL)"));
      List<PreparedStatement> seen = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int n = i;
        pool.run("inserting", c -> {
          try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (n) VALUES (?)")) {
            seen.add(underlying(insert));
            insert.setInt(1, n);
            insert.executeUpdate();
            insert.setInt(1, 100 + n);
            insert.addBatch(); // left unexecuted: closing the statement drops it
          }
          return n;
        });
      }
      assertThat(seen).hasSize(3).allSatisfy(statement -> assertThat(statement).isSameAs(seen.get(0)));
      assertThat(pool.run("counting", c -> {
        try (PreparedStatement count = c.prepareStatement("SELECT count(*), sum(n) FROM t");
            ResultSet rows = count.executeQuery()) {
          rows.next();
          return List.of(rows.getInt(1), rows.getInt(2));
        }
      }).get()).containsExactly(3, 0 + 1 + 2);
      assertThat(pool.run("executing the kept batch", c -> {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (n) VALUES (?)")) {
          return insert.executeBatch().length;
        }
      }).get()).isZero();
    }

    @Test
    @DisplayName("closing the connection closes its kept statements, and the least recently used beyond the bound are closed")
    void closedWithConnection() throws Exception {
      Connection connection = StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("k.db")));
      PreparedStatement first;
      try (PreparedStatement lent = connection.prepareStatement("SELECT 0")) {
        first = underlying(lent);
      }
      PreparedStatement last = null;
      for (int i = 1; i <= StatementCache.KEPT; i++) {
        try (PreparedStatement lent = connection.prepareStatement("SELECT " + i)) {
          last = underlying(lent);
        }
      }
      assertThat(first.isClosed()).as("the eldest, beyond the bound").isTrue();
      assertThat(last.isClosed()).isFalse();
      connection.close();
      assertThat(last.isClosed()).isTrue();
    }
  }
}
