package io.github.coexist.core.store;

/**
 * Consecutive numbers reserved for one sequence: {@code first}, {@code first + 1}, ...,
 * {@code first + count - 1}.
 *
 * @param first the first number, at least 1
 * @param count how many, at least 1
 */
public record NumberBlock(long first, int count) {
  public NumberBlock {
    if (first < 1 || count < 1) {
      throw new IllegalArgumentException("a block starts at 1 or later and holds at least one number, not "
          + first + " x " + count);
    }
  }

  /** The number after the last one of this block. */
  public long end() {
    return first + count;
  }
}
