package io.github.coexist.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BodyLimitsTest {
  @Test
  @DisplayName("webhooks take 25 MB, everything else 1 MB")
  void standard() {
    BodyLimits limits = BodyLimits.standard();
    assertThat(limits.limitFor("/webhooks/github")).isEqualTo(25 * BodyLimits.MB);
    assertThat(limits.limitFor("/webhooks/jira")).isEqualTo(25 * BodyLimits.MB);
    assertThat(limits.limitFor("/alerts")).isEqualTo(BodyLimits.MB);
    assertThat(limits.limitFor("/api/changes/ch-1/decisions")).isEqualTo(BodyLimits.MB);
    assertThat(limits.limitFor("/webhooks")).as("not under /webhooks/").isEqualTo(BodyLimits.MB);
  }

  @Test
  @DisplayName("the longest matching prefix wins, whatever the order the limits were given in")
  void longestPrefix() {
    BodyLimits limits = new BodyLimits(10, Map.of("/a/b/", 30L, "/a/", 20L));
    assertThat(limits.limitFor("/a/b/c")).isEqualTo(30);
    assertThat(limits.limitFor("/a/c")).isEqualTo(20);
    assertThat(limits.with("/a/b/c", 40).limitFor("/a/b/c")).isEqualTo(40);
    assertThat(limits.limitFor("/z")).isEqualTo(10);
  }

  @Test
  @DisplayName("a limit must be positive, and limits read as people write them")
  void checksAndWords() {
    assertThatThrownBy(() -> new BodyLimits(0, Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BodyLimits.standard().with("/x/", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(BodyLimits.describe(25 * BodyLimits.MB)).isEqualTo("25 MB");
    assertThat(BodyLimits.describe(512 * 1024)).isEqualTo("512 KB");
    assertThat(BodyLimits.describe(100)).isEqualTo("100 bytes");
  }
}
