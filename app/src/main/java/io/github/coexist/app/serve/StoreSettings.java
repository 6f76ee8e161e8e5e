package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.store.jdbc.JdbcStore;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where {@code serve} keeps what it keeps durably today (the audit trail and the webhook delivery
 * ids): {@code COEXIST_STORE} is {@code embedded} (the default: an SQLite file in {@code
 * COEXIST_DATA_DIR}), {@code postgres} ({@code COEXIST_DATABASE_URL}, {@code _USER}, {@code
 * _PASSWORD}) or {@code memory} (nothing outlives the process). The password is a {@link Secret}
 * and never printed.
 *
 * @param kind {@code embedded}, {@code postgres} or {@code memory}
 * @param dataDir the embedded file's directory
 * @param url the PostgreSQL JDBC URL, with {@code postgres}
 * @param user the PostgreSQL user, with {@code postgres}
 * @param password the PostgreSQL user's password, with {@code postgres}
 */
record StoreSettings(String kind, Path dataDir, Optional<String> url, Optional<String> user,
    Optional<Secret> password) {

  static final String EMBEDDED = "embedded";
  static final String POSTGRES = "postgres";
  static final String MEMORY = "memory";
  static final Path DEFAULT_DATA_DIR = Path.of("coexist-data");

  /** Reads the store's settings, reporting every problem to {@code read}. */
  static StoreSettings read(ConfigReader read) {
    String kind = read.optional("store").orElse(EMBEDDED).toLowerCase(Locale.ROOT);
    Path dataDir = read.optional("data-dir").map(Path::of).orElse(DEFAULT_DATA_DIR);
    Optional<String> url = read.optional("database.url");
    Optional<String> user = read.optional("database.user");
    Optional<Secret> password = read.secret("database.password");
    switch (kind) {
      case EMBEDDED -> {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
          read.problem(describe(read, "data-dir") + ": " + dataDir.toAbsolutePath() + " is not a directory");
        }
        if (url.isPresent()) {
          read.problem(describe(read, "database.url") + " is set, but " + describe(read, "store")
              + " is embedded: set COEXIST_STORE=postgres to use the database");
        }
      }
      case POSTGRES -> {
        if (url.isEmpty()) {
          read.problem(describe(read, "database.url") + " is required with COEXIST_STORE=postgres"
              + " (jdbc:postgresql://host:5432/database)");
        } else if (!url.get().startsWith("jdbc:postgresql://")) {
          read.problem(describe(read, "database.url") + " must look like jdbc:postgresql://host:5432/database, was '"
              + withoutQuery(url.get()) + "'");
        }
        if (user.isEmpty()) {
          read.problem(describe(read, "database.user") + " is required with COEXIST_STORE=postgres");
        }
        if (password.isEmpty()) {
          read.problem(describe(read, "database.password") + " is required with COEXIST_STORE=postgres");
        }
      }
      case MEMORY -> {
        if (url.isPresent()) {
          read.problem(describe(read, "database.url") + " is set, but " + describe(read, "store")
              + " is memory: set COEXIST_STORE=postgres to use the database");
        }
      }
      default -> read.problem(describe(read, "store") + " must be embedded, postgres or memory, was '" + kind + "'");
    }
    return new StoreSettings(kind, dataDir, url, user, password);
  }

  /**
   * Opens the store: empty for {@code memory}. Fails as {@link JdbcStore} does ({@code
   * Unavailable} for a server or directory that cannot be used, {@code Unauthorized} for refused
   * credentials, {@code Conflict} for a schema that cannot be migrated).
   */
  Either<CoexistError, Optional<JdbcStore>> open() {
    return switch (kind) {
      case EMBEDDED -> JdbcStore.embedded(dataDir).map(Optional::of);
      case POSTGRES -> JdbcStore.postgres(url.orElseThrow(), user.orElseThrow(), password.orElseThrow())
          .map(Optional::of);
      default -> Either.right(Optional.empty());
    };
  }

  private static String describe(ConfigReader read, String key) {
    return read.key(key) + " (" + ConfigSource.envName(read.key(key)) + ")";
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  @Override
  public String toString() {
    return switch (kind) {
      case EMBEDDED -> "StoreSettings[embedded in " + dataDir.toAbsolutePath() + "]";
      case POSTGRES -> "StoreSettings[postgres " + url.map(StoreSettings::withoutQuery).orElse("?") + " as "
          + user.orElse("?") + ", password " + (password.isPresent() ? "****" : "not set") + "]";
      default -> "StoreSettings[memory]";
    };
  }
}
