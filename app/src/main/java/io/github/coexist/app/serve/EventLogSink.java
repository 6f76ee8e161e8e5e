package io.github.coexist.app.serve;

import io.github.coexist.app.events.EventLogWriter;
import io.github.coexist.app.events.EventSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the service's KPI facts to an event log ({@code COEXIST_EVENT_LOG}), one line each,
 * flushed as written, so {@code kpis --events FILE} reads what the service counted. A write that
 * fails is logged (once until writes work again) and does not stop the service. Thread-safe.
 */
final class EventLogSink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLogSink.class);

  private final Path file;
  private final EventLogWriter writer;
  private boolean failing;

  private EventLogSink(Path file, EventLogWriter writer) {
    this.file = file;
    this.writer = writer;
  }

  /**
   * Opens {@code file}, which must not hold events yet: the app's ids (changes, incidents) start
   * again with every run, so facts of two runs in one log would overwrite each other.
   */
  static EventLogSink open(Path file) throws IOException {
    if (Files.exists(file) && Files.size(file) > 0) {
      throw new IOException(file + " already holds events; each run needs its own log (ids restart with every run)");
    }
    return new EventLogSink(file, new EventLogWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)));
  }

  /** The sink for the app: every fact is one line, flushed. */
  EventSink sink() {
    return EventSink.of(this::write);
  }

  private synchronized void write(Object fact) {
    write(() -> writer.write(fact));
  }

  private interface Write {
    void run() throws IOException;
  }

  private void write(Write write) {
    try {
      write.run();
      writer.flush();
      if (failing) {
        LOG.info("event log {} is written again", file);
        failing = false;
      }
    } catch (IOException e) {
      if (!failing) {
        LOG.error("event log {} cannot be written, facts are kept in memory only: {}", file, e.toString());
        failing = true;
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      LOG.warn("event log {} did not close cleanly: {}", file, e.toString());
    }
  }
}
