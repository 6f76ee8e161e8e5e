package io.github.coexist.testkit;

import static io.github.coexist.testkit.RecordsContract.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What {@code update} promises for every kind of record: a legal step reads back, a repeated
 * update is safe, and an unknown key is {@link CoexistError.NotFound}.
 *
 * @param <V> the value coexist sends
 * @param <R> what the tool reads back
 */
public interface UpdateContract<V, R> extends RecordsContract<V, R> {
  @Test
  @DisplayName("to the next legal state reads back in that state, under the same key")
  default void nextState() {
    V value = kind().fresh("next");
    ExternalKey key = succeeded(kind().ensure(value), "ensure");
    R updated = succeeded(kind().update(key, kind().nextStep(value, key)), "update");
    assertThat(kind().state(updated)).isEqualTo(kind().nextState());
    assertThat(kind().key(updated)).isEqualTo(key);
    assertThat(kind().state(succeeded(kind().read(key), "read"))).isEqualTo(kind().nextState());
  }

  @Test
  @DisplayName("to what the record already holds succeeds and changes nothing")
  default void idempotent() {
    V value = kind().fresh("same");
    ExternalKey key = succeeded(kind().ensure(value), "ensure");
    V next = kind().nextStep(value, key);
    R first = succeeded(kind().update(key, next), "update");
    assertThat(succeeded(kind().update(key, next), "second update")).isEqualTo(first);
    assertThat(succeeded(kind().read(key), "read")).isEqualTo(first);
  }

  @Test
  @DisplayName("of a record that does not exist is not found")
  default void unknown() {
    assertThat(kind().update(kind().missingKey(), kind().fresh("ghost")).getLeft())
        .isInstanceOf(CoexistError.NotFound.class);
  }
}
