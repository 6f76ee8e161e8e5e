package io.github.coexist.core.internal.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdSourceTest {

  @Test
  @DisplayName("a counting source goes on above the highest number restored with its prefix, whatever else was restored")
  void countingContinues() {
    IdSource<String> ids = IdSource.counting("INC-", Function.identity());
    ids.restored("INC-00000041");
    ids.restored("INC-7");
    ids.restored("INC-ABC");
    ids.restored("PRB-00000900");
    ids.restored("INC-99999999999999999999");

    assertThat(ids.next()).isEqualTo("INC-00000042");
  }

  @Test
  @DisplayName("numbers given by a sequence are written with the prefix, zero-padded to eight digits; a restore moves nothing")
  void numbered() {
    long[] next = {9};
    IdSource<String> ids = IdSource.numbered("REQ-", Function.identity(), () -> next[0]++);
    ids.restored("REQ-00000500");

    assertThat(List.of(ids.next(), ids.next())).containsExactly("REQ-00000009", "REQ-00000010");
    next[0] = 0;
    assertThatThrownBy(ids::next).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("ids sort as people read them: runs of digits by value")
  void naturalOrder() {
    List<String> ids = new ArrayList<>(List.of("INC-10", "INC-9", "INC-00000002", "INC-1", "INC-1a", "PRB-1"));
    ids.sort(IdSource.NATURAL);

    assertThat(ids).containsExactly("INC-1", "INC-1a", "INC-00000002", "INC-9", "INC-10", "PRB-1");
  }
}
