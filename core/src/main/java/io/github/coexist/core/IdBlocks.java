package io.github.coexist.core;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.store.NumberBlock;
import io.github.coexist.core.store.StateStore;
import io.vavr.control.Either;
import java.util.function.LongSupplier;

/**
 * The numbers of one id sequence, reserved from the store a block at a time, so an id is never
 * handed out twice: not after a restart, not by a second instance. Numbers left in a block when
 * the process stops are skipped, never reused. Thread-safe.
 */
final class IdBlocks implements LongSupplier {
  /** Enough that reserving costs little per id; few enough that a restart skips few. */
  static final int BLOCK = 64;

  private final StateStore store;
  private final String sequence;
  private long next;
  private long end;

  IdBlocks(StateStore store, String sequence) {
    this.store = store;
    this.sequence = sequence;
  }

  /**
   * The next number.
   *
   * @throws StoreUnavailable when a new block is needed and the store cannot reserve one: the
   *     work that needed the id is refused as {@link CoexistError.Unavailable} and tried again
   */
  @Override
  public synchronized long getAsLong() {
    if (next == end) {
      Either<CoexistError, NumberBlock> reserved = store.reserve(sequence, BLOCK);
      if (reserved.isLeft()) {
        throw new StoreUnavailable(reserved.getLeft());
      }
      next = reserved.get().first();
      end = reserved.get().end();
    }
    return next++;
  }
}
