package io.github.coexist.examples.events;

import java.util.ArrayList;
import java.util.List;

/**
 * A quick reader for the plain lines the event log almost always holds: one JSON object of
 * strings without escapes, integers, booleans, nulls, arrays and nested objects. It reads a line
 * into the same slots {@link LineParser} fills from Jackson, about four times faster, and steps
 * aside (answers null) at anything else (an escape, a fraction, a long number, a control
 * character, any syntax error), so Jackson reads that line and reports its problems. Stateless.
 */
final class FastScan {
  private static final int FIELDS = Field.values().length;
  private static final int MAX_LONG_DIGITS = 18;
  /** Deeper nesting steps aside: Jackson bounds it too, and recursion must not overflow the stack. */
  private static final int MAX_DEPTH = 32;

  private final char[] line;
  private final int length;
  private int at;
  private int depth;

  private FastScan(String line) {
    // One copy, then plain array reads: the loops below run over every character of the log.
    this.line = line.toCharArray();
    this.length = this.line.length;
  }

  /** The line's object in slots by {@link Field#ordinal()}, or null when Jackson must read it. */
  static Object[] scan(String line) {
    FastScan scan = new FastScan(line);
    scan.spaces();
    if (!scan.take('{')) {
      return null;
    }
    Object[] object = scan.object();
    if (object == null) {
      return null;
    }
    scan.spaces();
    return scan.at == scan.length ? object : null;
  }

  /** The rest of an object whose brace was taken; null to step aside. */
  private Object[] object() {
    Object[] object = new Object[FIELDS];
    spaces();
    if (take('}')) {
      return object;
    }
    while (true) {
      spaces();
      String name = string();
      spaces();
      if (name == null || !take(':')) {
        return null;
      }
      spaces();
      Object value = value();
      if (value == STEP_ASIDE) {
        return null;
      }
      Field field = Field.named(name);
      if (field != null) {
        object[field.ordinal()] = value;
      }
      spaces();
      if (take('}')) {
        return object;
      }
      if (!take(',')) {
        return null;
      }
    }
  }

  private static final Object STEP_ASIDE = new Object();

  private Object value() {
    if (at >= length) {
      return STEP_ASIDE;
    }
    char c = line[at];
    switch (c) {
      case '"': {
        String text = string();
        return text == null ? STEP_ASIDE : text;
      }
      case '{': {
        at++;
        if (++depth > MAX_DEPTH) {
          return STEP_ASIDE;
        }
        Object[] nested = object();
        depth--;
        return nested == null ? STEP_ASIDE : nested;
      }
      case '[': {
        at++;
        if (++depth > MAX_DEPTH) {
          return STEP_ASIDE;
        }
        Object list = array();
        depth--;
        return list;
      }
      case 't':
        return word("true") ? Boolean.TRUE : STEP_ASIDE;
      case 'f':
        return word("false") ? Boolean.FALSE : STEP_ASIDE;
      case 'n':
        return word("null") ? null : STEP_ASIDE;
      default:
        return number();
    }
  }

  private Object array() {
    List<Object> list = new ArrayList<>();
    spaces();
    if (take(']')) {
      return list;
    }
    while (true) {
      spaces();
      Object value = value();
      if (value == STEP_ASIDE) {
        return STEP_ASIDE;
      }
      list.add(value);
      spaces();
      if (take(']')) {
        return list;
      }
      if (!take(',')) {
        return STEP_ASIDE;
      }
    }
  }

  /** A string without escapes or control characters, its quote at {@code at}; null to step aside. */
  private String string() {
    if (!take('"')) {
      return null;
    }
    int start = at;
    for (; at < length; at++) {
      char c = line[at];
      if (c == '"') {
        return new String(line, start, at++ - start);
      }
      if (c == '\\' || c < 0x20) {
        return null;
      }
    }
    return null;
  }

  /** An integer of at most 18 digits as a Long, as Jackson reads it; anything else steps aside. */
  private Object number() {
    int start = at;
    boolean negative = take('-');
    int digitsStart = at;
    long value = 0;
    while (at < length && line[at] >= '0' && line[at] <= '9') {
      value = value * 10 + (line[at] - '0');
      at++;
    }
    int digits = at - digitsStart;
    if (digits == 0 || digits > MAX_LONG_DIGITS || (digits > 1 && line[digitsStart] == '0')) {
      return STEP_ASIDE;
    }
    if (at < length) {
      char next = line[at];
      if (next == '.' || next == 'e' || next == 'E' || Character.isLetterOrDigit(next)) {
        at = start;
        return STEP_ASIDE;
      }
    }
    return negative ? -value : value;
  }

  private boolean word(String word) {
    if (at + word.length() > length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (line[at + i] != word.charAt(i)) {
        return false;
      }
    }
    at += word.length();
    return at >= length || !Character.isLetterOrDigit(line[at]);
  }

  private boolean take(char c) {
    if (at < length && line[at] == c) {
      at++;
      return true;
    }
    return false;
  }

  private void spaces() {
    while (at < length) {
      char c = line[at];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return;
      }
      at++;
    }
  }
}
