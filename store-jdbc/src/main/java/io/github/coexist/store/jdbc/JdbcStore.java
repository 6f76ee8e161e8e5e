package io.github.coexist.store.jdbc;

import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.store.StateStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * coexist's durable state over JDBC: the records, inbox, id numbers and lease of its {@link
 * #stateStore(Clock) state store}, the audit trail and the ledger of webhook delivery ids, in an
 * embedded SQLite file ({@link #embedded}) or in PostgreSQL shared by several instances ({@link
 * #postgres}). Opening a store migrates its schema to the latest version (Flyway).
 *
 * <pre>{@code
 * try (JdbcStore store = JdbcStore.embedded(Path.of("coexist-data")).getOrElseThrow(...)) {
 *   StateStore state = store.stateStore(clock);
 *   AuditTrail trail = new AuditTrail(store.auditStore(), clock);
 * }
 * }</pre>
 *
 * <p>A write that returned is durable: the embedded file commits with {@code synchronous=FULL}
 * in WAL mode, so it survives the process being killed and the machine losing power. Thread-safe;
 * {@link #close()} closes every connection. The password never appears in {@link #toString()},
 * logs or errors.
 */
public final class JdbcStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
  /** The embedded database's file name inside the data directory. */
  public static final String EMBEDDED_FILE = "coexist.db";
  /** How long a delivery id is remembered by {@link #deliveryIds(Clock)}: GitHub's redelivery horizon. */
  public static final Duration DELIVERY_RETENTION = Duration.ofDays(3);
  private static final Duration CONNECTION_WAIT = Duration.ofSeconds(10);
  private static final int SQLITE_BUSY_MILLIS = 10_000;
  private static final int POSTGRES_CONNECT_SECONDS = 10;

  private final Dialect dialect;
  private final String location;
  private final ConnectionPool pool;
  private final String schemaVersion;
  private final JdbcAuditStore auditStore;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdbcStore(Dialect dialect, String location, ConnectionPool pool, String schemaVersion) {
    this.dialect = dialect;
    this.location = location;
    this.pool = pool;
    this.schemaVersion = schemaVersion;
    this.auditStore = new JdbcAuditStore(pool);
  }

  /**
   * The embedded store: file {@value #EMBEDDED_FILE} in {@code dataDir} (created if missing), an
   * SQLite database in WAL mode. One process at a time; for several instances use {@link #postgres}.
   * Fails with {@link CoexistError.Unavailable} when the directory or file cannot be used, with
   * {@link CoexistError.Conflict} when the schema cannot be migrated.
   */
  public static Either<CoexistError, JdbcStore> embedded(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    Path file = dataDir.toAbsolutePath().resolve(EMBEDDED_FILE);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      return Either.left(new CoexistError.Unavailable("cannot create the data directory " + file.getParent()
          + ": " + e));
    }
    return open(Dialect.SQLITE, new Credentials("jdbc:sqlite:" + file, null, null), Optional.empty());
  }

  /**
   * A store in the PostgreSQL database at {@code url} ({@code jdbc:postgresql://host:port/db}),
   * logged in as {@code user}, who must be allowed to create tables (the database's owner).
   * Fails with {@link CoexistError.InvalidInput} for a URL that is not PostgreSQL's, {@link
   * CoexistError.Unavailable} when the server cannot be reached, {@link CoexistError.Unauthorized}
   * when it refuses the credentials, {@link CoexistError.Conflict} when the schema cannot be migrated.
   */
  public static Either<CoexistError, JdbcStore> postgres(String url, String user, Secret password) {
    Objects.requireNonNull(password, "password");
    if (url == null || !url.startsWith("jdbc:postgresql:") || org.postgresql.Driver.parseURL(url, null) == null) {
      return Either.left(CoexistError.invalid("the database URL must look like jdbc:postgresql://host:5432/database"));
    }
    if (user == null || user.isBlank()) {
      return Either.left(CoexistError.invalid("a database user is required"));
    }
    return open(Dialect.POSTGRESQL, new Credentials(url, user, password.reveal()), Optional.empty());
  }

  /**
   * A store in the PostgreSQL database of {@code dataSource} (an application's pool, such as the
   * one Spring Boot makes), in its own {@code schema}, created if missing, so that its tables and
   * its schema history never meet the application's. Each connection coexist borrows is set to
   * that schema; coexist holds up to 8 of the pool's connections. Fails with {@link
   * CoexistError.InvalidInput} for a schema name that is not a plain lower-case identifier or a
   * database that is not PostgreSQL (coexist keeps its state in PostgreSQL or in its own {@link
   * #embedded} file, whose durability settings it sets itself), {@link CoexistError.Unavailable}
   * when no connection can be had, {@link CoexistError.Conflict} when the schema cannot be migrated.
   */
  public static Either<CoexistError, JdbcStore> postgres(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      return Either.left(CoexistError.invalid("the schema must be a lower-case identifier such as coexist, was '"
          + schema + "'"));
    }
    Either<CoexistError, String> url = product(dataSource);
    if (url.isLeft()) {
      return Either.left(url.getLeft());
    }
    ConnectionSource source = () -> {
      Connection connection = dataSource.getConnection();
      connection.setSchema(schema);
      return connection;
    };
    String location = new Credentials(url.get(), null, null).location() + " (schema " + schema + ")";
    return open(Dialect.POSTGRESQL, location, source,
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true), Optional.empty());
  }

  /** The URL of {@code dataSource}'s database when it is PostgreSQL; otherwise why it cannot be used. */
  private static Either<CoexistError, String> product(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      if (!"PostgreSQL".equals(meta.getDatabaseProductName())) {
        return Either.left(CoexistError.invalid("coexist keeps its state in PostgreSQL or in its own embedded file;"
            + " this data source is " + meta.getDatabaseProductName()));
      }
      return Either.right(meta.getURL());
    } catch (SQLException e) {
      return Either.left(new CoexistError.Unavailable("cannot connect to the data source: " + e.getMessage()));
    }
  }

  /** Opens a store migrated to {@code target} (the latest when empty): tests of upgrades use an earlier one. */
  static Either<CoexistError, JdbcStore> open(Dialect dialect, Credentials credentials, Optional<String> target) {
    return open(dialect, credentials.location(), source(dialect, credentials),
        Flyway.configure().dataSource(credentials.url(), credentials.user(), credentials.password()), target);
  }

  private static Either<CoexistError, JdbcStore> open(Dialect dialect, String location, ConnectionSource source,
      FluentConfiguration migrations, Optional<String> target) {
    ConnectionPool pool = new ConnectionPool(source, dialect.label(), dialect.connections(), CONNECTION_WAIT);
    Either<CoexistError, JdbcStore> opened = pool.run("connecting to " + location, c -> c.isValid(1))
        .flatMap(reachable -> Migrations.migrate(dialect, migrations, target))
        .map(version -> new JdbcStore(dialect, location, pool, version));
    if (opened.isLeft()) {
      pool.close();
    } else {
      LOG.info("opened {}", opened.get());
    }
    return opened;
  }

  private static ConnectionSource source(Dialect dialect, Credentials credentials) {
    if (dialect == Dialect.SQLITE) {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      // FULL: every commit syncs the write-ahead log, so an acknowledged write survives a SIGKILL
      // (NORMAL would too) and also the machine losing power (NORMAL would not).
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(SQLITE_BUSY_MILLIS);
      // A transaction takes the write lock when it begins, waiting up to the busy timeout, instead
      // of failing at once when it first writes after another connection committed (WAL snapshots).
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      config.enforceForeignKeys(true);
      Properties properties = config.toProperties();
      return () -> DriverManager.getConnection(credentials.url(), properties);
    }
    Properties properties = new Properties();
    properties.setProperty("user", credentials.user());
    properties.setProperty("password", credentials.password());
    properties.setProperty("connectTimeout", Integer.toString(POSTGRES_CONNECT_SECONDS));
    properties.setProperty("ApplicationName", "coexist");
    properties.setProperty("tcpKeepAlive", "true");
    return () -> DriverManager.getConnection(credentials.url(), properties);
  }

  /**
   * The state store (records, inbox, id numbers, lease) in this database, its lease expiring by
   * {@code clock} on SQLite (one process uses the file); PostgreSQL judges expiry by the server's
   * clock, so that instances whose clocks disagree agree on the holder, and ignores {@code clock}.
   * Closing it closes this store, whose connections it shares.
   */
  public StateStore stateStore(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new JdbcStateStore(pool, dialect, describedLocation(), clock, auditStore, this::close);
  }

  /** The location as a {@link StateStore#location()} names it, for people. */
  private String describedLocation() {
    return dialect == Dialect.SQLITE ? "embedded file " + location.substring("jdbc:sqlite:".length())
        : "PostgreSQL at " + location.substring("jdbc:postgresql:".length()).replaceFirst("^//", "");
  }

  /**
   * The audit trail's store, the same as every {@link #stateStore(Clock) state store}'s {@link
   * StateStore#audit()}: give it to {@code AuditTrail}, or leave it to {@code Coexist}, which
   * appends through the state store's commits.
   */
  public AuditStore auditStore() {
    return auditStore;
  }

  /** The webhook delivery ids taken in, each remembered for {@link #DELIVERY_RETENTION}. */
  public DeliveryIds deliveryIds(Clock clock) {
    return deliveryIds(clock, DELIVERY_RETENTION);
  }

  /** The webhook delivery ids taken in, each remembered for {@code retention}. */
  public DeliveryIds deliveryIds(Clock clock, Duration retention) {
    Objects.requireNonNull(clock, "clock");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the retention of delivery ids must be positive, was " + retention);
    }
    return new JdbcDeliveryIds(pool, clock, retention);
  }

  /** The schema version the database is at, as Flyway names it ({@code "1"}). */
  public String schemaVersion() {
    return schemaVersion;
  }

  /**
   * Where the database is, safe to show: the JDBC URL without its query (where a password may be
   * written), such as {@code jdbc:sqlite:/srv/coexist-data/coexist.db} or {@code
   * jdbc:postgresql://db:5432/coexist}.
   */
  public String location() {
    return location;
  }

  /** Which database this is: {@code "sqlite"} or {@code "postgresql"}. */
  public String kind() {
    return dialect.label();
  }

  /**
   * Closes every connection; calls after it are answered with {@link CoexistError.Unavailable}.
   * Closing again does nothing.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      pool.close();
      LOG.info("closed {}", this);
    }
  }

  @Override
  public String toString() {
    return "JdbcStore[" + dialect.label() + " " + location + ", schema version " + schemaVersion + "]";
  }
}
