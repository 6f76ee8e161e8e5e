package io.github.coexist.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExcerptTest {
  @Test
  @DisplayName("short text is quoted whole; long text is cut at 80 characters with an ellipsis and its length")
  void quote() {
    assertThat(Excerpt.quote("ok")).isEqualTo("'ok'");
    assertThat(Excerpt.quote("a".repeat(80))).isEqualTo("'" + "a".repeat(80) + "'");
    assertThat(Excerpt.quote("a".repeat(81))).isEqualTo("'" + "a".repeat(80) + "\u2026' (81 characters)");
    assertThat(Excerpt.of(12345)).isEqualTo("12345");
  }

  @Test
  @DisplayName("control characters are escaped, and a cut never splits a surrogate pair")
  void printable() {
    assertThat(Excerpt.quote("a\nb\u001b[0m\u0085")).isEqualTo("'a\\u000ab\\u001b[0m\\u0085'");
    String cup = "\ud83c\udf75"; // U+1F375, two chars
    assertThat(Excerpt.of("a".repeat(79) + cup + "b")).isEqualTo("a".repeat(79) + "\u2026 (82 characters)");
  }

  @Test
  @DisplayName("a message is capped with an ellipsis and its length, and made printable even when short")
  void cap() {
    assertThat(Excerpt.cap("short", 10)).isEqualTo("short");
    assertThat(Excerpt.cap("x".repeat(11), 10)).isEqualTo("x".repeat(10) + "\u2026 (11 characters)");
    assertThat(Excerpt.cap("a\rb", 10)).isEqualTo("a\\u000db");
  }
}
