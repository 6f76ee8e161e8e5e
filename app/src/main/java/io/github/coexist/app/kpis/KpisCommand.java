package io.github.coexist.app.kpis;

import io.github.coexist.app.cli.Cli;
import io.github.coexist.app.cli.Converters;
import io.github.coexist.app.cli.Version;
import io.github.coexist.app.events.EventLogReader;
import io.github.coexist.core.kpi.DoraBenchmarks;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.KpiScope;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.ServiceId;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

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
@Command(name = "kpis", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Prints the DORA and ITSM metrics of an event log (JSON Lines) as one JSON document.",
    footerHeading = "%nLimits:%n",
    footer = {"  A line longer than 1 MiB (1048576 bytes) is a bad line, reported and skipped;",
        "  bad lines go to standard error as FILE:LINE: problem, quoting at most 80 characters of the line."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the log cannot be read, or holds no events and no window was given",
        "2:bad arguments", "3:the log is larger than --max-size"})
public final class KpisCommand implements Callable<Integer> {
  /** The largest log read unless {@code --max-size} says otherwise: 1 GiB. */
  public static final long DEFAULT_MAX_SIZE = 1L << 30;

  /** Exit code: the log is larger than {@code --max-size}. */
  static final int TOO_LARGE = 3;

  @Spec
  private CommandSpec spec;

  @Option(names = "--events", required = true, paramLabel = "FILE",
      description = "the event log (docs/kpis.md describes its format)")
  private Path events;

  @Option(names = "--from", paramLabel = "ISO", converter = Converters.IsoInstant.class,
      description = "the window's start, an ISO-8601 time or a date; the log's first event by default")
  private Instant from;

  @Option(names = "--to", paramLabel = "ISO", converter = Converters.IsoInstant.class,
      description = "the window's end, an ISO-8601 time or a date; the log's last event by default")
  private Instant to;

  @Option(names = "--service", paramLabel = "NAME", description = "one service's metrics instead of the organisation's")
  private String service;

  @Option(names = "--benchmarks", paramLabel = "YEAR", converter = BenchmarkYear.class,
      description = "the DORA levels of 2021, 2023 or 2024 (the default)")
  private DoraBenchmarks benchmarks = DoraBenchmarks.defaults();

  @Option(names = "--production", paramLabel = "NAMES", converter = Converters.Production.class,
      description = "the production environments, comma-separated (production,prod)")
  private ProductionEnvironments production = ProductionEnvironments.defaults();

  @Option(names = "--max-size", paramLabel = "SIZE", converter = MaxSize.class,
      description = {"the largest log read, in bytes or with K, M, G (KiB, MiB, GiB); 1G by default",
          "(the engine holds about 1.5 bytes of heap per byte of log: give the JVM -Xmx to match)"})
  private long maxSize = DEFAULT_MAX_SIZE;

  private final PrintStream out;
  private final PrintStream err;

  /** The command, printing its report on {@code out} and its problems on {@code err}. */
  public KpisCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command with {@code args} (after the word {@code kpis}); answers the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.run(new KpisCommand(out, err), args, out, err);
  }

  @Override
  public Integer call() {
    if (from != null && to != null && to.isBefore(from)) {
      return Cli.refuse(spec, List.of("--to is before --from"));
    }
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
    if ((from == null || to == null) && span.isEmpty()) {
      err.println("kpis: " + events + " holds no events to take the window from; give --from and --to");
      return 1;
    }
    Instant start = from != null ? from : span.get().from();
    Instant end = to != null ? to : span.get().to();
    if (end.isBefore(start)) {
      err.println("kpis: the window ends (" + end + ") before it starts (" + start + ")");
      return 2;
    }
    Optional<String> service = Optional.ofNullable(this.service);
    KpiScope scope = service.map(s -> KpiScope.service(ServiceId.of(s))).orElse(KpiScope.organisation());
    KpiQuery query = new KpiQuery(new TimeWindow(start, end), scope, benchmarks);
    KpiReport report = engine.query(query);
    try {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      KpiReportJson.write(report, engine.failures(query), service, writer);
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

  /** A year of DORA levels. */
  static final class BenchmarkYear implements ITypeConverter<DoraBenchmarks> {
    @Override
    public DoraBenchmarks convert(String text) {
      try {
        return DoraBenchmarks.forYear(Integer.parseInt(text.strip())).getOrElseThrow(e -> refused(text));
      } catch (NumberFormatException e) {
        throw refused(text);
      }
    }

    private static TypeConversionException refused(String text) {
      return new TypeConversionException("must be 2021, 2023 or 2024, was '" + text + "'");
    }
  }

  /** A size in bytes, optionally with K, M or G. */
  static final class MaxSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      return ByteSize.parse(text).orElseThrow(() -> new TypeConversionException(
          "must be a number of bytes, optionally with K, M or G (KiB, MiB, GiB), such as 2G, was '" + text + "'"));
    }
  }
}
