package io.github.coexist.app.kpis;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes as a person writes it: {@code 1073741824}, {@code 512K}, {@code 100M}, {@code 2G}
 * (binary multiples, so {@code 1K} is 1024 bytes; {@code KiB}, {@code MB} and the like are read the
 * same way, without case).
 */
final class ByteSize {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(?:([KMG])(?:I?B)?|B)?");

  private ByteSize() {}

  /** The bytes {@code text} names, or empty when it names none or more than {@link Long#MAX_VALUE}. */
  static Optional<Long> parse(String text) {
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long number = Long.parseLong(m.group(1));
    int shift = m.group(2) == null ? 0 : 10 * ("KMG".indexOf(m.group(2).charAt(0)) + 1);
    if (number > Long.MAX_VALUE >> shift) {
      return Optional.empty();
    }
    return Optional.of(number << shift);
  }
}
