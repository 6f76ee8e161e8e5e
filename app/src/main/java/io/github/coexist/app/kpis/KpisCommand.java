package io.github.coexist.app.kpis;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kpi.DoraBenchmarks;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.KpiScope;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.app.cli.Args;
import io.github.coexist.app.events.EventLogReader;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * {@code coexist kpis}: reads an event log into a {@link KpiEngine} and prints the DORA and ITSM
 * metrics of one window as one JSON document.
 *
 * <pre>
 * kpis --events FILE [--from ISO] [--to ISO] [--service NAME]
 *      [--benchmarks 2021|2023|2024] [--production NAME,...] [--max-size SIZE]
 * </pre>
 *
 * Without {@code --from}/{@code --to} the window is the log's whole span. Bad lines are reported
 * on the error stream as {@code FILE:LINE: problem} and skipped; a line longer than {@link
 * EventLogReader#MAX_LINE_BYTES} is one, and a problem quotes at most an excerpt of the line. A log
 * larger than {@code --max-size} ({@link #DEFAULT_MAX_SIZE} by default: the engine holds about
 * 1.5 bytes of heap per byte of log) is refused before it is read, so that it cannot exhaust the
 * heap; a stream that is not a regular file is counted as it is read. Exit codes: 0 done, 1 the
 * log cannot be read or holds no events to span, 2 bad arguments, 3 the log is larger than
 * {@code --max-size}. {@code --help} prints all this.
 */
public final class KpisCommand {
  static final String USAGE = "usage: kpis --events FILE [--from ISO] [--to ISO] [--service NAME]"
      + " [--benchmarks 2021|2023|2024] [--production NAME,...] [--max-size SIZE]";

  /** The largest log read unless {@code --max-size} says otherwise: 1 GiB. */
  public static final long DEFAULT_MAX_SIZE = 1L << 30;

  /** Exit code: the log is larger than {@code --max-size}. */
  static final int TOO_LARGE = 3;

  static final String HELP = String.join("\n",
      USAGE,
      "Prints the DORA and ITSM metrics of an event log (JSON Lines) as one JSON document.",
      "  --events FILE        the event log (docs/kpis.md describes its format)",
      "  --from, --to ISO     the window, an ISO-8601 time or a date; the log's whole span by default",
      "  --service NAME       one service's metrics instead of the organisation's",
      "  --benchmarks YEAR    the DORA levels of 2021, 2023 (the default) or 2024",
      "  --production NAMES   the production environments, comma-separated (production,prod)",
      "  --max-size SIZE      the largest log read, in bytes or with K, M, G (KiB, MiB, GiB); 1G by default",
      "                       (the engine holds about 1.5 bytes of heap per byte of log: give the JVM -Xmx to match)",
      "Limits: a line longer than 1 MiB (1048576 bytes) is a bad line, reported and skipped;",
      "  bad lines go to standard error as FILE:LINE: problem, quoting at most 80 characters of the line.",
      "Exit codes: 0 done; 1 the log cannot be read, or holds no events and no window was given;",
      "  2 bad arguments; 3 the log is larger than --max-size.");

  private static final Set<String> OPTIONS = new LinkedHashSet<>(
      List.of("events", "from", "to", "service", "benchmarks", "production", "max-size"));

  private KpisCommand() {}

  /** Runs the command with {@code args} (after the word {@code kpis}); answers the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Either<Integer, Args> called = Args.forCommand("kpis", args, OPTIONS, HELP, USAGE, out, err);
    if (called.isLeft()) {
      return called.getLeft();
    }
    Args parsed = called.get();
    Map<String, String> options = new LinkedHashMap<>();
    OPTIONS.forEach(name -> parsed.option(name).ifPresent(value -> options.put(name, value)));
    Problems problems = new Problems();
    parsed.positional().forEach(word -> problems.add("unexpected argument '" + word + "'"));
    problems.require(options.containsKey("events"), "--events FILE is required");
    Optional<Instant> from = instant(options.get("from"), "--from", problems);
    Optional<Instant> to = instant(options.get("to"), "--to", problems);
    DoraBenchmarks benchmarks = DoraBenchmarks.defaults();
    if (options.containsKey("benchmarks")) {
      benchmarks = year(options.get("benchmarks"))
          .flatMap(DoraBenchmarks::forYear)
          .peekLeft(e -> problems.add("--benchmarks must be 2021, 2023 or 2024, was '" + options.get("benchmarks") + "'"))
          .getOrElse(benchmarks);
    }
    ProductionEnvironments production = ProductionEnvironments.defaults();
    if (options.containsKey("production")) {
      production = ProductionEnvironments.parse(options.get("production"))
          .peekLeft(e -> problems.add("--production: " + e.message()))
          .getOrElse(production);
    }
    long maxSize = DEFAULT_MAX_SIZE;
    if (options.containsKey("max-size")) {
      maxSize = ByteSize.parse(options.get("max-size")).orElse(-1L);
      if (maxSize < 0) {
        problems.add("--max-size must be a number of bytes, optionally with K, M or G (KiB, MiB, GiB), such as 2G, was '"
            + options.get("max-size") + "'");
      }
    }
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      problems.add("--to is before --from");
    }
    if (!problems.isEmpty()) {
      problems.list().forEach(problem -> err.println("kpis: " + problem));
      err.println(USAGE);
      return 2;
    }

    Path events = Path.of(options.get("events"));
    KpiEngine engine = KpiEngine.builder().production(production).build();
    EventLogReader.Summary summary;
    try {
      BasicFileAttributes attributes = Files.readAttributes(events, BasicFileAttributes.class);
      if (attributes.isRegularFile() && attributes.size() > maxSize) {
        err.println(tooLarge(events, attributes.size() + " bytes", maxSize));
        return TOO_LARGE;
      }
    } catch (NoSuchFileException e) {
      err.println("kpis: no such file: " + events);
      return 1;
    } catch (IOException e) {
      err.println("kpis: cannot read " + events + ": " + e.getMessage());
      return 1;
    }
    try (InputStream in = new BoundedInputStream(Files.newInputStream(events), maxSize)) {
      summary = PipelinedLoad.load(in, engine, (line, problem) -> err.println(events + ":" + line + ": " + problem));
    } catch (NoSuchFileException e) {
      err.println("kpis: no such file: " + events);
      return 1;
    } catch (BoundedInputStream.TooLargeException e) {
      err.println(tooLarge(events, "more than " + maxSize + " bytes", maxSize));
      return TOO_LARGE;
    } catch (IOException e) {
      err.println("kpis: cannot read " + events + ": " + e.getMessage());
      return 1;
    }
    if (summary.skipped() > 0) {
      err.println("kpis: skipped " + summary.skipped() + " bad line(s) of " + summary.lines());
    }

    Optional<TimeWindow> span = engine.span();
    if ((from.isEmpty() || to.isEmpty()) && span.isEmpty()) {
      err.println("kpis: " + events + " holds no events to take the window from; give --from and --to");
      return 1;
    }
    Instant start = from.orElseGet(() -> span.get().from());
    Instant end = to.orElseGet(() -> span.get().to());
    if (end.isBefore(start)) {
      err.println("kpis: the window ends (" + end + ") before it starts (" + start + ")");
      return 2;
    }
    Optional<String> service = Optional.ofNullable(options.get("service"));
    KpiScope scope = service.map(s -> KpiScope.service(ServiceId.of(s))).orElse(KpiScope.organisation());
    KpiReport report = engine.query(new KpiQuery(new TimeWindow(start, end), scope, benchmarks));
    try {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      KpiReportJson.write(report, service, writer);
      writer.flush();
    } catch (IOException e) {
      err.println("kpis: cannot write the report: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  private static String tooLarge(Path events, String size, long maxSize) {
    return "kpis: " + events + " is " + size + ", larger than --max-size " + maxSize + " bytes; not read"
        + " (raise --max-size, and the JVM's -Xmx with it: about 1.5 bytes of heap per byte of log)";
  }

  private static Optional<Instant> instant(String text, String name, Problems problems) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException again) {
        problems.add(name + " must be an ISO-8601 time such as 2024-03-04T00:00:00Z or a date such as 2024-03-04, was '" + text + "'");
        return Optional.empty();
      }
    }
  }

  private static Either<CoexistError, Integer> year(String text) {
    try {
      return Either.right(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Either.left(CoexistError.invalid("not a year"));
    }
  }
}
