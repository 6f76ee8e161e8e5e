package io.github.coexist.testkit;

import static io.github.coexist.testkit.RecordsContract.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What {@code read} promises for every kind of record: a record reads back under its key, and an
 * unknown key is {@link CoexistError.NotFound}.
 *
 * @param <V> the value coexist sends
 * @param <R> what the tool reads back
 */
public interface ReadContract<V, R> extends RecordsContract<V, R> {
  @Test
  @DisplayName("reads a new record back under its key, in the first state")
  default void readsBack() {
    ExternalKey key = succeeded(kind().ensure(kind().fresh("read")), "ensure");
    R read = succeeded(kind().read(key), "read");
    assertThat(kind().key(read)).isEqualTo(key);
    assertThat(kind().state(read)).isEqualTo(kind().firstState());
  }

  @Test
  @DisplayName("of an unknown key is not found")
  default void unknown() {
    assertThat(kind().read(kind().missingKey()).getLeft()).isInstanceOf(CoexistError.NotFound.class);
  }
}
