package io.github.coexist.core.kpi;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** A growable list of ints, without boxing; as a consumer, it adds what it is given. */
final class IntList implements IntConsumer {
  private int[] values = new int[8];
  private int size;

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  @Override
  public void accept(int value) {
    add(value);
  }

  /** Empties the list, keeping its room. */
  void clear() {
    size = 0;
  }

  int get(int index) {
    return values[index];
  }

  void set(int index, int value) {
    values[index] = value;
  }

  int size() {
    return size;
  }
}
