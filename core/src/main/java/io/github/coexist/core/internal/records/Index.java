package io.github.coexist.core.internal.records;

import java.util.Optional;

/**
 * Not API. A lookup a {@link RecordBook} keeps up to date on every commit, under its lock; read
 * it only inside {@link RecordBook#read} or {@link RecordBook#write}.
 *
 * @param <R> the record type
 */
public interface Index<R> {

  /** Takes note that {@code before} (absent for a new record) is now {@code after}. */
  void put(Optional<R> before, R after);
}
