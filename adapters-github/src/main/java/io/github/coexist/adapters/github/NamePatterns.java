package io.github.coexist.adapters.github;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Names or glob patterns ({@code *} any run of characters, {@code ?} one), compared without case. */
final class NamePatterns {
  private final List<Pattern> patterns;

  NamePatterns(List<String> globs) {
    this.patterns = globs.stream().map(NamePatterns::compile).toList();
  }

  /** Whether {@code name} matches any of the patterns. */
  boolean matches(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return patterns.stream().anyMatch(p -> p.matcher(lower).matches());
  }

  private static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
