package io.github.coexist.app.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes coexist's event log, JSON Lines, in the form {@link EventLogReader} reads: one object per
 * line, fields in a fixed order, {@code type} first, times as ISO-8601 UTC, absent optional fields
 * left out. An in-progress deployment has nothing to log yet and is refused. Not thread-safe.
 */
public final class EventLogWriter implements Closeable, Flushable {
  private final Writer out;
  private final JsonGenerator json;

  /** A writer onto {@code out}, which {@link #close()} closes. */
  public EventLogWriter(Writer out) throws IOException {
    this.out = out;
    this.json = new JsonFactory().createGenerator(out);
    json.setPrettyPrinter(new MinimalPrettyPrinter(""));
  }

  /**
   * Writes {@code fact}, one of {@link Deployment}, {@link IncidentFact}, {@link ChangeFact} or
   * {@link FeedbackFact}, as the line of its kind.
   */
  public void write(Object fact) throws IOException {
    if (fact instanceof Deployment d) {
      write(d);
    } else if (fact instanceof IncidentFact i) {
      write(i);
    } else if (fact instanceof ChangeFact c) {
      write(c);
    } else if (fact instanceof FeedbackFact f) {
      write(f);
    } else {
      throw new IllegalArgumentException("not an event: " + fact);
    }
  }

  /** Writes a finished deployment. */
  public void write(Deployment d) throws IOException {
    if (d.finishedAt().isEmpty()) {
      throw new IllegalArgumentException("deployment " + d.id() + " has not finished: the log holds finished deployments");
    }
    json.writeStartObject();
    json.writeStringField("type", "deployment");
    json.writeStringField("id", d.id().value());
    json.writeStringField("service", d.service().value());
    json.writeStringField("environment", d.environment());
    json.writeStringField("status", d.status().name().toLowerCase(Locale.ROOT));
    time("startedAt", Optional.of(d.startedAt()));
    time("finishedAt", d.finishedAt());
    json.writeArrayFieldStart("commits");
    for (Commit c : d.commits()) {
      json.writeStartObject();
      json.writeStringField("sha", c.sha());
      time("committedAt", Optional.of(c.committedAt()));
      json.writeEndObject();
    }
    json.writeEndArray();
    text("changeId", d.changeId().map(Object::toString));
    text("hotfixFor", d.hotfixFor().map(Object::toString));
    text("repository", d.repository());
    text("sha", d.sha());
    text("rollbackOf", d.rollbackOf().map(Object::toString));
    end();
  }

  /** Writes an incident as it stands now. */
  public void write(IncidentFact i) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "incident");
    json.writeStringField("id", i.id().value());
    json.writeStringField("service", i.service().value());
    json.writeNumberField("priority", i.priority());
    time("openedAt", Optional.of(i.openedAt()));
    time("acknowledgedAt", i.acknowledgedAt());
    time("resolvedAt", i.resolvedAt());
    text("causedBy", i.causedBy().map(Object::toString));
    json.writeNumberField("reopenCount", i.reopenCount());
    if (i.withinSla().isPresent()) {
      json.writeBooleanField("withinSla", i.withinSla().get());
    }
    if (i.causedBy().isEmpty() && i.verdict().isPresent()) {
      // a link implies its verdict; without one, only a ruling is worth writing
      json.writeStringField("verdict", i.verdict().get().label());
    }
    end();
  }

  /** Writes a change as it stands now. */
  public void write(ChangeFact c) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "change");
    json.writeStringField("id", c.id().value());
    json.writeStringField("service", c.service().value());
    json.writeStringField("changeType", c.type().name().toLowerCase(Locale.ROOT));
    time("createdAt", Optional.of(c.createdAt()));
    time("closedAt", c.closedAt());
    text("closeCode", c.closeCode().map(code -> code.name().toLowerCase(Locale.ROOT)));
    json.writeBooleanField("autoApproved", c.autoApproved());
    end();
  }

  /** Writes a satisfaction answer. */
  public void write(FeedbackFact f) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "feedback");
    json.writeStringField("ticket", f.ticket());
    json.writeNumberField("rating", f.rating());
    time("at", Optional.of(f.at()));
    text("service", f.service().map(Object::toString));
    end();
  }

  @Override
  public void flush() throws IOException {
    json.flush();
  }

  @Override
  public void close() throws IOException {
    json.close();
    out.close();
  }

  private void end() throws IOException {
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private void time(String name, Optional<Instant> instant) throws IOException {
    if (instant.isPresent()) {
      json.writeStringField(name, instant.get().toString());
    }
  }

  private void text(String name, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      json.writeStringField(name, value.get());
    }
  }
}
