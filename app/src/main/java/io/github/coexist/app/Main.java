package io.github.coexist.app;

import io.github.coexist.app.cli.Cli;
import io.github.coexist.app.cli.Version;
import io.github.coexist.app.demo.DemoCommand;
import io.github.coexist.app.kpis.KpisCommand;
import io.github.coexist.app.logging.Logging;
import io.github.coexist.app.replay.ReplayCommand;
import io.github.coexist.app.serve.ServeCommand;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The coexist command line: {@code demo}, {@code serve}, {@code replay}, {@code kpis}, each with
 * {@code --help} and {@code --version}; {@code coexist help COMMAND} works too.
 */
@Command(name = "coexist", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "DevOps pipelines and IT service management as one system.",
    subcommands = CommandLine.HelpCommand.class,
    exitCodeListHeading = "%nExit codes (each command's --help lists its own):%n",
    exitCodeList = {"0:done", "1:the command could not do its work (it says why)", "2:bad arguments"})
public final class Main implements Callable<Integer> {
  private final PrintStream err;

  private Main(PrintStream err) {
    this.err = err;
  }

  /** Runs one command and exits with its code. */
  public static void main(String[] args) {
    Optional<String> logging = Logging.configure(System.getenv());
    if (logging.isPresent()) {
      System.err.println("coexist: " + logging.get());
      System.exit(Cli.USAGE);
    }
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; answers its exit code (2 for a usage error). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine line = Cli.of(new Main(err), out, err);
    line.addSubcommand("demo", Cli.of(new DemoCommand(out, err), out, err));
    line.addSubcommand("serve", Cli.of(new Serve(out, err), out, err));
    line.addSubcommand("replay", Cli.of(new ReplayCommand(out, err, Clock.systemUTC()), out, err));
    line.addSubcommand("kpis", Cli.of(new KpisCommand(out, err), out, err));
    return line.execute(args);
  }

  /** Without a command: the usage, on the error stream, as a usage mistake. */
  @Override
  public Integer call() {
    err.print(new CommandLine(this).getUsageMessage());
    return Cli.USAGE;
  }

  /** {@code coexist serve}: configured by environment variables only. */
  @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = {"Runs coexist as a service: GitHub and Jira webhooks, alerts, a JSON API and the dashboard.",
          "Configured by environment variables, for example:",
          "  COEXIST_PORT (8080; 0 picks a free port)  COEXIST_BIND (127.0.0.1)",
          "  COEXIST_ITSM (inmemory | servicenow | jira)  COEXIST_POLICY_FILE  COEXIST_API_TOKEN",
          "  COEXIST_STORE (embedded | postgres | memory)  COEXIST_DATA_DIR (./coexist-data)  COEXIST_DATABASE_URL ...",
          "  COEXIST_GITHUB_TOKEN  COEXIST_GITHUB_WEBHOOK_SECRET  COEXIST_SERVICENOW_URL  COEXIST_JIRA_URL ...",
          "The full table is in docs/serve.md."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:stopped (SIGTERM or Ctrl-C drains and exits 0)",
          "1:could not start (the port is taken, a tool refused)", "2:bad settings, every problem listed"})
  static final class Serve implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    Serve(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      return ServeCommand.run(new String[0], out, err);
    }
  }
}
