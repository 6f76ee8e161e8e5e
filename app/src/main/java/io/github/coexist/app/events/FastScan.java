package io.github.coexist.app.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A quick reader for the plain lines the event log almost always holds. It reads a line's UTF-8
 * bytes in place into the same slots {@link LineParser} fills from Jackson, several times faster,
 * and steps aside (answers null) at anything it does not read itself, so that Jackson reads that
 * line and reports its problems.
 *
 * <p>It reads what the writer writes: an object whose known fields hold ASCII strings without
 * escapes, integers of up to 18 digits, booleans or nulls, and whose {@code commits} hold an array
 * of such objects. Unknown fields are checked as JSON and skipped without building their values
 * (strings with escapes or beyond ASCII, and nesting deeper than 32, step aside). Anything else
 * steps aside: a known field holding an object, an array or a fraction (a wrong kind that
 * Jackson's reading reports), a syntax error, a byte beyond ASCII in a known field.
 *
 * <p>A field that holds a time ({@link Field#instant}) gets its {@link java.time.Instant} in its
 * slot when the text is in the log's own form (see {@link IsoInstants#fast}), its text otherwise;
 * {@link Fields} reads both. The scanner is small on purpose: the JIT compiles it quickly, which
 * matters as much as its speed once compiled on a log that takes seconds to read. Not
 * thread-safe; one scanner per reader.
 */
final class FastScan {
  private static final int FIELDS = Field.values().length;
  private static final int MAX_LONG_DIGITS = 18;
  /** Deeper nesting steps aside: Jackson bounds it too, and recursion must not overflow the stack. */
  private static final int MAX_DEPTH = 32;
  /** What a read answers to step aside; a value that JSON cannot hold. */
  private static final Object STEP_ASIDE = new Object();

  // a line's slots and commit lists, reused from line to line: a log has millions of lines
  private final List<Object[]> slotPool = new ArrayList<>();
  private final List<List<Object>> listPool = new ArrayList<>();
  private int slotsUsed;
  private int listsUsed;

  private byte[] line;
  private int end;
  private int at;

  /**
   * The object on the bytes {@code line[from, to)} in slots by {@link Field#ordinal()}, or null
   * when Jackson must read it. The slots, and the lists in them, are this scanner's own: they hold
   * until its next scan, which reuses them.
   */
  Object[] scan(byte[] line, int from, int to) {
    this.line = line;
    this.at = from;
    this.end = to;
    slotsUsed = 0;
    listsUsed = 0;
    Object[] object = object(true);
    return object != null && spaces() == -1 ? object : null;
  }

  private Object[] slots() {
    if (slotsUsed == slotPool.size()) {
      slotPool.add(new Object[FIELDS]);
    }
    Object[] slots = slotPool.get(slotsUsed++);
    Arrays.fill(slots, null);
    return slots;
  }

  private List<Object> list() {
    if (listsUsed == listPool.size()) {
      listPool.add(new ArrayList<>());
    }
    List<Object> list = listPool.get(listsUsed++);
    list.clear();
    return list;
  }

  /** An object (skipping leading space); null to step aside. {@code top}: the line's own, whose {@code commits} are read. */
  private Object[] object(boolean top) {
    if (spaces() != '{') {
      return null;
    }
    at++;
    Object[] object = slots();
    if (spaces() == '}') {
      at++;
      return object;
    }
    while (true) {
      int nameStart = at + 1;
      int nameEnd = string();
      if (nameEnd < 0 || spaces() != ':') {
        return null;
      }
      at++;
      Field field = Field.named(line, nameStart, nameEnd);
      Object value;
      if (field == null) {
        value = skip(1) ? null : STEP_ASIDE;
      } else if (field == Field.COMMITS && top && spaces() == '[') {
        value = objects();
      } else {
        value = scalar(field.instant);
      }
      if (value == STEP_ASIDE) {
        return null;
      }
      if (field != null) {
        object[field.ordinal()] = value;
      }
      int next = spaces();
      at++;
      if (next == '}') {
        return object;
      }
      if (next != ',' || spaces() != '"') {
        return null;
      }
    }
  }

  /** An array of objects, its bracket at {@code at}; {@link #STEP_ASIDE} at anything else. */
  private Object objects() {
    at++;
    List<Object> list = list();
    if (spaces() == ']') {
      at++;
      return list;
    }
    while (true) {
      Object[] element = object(false);
      if (element == null) {
        return STEP_ASIDE;
      }
      list.add(element);
      int next = spaces();
      at++;
      if (next == ']') {
        return list;
      }
      if (next != ',') {
        return STEP_ASIDE;
      }
    }
  }

  /**
   * A known field's value, a string, whole number, boolean or null (a time's instant when
   * {@code time} and it reads as one); {@link #STEP_ASIDE} at anything else.
   */
  private Object scalar(boolean time) {
    int c = spaces();
    if (c == '"') {
      int start = at + 1;
      int stop = string();
      if (stop < 0) {
        return STEP_ASIDE;
      }
      Object instant = time ? IsoInstants.fast(line, start, stop) : null;
      // ASCII, checked by string(): Latin-1 decoding is a plain copy
      return instant != null ? instant : new String(line, start, stop - start, StandardCharsets.ISO_8859_1);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return wholeNumber();
    }
    return literal();
  }

  /** Checks and skips any JSON value; false to step aside. */
  private boolean skip(int depth) {
    int c = spaces();
    if (c == '"') {
      return string() >= 0;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (c != '{' && c != '[') {
      return literal() != STEP_ASIDE;
    }
    if (depth > MAX_DEPTH) {
      return false;
    }
    int close = c == '{' ? '}' : ']';
    at++;
    if (spaces() == close) {
      at++;
      return true;
    }
    while (true) {
      if (close == '}') {
        if (string() < 0 || spaces() != ':') {
          return false;
        }
        at++;
      }
      if (!skip(depth + 1)) {
        return false;
      }
      int next = spaces();
      at++;
      if (next == close) {
        return true;
      }
      if (next != ',' || (close == '}' && spaces() != '"')) {
        return false;
      }
    }
  }

  /**
   * Takes a string of printable ASCII without escapes, its quote at {@code at}; answers the index
   * of its closing quote, or -1 to step aside (a byte beyond ASCII is negative: Jackson decodes,
   * and checks, UTF-8).
   */
  private int string() {
    if (at >= end || line[at] != '"') {
      return -1;
    }
    at = ByteSearch.stringStop(line, at + 1, end);
    if (at < end && line[at] == '"') {
      return at++;
    }
    return -1;
  }

  /** An integer of at most 18 digits as a Long, as Jackson reads it; {@link #STEP_ASIDE} at anything else. */
  private Object wholeNumber() {
    int start = at;
    if (!number()) {
      return STEP_ASIDE;
    }
    boolean negative = line[start] == '-';
    int digits = at - start - (negative ? 1 : 0);
    if (digits > MAX_LONG_DIGITS) {
      return STEP_ASIDE;
    }
    long value = 0;
    for (int i = at - digits; i < at; i++) {
      int d = line[i] - '0';
      if (d < 0 || d > 9) {
        return STEP_ASIDE; // a fraction or an exponent
      }
      value = value * 10 + d;
    }
    return negative ? -value : value;
  }

  /** Takes a JSON number ({@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}); false to step aside. */
  private boolean number() {
    if (at < end && line[at] == '-') {
      at++;
    }
    if (at < end && line[at] == '0') {
      at++;
    } else if (digits() == 0) {
      return false;
    }
    if (at < end && line[at] == '.') {
      at++;
      if (digits() == 0) {
        return false;
      }
    }
    if (at < end && (line[at] == 'e' || line[at] == 'E')) {
      at++;
      if (at < end && (line[at] == '+' || line[at] == '-')) {
        at++;
      }
      if (digits() == 0) {
        return false;
      }
    }
    return at >= end || separator(line[at]);
  }

  private int digits() {
    int start = at;
    while (at < end && line[at] >= '0' && line[at] <= '9') {
      at++;
    }
    return at - start;
  }

  /** {@code true}, {@code false} or {@code null}; {@link #STEP_ASIDE} at anything else. */
  private Object literal() {
    Object value;
    int length;
    if (matches("true")) {
      value = Boolean.TRUE;
      length = 4;
    } else if (matches("false")) {
      value = Boolean.FALSE;
      length = 5;
    } else if (matches("null")) {
      value = null;
      length = 4;
    } else {
      return STEP_ASIDE;
    }
    at += length;
    return at >= end || separator(line[at]) ? value : STEP_ASIDE;
  }

  private boolean matches(String word) {
    if (at + word.length() > end) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (line[at + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code c} may follow a number or a literal: anything else (a letter, a dot) steps aside. */
  private static boolean separator(byte c) {
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** Skips white space; answers the byte then at {@code at} (not taken), or -1 at the end. */
  private int spaces() {
    while (at < end) {
      byte c = line[at];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return c;
      }
      at++;
    }
    return -1;
  }
}
