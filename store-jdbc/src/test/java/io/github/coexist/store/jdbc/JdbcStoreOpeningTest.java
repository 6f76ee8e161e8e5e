package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.error.CoexistError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreOpeningTest {
  private static final Secret PASSWORD = Secret.of("hunter2-never-shown");

  @Test
  @DisplayName("refuses a URL that is not PostgreSQL's, and a missing user")
  void badUrl() {
    assertThat(JdbcStore.postgres("jdbc:mysql://db/coexist", "coexist", PASSWORD).getLeft())
        .isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(JdbcStore.postgres("postgres://db/coexist", "coexist", PASSWORD).getLeft())
        .isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(JdbcStore.postgres("jdbc:postgresql://db:notaport/coexist", "coexist", PASSWORD).getLeft())
        .isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(JdbcStore.postgres("jdbc:postgresql://db/coexist", " ", PASSWORD).getLeft())
        .isInstanceOf(CoexistError.InvalidInput.class);
  }

  @Test
  @DisplayName("answers Unavailable for a server that cannot be reached, without showing the password")
  void unreachable() {
    CoexistError error = JdbcStore.postgres("jdbc:postgresql://127.0.0.1:1/coexist?password=hunter2-in-url",
        "coexist", PASSWORD).getLeft();
    assertThat(error).isInstanceOf(CoexistError.Unavailable.class);
    assertThat(error.message()).contains("127.0.0.1").doesNotContain("hunter2");
  }

  @Test
  @DisplayName("answers Unavailable for a data directory that cannot be made")
  void badDataDir(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    assertThat(JdbcStore.embedded(file.resolve("data")).getLeft()).isInstanceOf(CoexistError.Unavailable.class);
  }

  @Test
  @DisplayName("names the embedded file as its location, and shows no URL query")
  void location(@TempDir Path dir) {
    try (JdbcStore store = JdbcStore.embedded(dir).get()) {
      assertThat(store.location()).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().resolve(JdbcStore.EMBEDDED_FILE));
      assertThat(store.kind()).isEqualTo("sqlite");
    }
    assertThat(new Credentials("jdbc:postgresql://db/coexist?password=hunter2", "u", "p").location())
        .isEqualTo("jdbc:postgresql://db/coexist");
  }

  @OnBothDatabases
  @DisplayName("answers Conflict, and opens nothing, when the applied schema was changed since")
  void failedMigration(TestDatabase database) throws Exception {
    database.open().close();
    assertThat(database.update("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'")).isOne();
    CoexistError error = database.tryOpen().getLeft();
    assertThat(error).isInstanceOf(CoexistError.Conflict.class);
    assertThat(error.message()).contains("migrat");
  }
}
