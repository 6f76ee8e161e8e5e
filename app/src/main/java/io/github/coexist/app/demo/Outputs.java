package io.github.coexist.app.demo;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.AuditVerification;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.postmortem.Postmortem;
import io.github.coexist.app.events.EventLogWriter;
import io.github.coexist.app.events.EventSink;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.kpis.KpiReportJson;
import io.vavr.collection.Seq;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's output folder: {@code events.jsonl} (the event log, written as the story happens),
 * {@code postmortems/<incident>.md}, and at the end {@code dashboard.html}, {@code audit.jsonl}
 * and {@code kpis.json} (what {@code kpis --events events.jsonl} prints). Drafts left in {@code
 * postmortems/} by an earlier run are removed first, so the folder holds one story.
 */
final class Outputs implements Closeable {
  /** The event log's file name. */
  static final String EVENTS = "events.jsonl";

  private final Path folder;
  private final EventLogWriter log;
  private final List<Path> written = new ArrayList<>();
  private long events;

  private Outputs(Path folder, EventLogWriter log) {
    this.folder = folder;
    this.log = log;
  }

  /** Creates {@code folder} (and {@code postmortems/} in it) and opens the event log. */
  static Outputs open(Path folder) throws IOException {
    Files.createDirectories(folder.resolve("postmortems"));
    try (DirectoryStream<Path> old = Files.newDirectoryStream(folder.resolve("postmortems"), "*.md")) {
      for (Path draft : old) {
        Files.delete(draft);
      }
    }
    Path events = folder.resolve(EVENTS);
    Outputs outputs = new Outputs(folder, new EventLogWriter(Files.newBufferedWriter(events, StandardCharsets.UTF_8)));
    outputs.written.add(events);
    return outputs;
  }

  /** The event log as a sink for the app; a write that fails stops the story. */
  EventSink events() {
    return EventSink.of(fact -> write(() -> log.write(fact)));
  }

  private interface Write {
    void run() throws IOException;
  }

  private void write(Write write) {
    try {
      write.run();
      events++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder.resolve(EVENTS), e);
    }
  }

  /** How many events the log holds. */
  long eventCount() {
    return events;
  }

  /** Writes {@code draft} to {@code postmortems/<incident>.md}. */
  Path postmortem(Postmortem draft) {
    Path file = folder.resolve("postmortems").resolve(draft.incident().value() + ".md");
    text(file, draft.toMarkdown());
    return file;
  }

  /** Writes the dashboard page. */
  Path dashboard(String html) {
    Path file = folder.resolve("dashboard.html");
    text(file, html);
    return file;
  }

  /** Writes {@code report} as {@code kpis.json}, in the {@code kpis} command's form. */
  Path kpis(KpiReport report, java.util.List<io.github.coexist.core.kpi.FailedDeployment> failures) {
    Path file = folder.resolve("kpis.json");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      KpiReportJson.write(report, failures, Optional.empty(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    written.add(file);
    return file;
  }

  /** Writes every entry of {@code trail}, one JSON object a line; answers the trail's verification. */
  AuditVerification audit(AuditTrail trail) {
    Path file = folder.resolve("audit.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      long from = 1;
      while (true) {
        Seq<AuditEntry> page = Story.must(trail.read(from, 500), "reading the audit trail");
        for (AuditEntry entry : page) {
          out.write(Views.text(Views.audit(entry)));
          out.write('\n');
        }
        if (page.size() < 500) {
          break;
        }
        from += page.size();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    written.add(file);
    return Story.must(trail.verify(), "verifying the audit trail");
  }

  /** Every file written, in the order written. */
  List<Path> written() {
    return List.copyOf(written);
  }

  private void text(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    written.add(file);
  }

  /** Closes the event log. */
  @Override
  public void close() throws IOException {
    log.close();
  }
}
