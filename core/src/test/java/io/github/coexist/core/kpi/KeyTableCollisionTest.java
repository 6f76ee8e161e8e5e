package io.github.coexist.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keys whose 32-bit hashes are equal: the table must tell them apart by their bytes. Random keys
 * almost never collide, so these pairs were found by searching the table's hash function (a
 * birthday search over a few hundred thousand keys of each shape).
 */
class KeyTableCollisionTest {
  // Same hash, same length, one byte per character (the plain encoding).
  private static final String[][] PLAIN = {
      {"svc-0043562", "svc-0088185"},
      {"svc-0023616", "svc-0134187"},
      {"svc-0003118", "svc-0144214"},
  };
  // Same hash, packed as hex (commit shas).
  private static final String[][] HEX = {
      {"0000000000000000000000006fa601edafe4129b", "0000000000000000000000001961ac541262374e"},
      {"000000000000000000000000038839ea6ccf8ca0", "00000000000000000000000065b9e663b9d0bd22"},
  };

  @Test
  @DisplayName("two keys with the same hash get two indices, each found again and given back")
  void collidingKeysStayApart() {
    for (String[][] pairs : new String[][][] {PLAIN, HEX}) {
      for (String[] pair : pairs) {
        KeyTable table = new KeyTable();
        int first = table.intern(pair[0]);
        assertThat(table.find(pair[1])).as("%s before it is interned", pair[1]).isEqualTo(-1);
        int second = table.intern(pair[1]);
        assertThat(second).isNotEqualTo(first);
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.intern(pair[0])).isEqualTo(first);
        assertThat(table.intern(pair[1])).isEqualTo(second);
        assertThat(table.find(pair[0])).isEqualTo(first);
        assertThat(table.find(pair[1])).isEqualTo(second);
        assertThat(table.key(first)).isEqualTo(pair[0]);
        assertThat(table.key(second)).isEqualTo(pair[1]);
      }
    }
  }

  @Test
  @DisplayName("colliding keys stay apart after the table grows and rehashes around them")
  void collidingKeysSurviveRehashing() {
    KeyTable table = new KeyTable();
    int first = table.intern(PLAIN[0][0]);
    int second = table.intern(PLAIN[0][1]);
    for (int i = 0; i < 1_000; i++) {
      table.intern("filler-" + i);
    }
    assertThat(table.size()).isEqualTo(1_002);
    assertThat(table.find(PLAIN[0][0])).isEqualTo(first);
    assertThat(table.find(PLAIN[0][1])).isEqualTo(second);
    for (int i = 0; i < 1_000; i++) {
      assertThat(table.find("filler-" + i)).isEqualTo(i + 2);
    }
  }
}
