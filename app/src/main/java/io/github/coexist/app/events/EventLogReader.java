package io.github.coexist.app.events;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads coexist's event log, JSON Lines in UTF-8: one object per line with a {@code type} of
 * {@code deployment}, {@code incident}, {@code change} or {@code feedback} (the README's "Event
 * log" section lists the fields). Streams: a buffer's worth of the log in memory at a time. Lines
 * end at {@code \n}, {@code \r\n} or {@code \r}, as {@link java.io.BufferedReader#readLine} sees
 * them.
 *
 * <p>Unknown fields are ignored, so that a newer writer's log stays readable. A line that is not a
 * valid event (bytes that are not UTF-8 included) is skipped and reported to {@link BadLines} with
 * its number and every problem found in it, never silently. Blank lines are skipped without a
 * report. Not thread-safe; one reader per thread.
 */
public final class EventLogReader {
  private static final int BUFFER = 1 << 20;

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

  /** Cuts the stream into lines in one growing buffer, and parses each where it lies. */
  private final class Lines {
    private final InputStream in;
    private final Consumer<Object> facts;
    private final BadLines badLines;
    private byte[] buffer = new byte[BUFFER];
    private long count;
    private long events;
    private long skipped;

    Lines(InputStream in, Consumer<Object> facts, BadLines badLines) {
      this.in = in;
      this.facts = facts;
      this.badLines = badLines;
    }

    void readAll() throws IOException {
      int start = 0;
      int limit = 0;
      boolean skipLineFeed = false;
      while (true) {
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
          if (start < limit) {
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
        for (int i = ByteSearch.lineBreak(buffer, scanned, limit); i < limit; i = ByteSearch.lineBreak(buffer, start, limit)) {
          line(start, i);
          if (buffer[i] == '\r') {
            if (i + 1 == limit) {
              skipLineFeed = true;
            } else if (buffer[i + 1] == '\n') {
              i++;
            }
          }
          start = i + 1;
        }
        // keep the unfinished line, at the front of a buffer with room for more
        int kept = limit - start;
        if (kept * 2 > buffer.length) {
          byte[] larger = new byte[buffer.length * 2];
          System.arraycopy(buffer, start, larger, 0, kept);
          buffer = larger;
        } else {
          System.arraycopy(buffer, start, buffer, 0, kept);
        }
        start = 0;
        limit = kept;
      }
    }

    private void line(int from, int to) {
      count++;
      if (blank(from, to)) {
        return;
      }
      Either<String, Object> parsed = parser.parse(buffer, from, to);
      if (parsed.isLeft()) {
        skipped++;
        badLines.skipped(count, parsed.getLeft());
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
