package io.github.coexist.testkit;

import static io.github.coexist.testkit.RecordsContract.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.kernel.ExternalKey;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What {@code ensure} and {@code find} promise for every kind of record: a record per idempotency
 * key, however often and however concurrently it is asked for.
 *
 * @param <V> the value coexist sends
 * @param <R> what the tool reads back
 */
public interface EnsureContract<V, R> extends RecordsContract<V, R> {
  /** Ensures {@code value}, failing the test on an error. */
  private ExternalKey ensure(V value) {
    return succeeded(kind().ensure(value), "ensure");
  }

  @Test
  @DisplayName("names its system")
  default void namesItsSystem() {
    assertThat(kind().system()).isNotBlank();
  }

  @Test
  @DisplayName("creates a record and returns a key of this system")
  default void creates() {
    ExternalKey key = ensure(kind().fresh("create"));
    assertThat(key.system()).isEqualTo(kind().system());
    assertThat(key.display()).isNotBlank();
  }

  @Test
  @DisplayName("twice with one idempotency key returns the same key, and find returns it")
  default void twiceSameKey() {
    V value = kind().fresh("twice");
    ExternalKey key = ensure(value);
    assertThat(ensure(value)).isEqualTo(key);
    assertThat(succeeded(kind().find(kind().idempotencyKey(value)), "find")).contains(key);
  }

  @Test
  @DisplayName("with two idempotency keys creates two records")
  default void twoKeys() {
    assertThat(ensure(kind().fresh("one"))).isNotEqualTo(ensure(kind().fresh("two")));
  }

  @Test
  @DisplayName("find of a key never ensured is empty")
  default void findUnknown() {
    assertThat(succeeded(kind().find(kind().idempotencyKey(kind().fresh("never"))), "find")).isEmpty();
  }

  @Test
  @DisplayName("called concurrently with one idempotency key creates one record, and find returns it")
  default void concurrent() throws Exception {
    V value = kind().fresh("race");
    Set<ExternalKey> keys = AtOnce.distinctResults(8, () -> kind().ensure(value));
    assertThat(keys).hasSize(1);
    assertThat(succeeded(kind().find(kind().idempotencyKey(value)), "find")).contains(keys.iterator().next());
  }
}
