package io.github.coexist.examples.events;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.vavr.control.Either;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Objects;

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
        dispatch(parsed.get(), sink);
        events++;
      }
    }
    return new Summary(lines, events, skipped);
  }

  private static void dispatch(Object fact, EventSink sink) {
    if (fact instanceof Deployment) {
      sink.deployment((Deployment) fact);
    } else if (fact instanceof IncidentFact) {
      sink.incident((IncidentFact) fact);
    } else if (fact instanceof ChangeFact) {
      sink.change((ChangeFact) fact);
    } else {
      sink.feedback((FeedbackFact) fact);
    }
  }
}
