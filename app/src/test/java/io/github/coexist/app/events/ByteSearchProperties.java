package io.github.coexist.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

class ByteSearchProperties {
  /** Bytes at and around every boundary the searches care about, and plain ones. */
  private static final List<Integer> EDGES = List.of(0x00, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x1f, 0x20, 0x21, 0x22,
      0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0x9f, 0xa0, 0xdf, 0xff, (int) 'a', (int) '0', (int) 'Z');

  private static final Gen<byte[]> BYTES = SourceDSL.lists().of(Generate.pick(EDGES)).ofSizeBetween(0, 40)
      .zip(SourceDSL.integers().between(0, 3), (picked, plainness) -> {
        byte[] bytes = new byte[picked.size()];
        for (int i = 0; i < bytes.length; i++) {
          // mostly plain runs, as a log is, with the edges sprinkled in
          bytes[i] = (byte) (i % 4 < plainness ? 'x' : picked.get(i));
        }
        return bytes;
      });

  @Test
  @DisplayName("a string's stop is the first quote, backslash, control byte or byte beyond ASCII")
  void stringStop() {
    agreesWithByteByByte(ByteSearch::stringStop, c -> c == '"' || c == '\\' || c < 0x20 || c >= 0x80);
  }

  @Test
  @DisplayName("a line break is the first \\n or \\r")
  void lineBreak() {
    agreesWithByteByByte(ByteSearch::lineBreak, c -> c == '\n' || c == '\r');
  }

  /** A search over {@code [from, to)} of random bytes finds what a byte-by-byte loop finds. */
  private static void agreesWithByteByByte(Search search, IntPredicate wanted) {
    qt().withExamples(3000).forAll(BYTES, Generate.range(0, 40), Generate.range(0, 40)).checkAssert((bytes, a, b) -> {
      int from = Math.min(Math.min(a, b), bytes.length);
      int to = Math.min(Math.max(a, b), bytes.length);
      int expected = from;
      while (expected < to && !wanted.test(bytes[expected] & 0xff)) {
        expected++;
      }
      assertThat(search.first(bytes, from, to)).as("in %s from %d to %d", java.util.Arrays.toString(bytes), from, to)
          .isEqualTo(expected);
    });
  }

  /** One of {@link ByteSearch}'s searches. */
  private interface Search {
    int first(byte[] bytes, int from, int to);
  }
}
