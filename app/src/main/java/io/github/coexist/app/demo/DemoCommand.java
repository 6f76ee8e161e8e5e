package io.github.coexist.app.demo;

import io.github.coexist.app.cli.Cli;
import io.github.coexist.app.cli.Version;
import io.github.coexist.app.logging.Logging;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code coexist demo}: a simulated week at an online shop, on coexist's embedded default or
 * against local stand-ins of ServiceNow, Jira and GitHub, told as a readable account on standard
 * output and written to a folder (event log, dashboard, postmortems, audit trail, KPIs).
 *
 * <pre>
 * demo [--seed N] [--days N] [--out DIR] [--itsm inmemory|servicenow|jira] [--github standin|none]
 * </pre>
 *
 * The same options print the same account and write the same event log. Exit codes: 0 done, 1 the
 * story could not be told (a file could not be written, a step failed), 2 bad arguments.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Tells a simulated week at an online shop run with coexist, on its embedded default or against",
        "local stand-ins of ServiceNow, Jira and GitHub, and writes its event log, dashboard, postmortems,",
        "audit trail and KPIs to a folder. The same options tell the same story."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the story could not be told (a file could not be written, a step failed)",
        "2:bad arguments"})
public final class DemoCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--seed", paramLabel = "N", description = "the seed of the story's chance (42)")
  private long seed = DemoOptions.defaults().seed();

  @Option(names = "--days", paramLabel = "N", description = "how many days the story runs, 1 to " + DemoOptions.MAX_DAYS + " (5)")
  private int days = DemoOptions.defaults().days();

  @Option(names = "--out", paramLabel = "DIR", description = "where its files go (./coexist-demo)")
  private Path out = DemoOptions.defaults().out();

  @Option(names = "--itsm", paramLabel = "TOOL", description = "inmemory (the default), servicenow or jira (local stand-ins)")
  private DemoOptions.ItsmChoice itsm = DemoOptions.defaults().itsm();

  @Option(names = "--github", paramLabel = "standin|none",
      description = "none (the default): deployments reach coexist directly; standin: through a local GitHub stand-in")
  private GitHub github = DemoOptions.defaults().github() ? GitHub.STANDIN : GitHub.NONE;

  private final PrintStream stdout;
  private final PrintStream stderr;

  /** The command, telling its story on {@code stdout} and its problems on {@code stderr}. */
  public DemoCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Runs the demo with {@code args} (after the word {@code demo}); answers the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.run(new DemoCommand(out, err), args, out, err);
  }

  @Override
  public Integer call() {
    Optional<DemoOptions> options = options();
    if (options.isEmpty()) {
      return Cli.USAGE;
    }
    quietLogging();
    try {
      Demo.run(options.get(), stdout, finished -> { });
      stdout.flush();
      return Cli.OK;
    } catch (IOException | UncheckedIOException e) {
      stderr.println("demo: cannot write to " + options.get().out() + ": " + e.getMessage());
      return Cli.FAILED;
    } catch (IllegalStateException e) {
      stderr.println("demo: the story could not go on: " + e.getMessage());
      return Cli.FAILED;
    }
  }

  /** The options {@code args} give, or empty after printing what is wrong with them to {@code err}. */
  static Optional<DemoOptions> parse(String[] args, PrintStream err) {
    DemoCommand command = new DemoCommand(err, err);
    CommandLine line = Cli.of(command, err, err);
    try {
      line.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      err.println("demo: " + e.getMessage());
      return Optional.empty();
    }
    return command.options();
  }

  private Optional<DemoOptions> options() {
    if (days < 1 || days > DemoOptions.MAX_DAYS) {
      Cli.refuse(spec, List.of("--days must be 1 to " + DemoOptions.MAX_DAYS + ", was " + days));
      return Optional.empty();
    }
    return Optional.of(new DemoOptions(seed, days, out, itsm, github == GitHub.STANDIN));
  }

  /** Whether deployments go through a GitHub stand-in. */
  private enum GitHub { STANDIN, NONE }

  /**
   * The account is the demo's output; the adapters' and stand-ins' INFO logs would drown it on the
   * terminal. Warnings still show, and {@code COEXIST_LOG_LEVEL} wins.
   */
  private static void quietLogging() {
    Logging.quiet(System.getenv());
  }
}
