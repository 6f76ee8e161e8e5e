package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.vavr.control.Either;
import java.util.Arrays;

/**
 * The lookup that turns impact and urgency into a priority, as data. {@link #itil()} is the ITIL
 * matrix ServiceNow ships (priority = impact + urgency - 1); {@link #of(int[][])} takes another.
 * Immutable and thread-safe.
 */
public final class PriorityMatrix {
  private static final PriorityMatrix ITIL = new PriorityMatrix(new int[][] {
      {1, 2, 3},
      {2, 3, 4},
      {3, 4, 5}});

  private final int[][] levels;

  private PriorityMatrix(int[][] levels) {
    this.levels = levels;
  }

  /** The ITIL default: I1U1 P1, I1U2 P2, I1U3 P3, I2U1 P2, I2U2 P3, I2U3 P4, I3U1 P3, I3U2 P4, I3U3 P5. */
  public static PriorityMatrix itil() {
    return ITIL;
  }

  /**
   * A matrix from priority levels: {@code rows[impact - 1][urgency - 1]} is the priority (1 to 5)
   * of that impact and urgency. Lists every problem when the table is not 3 by 3 or a cell is
   * not a priority.
   */
  public static Either<CoexistError, PriorityMatrix> of(int[][] rows) {
    Problems problems = new Problems();
    if (rows == null || rows.length != 3) {
      problems.add("a priority matrix needs 3 rows (impact 1 to 3), had "
          + (rows == null ? 0 : rows.length));
    } else {
      for (int impact = 0; impact < 3; impact++) {
        int[] row = rows[impact];
        if (row == null || row.length != 3) {
          problems.add("impact " + (impact + 1) + " needs 3 cells (urgency 1 to 3), had "
              + (row == null ? 0 : row.length));
          continue;
        }
        for (int urgency = 0; urgency < 3; urgency++) {
          problems.require(row[urgency] >= 1 && row[urgency] <= 5, "impact " + (impact + 1)
              + " urgency " + (urgency + 1) + ": priority must be 1 to 5, was " + row[urgency]);
        }
      }
    }
    return problems.toEither(() -> new PriorityMatrix(copy(rows)));
  }

  /** The priority of {@code impact} and {@code urgency}. */
  public Priority priority(Impact impact, Urgency urgency) {
    return Priority.values()[levels[impact.ordinal()][urgency.ordinal()] - 1];
  }

  private static int[][] copy(int[][] rows) {
    int[][] copy = new int[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      copy[i] = rows[i].clone();
    }
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PriorityMatrix m && Arrays.deepEquals(levels, m.levels);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(levels);
  }

  @Override
  public String toString() {
    return "PriorityMatrix" + Arrays.deepToString(levels);
  }
}
