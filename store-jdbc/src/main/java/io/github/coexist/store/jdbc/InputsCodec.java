package io.github.coexist.store.jdbc;

import java.sql.SQLDataException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An audit entry's inputs as one text column: each name and value as its length in chars,
 * {@code ':'} and the text itself. Length prefixes make it exact for any text (colons, semicolons,
 * new lines, empty values), and one column keeps an append a single-row insert.
 */
final class InputsCodec {
  private InputsCodec() {}

  static String encode(Map<String, String> inputs) {
    StringBuilder text = new StringBuilder();
    inputs.forEach((name, value) -> {
      text.append(name.length()).append(':').append(name);
      text.append(value.length()).append(':').append(value);
    });
    return text.toString();
  }

  static SortedMap<String, String> decode(String text) throws SQLDataException {
    SortedMap<String, String> inputs = new TreeMap<>();
    int[] at = {0};
    while (at[0] < text.length()) {
      String name = next(text, at);
      if (at[0] >= text.length()) {
        throw new SQLDataException("the input '" + name + "' has no value");
      }
      inputs.put(name, next(text, at));
    }
    return inputs;
  }

  private static String next(String text, int[] at) throws SQLDataException {
    int colon = text.indexOf(':', at[0]);
    if (colon <= at[0]) {
      throw new SQLDataException("inputs are not length-prefixed at char " + at[0]);
    }
    int length;
    try {
      length = Integer.parseInt(text, at[0], colon, 10);
    } catch (NumberFormatException e) {
      throw new SQLDataException("inputs have a bad length at char " + at[0], e);
    }
    int end = colon + 1 + length;
    if (length < 0 || end > text.length()) {
      throw new SQLDataException("inputs end inside a field at char " + at[0]);
    }
    at[0] = end;
    return text.substring(colon + 1, end);
  }
}
