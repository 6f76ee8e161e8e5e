package io.github.coexist.examples.events;

import io.vavr.control.Either;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads coexist's event log, JSON Lines: one object per line with a {@code type} of
 * {@code deployment}, {@code incident}, {@code change} or {@code feedback} (the README's "Event
 * log" section lists the fields). Streams: one line in memory at a time.
 *
 * <p>Unknown fields are ignored, so that a newer writer's log stays readable. A line that is not a
 * valid event is skipped and reported to {@link BadLines} with its number and every problem found
 * in it, never silently. Blank lines are skipped without a report. Not thread-safe; one reader
 * per thread.
 */
public final class EventLogReader {
  private final LineParser parser = new LineParser();

  /** What a read saw. */
  public record Summary(long lines, long events, long skipped) {}

  /**
   * Reads {@code in} to its end (the caller closes it), handing every event to {@code sink} and
   * every bad line to {@code badLines}.
   */
  public Summary read(BufferedReader in, EventSink sink, BadLines badLines) throws IOException {
    Objects.requireNonNull(sink, "sink");
    return read(in, (Consumer<Object>) sink::accept, badLines);
  }

  /**
   * As {@link #read(BufferedReader, EventSink, BadLines)}, handing every event as it is, a
   * {@link io.github.coexist.core.delivery.Deployment}, {@link io.github.coexist.core.kpi.IncidentFact},
   * {@link io.github.coexist.core.kpi.ChangeFact} or {@link io.github.coexist.core.kpi.FeedbackFact},
   * to {@code facts} (to pass them on elsewhere, such as another thread, in order).
   */
  public Summary read(BufferedReader in, Consumer<Object> facts, BadLines badLines) throws IOException {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(badLines, "badLines");
    long lines = 0;
    long events = 0;
    long skipped = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lines++;
      if (line.isBlank()) {
        continue;
      }
      Either<String, Object> parsed = parser.parse(line);
      if (parsed.isLeft()) {
        skipped++;
        badLines.skipped(lines, parsed.getLeft());
      } else {
        facts.accept(parsed.get());
        events++;
      }
    }
    return new Summary(lines, events, skipped);
  }
}
