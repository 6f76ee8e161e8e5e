package io.github.coexist.testkit;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;

/**
 * The root of the generic records contracts: a test class that implements one of them names the
 * {@link RecordKind} it checks. Kits combine the contracts under {@code @Nested} classes, the way
 * Micrometer's compatibility kit combines {@code CounterTest} and {@code TimerTest}:
 *
 * <pre>{@code
 * @Nested
 * class Ensure implements EnsureContract<Change, RecordedChange> {
 *   public RecordKind<Change, RecordedChange> kind() { return kind; }
 *   // tests only changes need
 * }
 * }</pre>
 *
 * @param <V> the value coexist sends
 * @param <R> what the tool reads back
 */
public interface RecordsContract<V, R> {
  /** The kind of record under test, fresh for each test. */
  RecordKind<V, R> kind();

  /** The value of a call that must succeed; its error fails the test, naming {@code call}. */
  static <T> T succeeded(Either<CoexistError, T> result, String call) {
    return result.getOrElseThrow(e -> new AssertionError(call + " failed: " + e.message()));
  }
}
