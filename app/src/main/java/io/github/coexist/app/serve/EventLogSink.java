package io.github.coexist.app.serve;

import io.github.coexist.app.events.EventLogWriter;
import io.github.coexist.app.events.EventSink;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the service's KPI facts to an event log ({@code COEXIST_EVENT_LOG}), one line each,
 * flushed as written, so {@code kpis --events FILE} reads what the service counted; a restart
 * appends to the same log. A write that
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
   * Opens {@code file} to append to, creating it when missing, so a restart goes on where the last
   * run stopped. When the last run stopped in the middle of a line (the file does not end with a
   * newline), the next event starts on a new line: the half-written line stays one bad line that
   * {@code kpis} reports and skips, and no event is glued onto it.
   */
  static EventLogSink open(Path file) throws IOException {
    boolean unfinishedLine = endsWithoutNewline(file);
    Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (unfinishedLine) {
      LOG.warn("event log {} ends in the middle of a line (the last run stopped while writing it); "
          + "appending on a new line", file);
      out.write('\n');
      out.flush();
    }
    return new EventLogSink(file, new EventLogWriter(out));
  }

  /** Whether {@code file} holds bytes and its last one is not a line end. */
  static boolean endsWithoutNewline(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return false;
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
      channel.position(channel.size() - 1);
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last);
      byte b = last.get(0);
      return b != '\n' && b != '\r';
    }
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
