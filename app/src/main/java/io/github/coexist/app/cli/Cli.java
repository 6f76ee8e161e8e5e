package io.github.coexist.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * How every coexist command is run through picocli: {@code --help} and {@code --version} on each,
 * output and errors to the given streams, and one exit-code convention. A usage mistake (an
 * unknown option, a missing or badly typed value) prints {@code coexist CMD: what is wrong}, the
 * command's synopsis and where to get help on the error stream and exits {@link #USAGE}; a bug
 * that escapes a command is reported on one line and exits {@link #FAILED}, never with a stack
 * trace on the user's terminal.
 */
public final class Cli {
  /** Exit code: done. */
  public static final int OK = 0;
  /** Exit code: the command could not do its work (it says why). */
  public static final int FAILED = 1;
  /** Exit code: bad arguments. */
  public static final int USAGE = 2;

  private Cli() {}

  /** {@code command} (a picocli {@code @Command}) ready to run with {@code out} and {@code err}. */
  public static CommandLine of(Object command, PrintStream out, PrintStream err) {
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setParameterExceptionHandler(Cli::usageMistake);
    line.setExecutionExceptionHandler((e, failed, parsed) -> {
      failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": failed unexpectedly: " + e);
      return FAILED;
    });
    return line;
  }

  /**
   * Runs {@code command}, one of coexist's commands, on {@code args} as {@code coexist <command>}
   * would; answers its exit code.
   */
  public static int run(Object command, String[] args, PrintStream out, PrintStream err) {
    CommandLine line = of(command, out, err);
    line.setCommandName("coexist " + line.getCommandName());
    return line.execute(args);
  }

  /**
   * Reports {@code problems} found in a command's arguments after parsing (every one at once,
   * each on its own line), with the synopsis; answers {@link #USAGE}.
   */
  public static int refuse(CommandLine.Model.CommandSpec spec, List<String> problems) {
    PrintWriter err = spec.commandLine().getErr();
    problems.forEach(problem -> err.println(spec.qualifiedName() + ": " + problem));
    synopsis(spec.commandLine(), err);
    return USAGE;
  }

  private static int usageMistake(CommandLine.ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    PrintWriter err = line.getErr();
    err.println(line.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    synopsis(line, err);
    return USAGE;
  }

  private static void synopsis(CommandLine line, PrintWriter err) {
    err.print("Usage: " + line.getHelp().synopsis(0));
    err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
  }
}
