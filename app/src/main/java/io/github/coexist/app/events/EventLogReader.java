package io.github.coexist.app.events;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads coexist's event log, JSON Lines in UTF-8: one object per line with a {@code type} of
 * {@code deployment}, {@code incident}, {@code change} or {@code feedback} (the README's "Event
 * log" section lists the fields). Streams: one buffer of {@code 2 x} {@link #MAX_LINE_BYTES} in
 * memory, whatever the log's size. Lines end at {@code \n}, {@code \r\n} or {@code \r}, as
 * {@link java.io.BufferedReader#readLine} sees them.
 *
 * <p>A line longer than {@link #MAX_LINE_BYTES} (1 MiB; the largest fact a writer writes is a
 * deployment with its commits, a few kilobytes) is a bad line: it is reported as too long and
 * skipped to its end without being kept, so a log that is one endless line (a sparse file, a
 * device) is read in constant memory. Problems quote at most an excerpt of the line's values.
 *
 * <p>Unknown fields are ignored, so that a newer writer's log stays readable. A line that is not a
 * valid event (bytes that are not UTF-8 included) is skipped and reported to {@link BadLines} with
 * its number and every problem found in it, never silently. Blank lines are skipped without a
 * report. Not thread-safe; one reader per thread.
 */
public final class EventLogReader {
  /** The longest line read, in bytes without its line break: 1 MiB. Longer lines are bad lines. */
  public static final int MAX_LINE_BYTES = 1 << 20;
  /** The longest problem reported for one line, in characters; a longer one is cut. */
  static final int MAX_PROBLEM_CHARS = 1_000;
  /** Holds an unfinished line of the longest length and room to read as much again. */
  private static final int BUFFER = 2 * MAX_LINE_BYTES;
  static final String TOO_LONG = "longer than " + MAX_LINE_BYTES + " bytes (1 MiB), the longest line read; skipped";

  private final LineParser parser = new LineParser();

  /** What a read saw. */
  public record Summary(long lines, long events, long skipped) {}

  /**
   * Reads {@code in} to its end (the caller closes it), handing every event to {@code sink} and
   * every bad line to {@code badLines}.
   */
  public Summary read(InputStream in, EventSink sink, BadLines badLines) throws IOException {
    Objects.requireNonNull(sink, "sink");
    return read(in, (Consumer<Object>) sink::accept, badLines);
  }

  /**
   * As {@link #read(InputStream, EventSink, BadLines)}, handing every event as it is, a
   * {@link io.github.coexist.core.delivery.Deployment}, {@link io.github.coexist.core.kpi.IncidentFact},
   * {@link io.github.coexist.core.kpi.ChangeFact} or {@link io.github.coexist.core.kpi.FeedbackFact},
   * to {@code facts} (to pass them on elsewhere, such as another thread, in order).
   */
  public Summary read(InputStream in, Consumer<Object> facts, BadLines badLines) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(badLines, "badLines");
    Lines lines = new Lines(in, facts, badLines);
    lines.readAll();
    return new Summary(lines.count, lines.events, lines.skipped);
  }

  /**
   * Cuts the stream into lines in one buffer, and parses each where it lies. The buffer never
   * grows: an unfinished line is kept at its front only while it is at most {@link
   * #MAX_LINE_BYTES}, which leaves room for as much again behind it.
   */
  private final class Lines {
    private final InputStream in;
    private final Consumer<Object> facts;
    private final BadLines badLines;
    private final byte[] buffer = new byte[BUFFER];
    private long count;
    private long events;
    private long skipped;
    /** Whether the last line break seen was a {@code \r} at the end of a read: a {@code \n} after it is part of it. */
    private boolean skipLineFeed;

    Lines(InputStream in, Consumer<Object> facts, BadLines badLines) {
      this.in = in;
      this.facts = facts;
      this.badLines = badLines;
    }

    void readAll() throws IOException {
      int start = 0;
      int limit = 0;
      // inside a line already reported as too long: its bytes are dropped up to its line break
      boolean dropping = false;
      while (true) {
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
          if (start < limit && !dropping) {
            line(start, limit);
          }
          return;
        }
        int scanned = limit;
        limit += read;
        if (skipLineFeed && scanned < limit) {
          // the \n of a \r\n split across two reads
          if (buffer[scanned] == '\n') {
            start = ++scanned;
          }
          skipLineFeed = false;
        }
        if (dropping) {
          int end = ByteSearch.lineBreak(buffer, scanned, limit);
          if (end == limit) {
            limit = 0; // all of it belongs to the long line
            continue;
          }
          dropping = false;
          start = next(end, limit);
          scanned = start;
        }
        for (int i = ByteSearch.lineBreak(buffer, scanned, limit); i < limit; i = ByteSearch.lineBreak(buffer, start, limit)) {
          line(start, i);
          start = next(i, limit);
        }
        int kept = limit - start;
        if (kept > MAX_LINE_BYTES) {
          tooLong();
          dropping = true;
          kept = 0;
        } else {
          // keep the unfinished line at the front, with room for more behind it
          System.arraycopy(buffer, start, buffer, 0, kept);
        }
        start = 0;
        limit = kept;
      }
    }

    /** Where the line after the line break at {@code i} starts, taking the {@code \n} of a {@code \r\n}. */
    private int next(int i, int limit) {
      if (buffer[i] == '\r') {
        if (i + 1 == limit) {
          skipLineFeed = true;
        } else if (buffer[i + 1] == '\n') {
          return i + 2;
        }
      }
      return i + 1;
    }

    private void tooLong() {
      count++;
      skipped++;
      badLines.skipped(count, TOO_LONG);
    }

    private void line(int from, int to) {
      if (to - from > MAX_LINE_BYTES) {
        tooLong();
        return;
      }
      count++;
      if (blank(from, to)) {
        return;
      }
      Either<String, Object> parsed = parser.parse(buffer, from, to);
      if (parsed.isLeft()) {
        skipped++;
        badLines.skipped(count, Excerpt.cap(parsed.getLeft(), MAX_PROBLEM_CHARS));
      } else {
        facts.accept(parsed.get());
        events++;
      }
    }

    private boolean blank(int from, int to) {
      for (int i = from; i < to; i++) {
        byte b = buffer[i];
        if (b < 0 || !Character.isWhitespace(b)) {
          return false;
        }
      }
      return true;
    }
  }
}
