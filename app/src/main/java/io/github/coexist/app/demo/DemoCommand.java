package io.github.coexist.app.demo;

import io.github.coexist.core.error.Problems;
import io.github.coexist.app.cli.Args;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
public final class DemoCommand {
  static final String USAGE = "usage: demo [--seed N] [--days 1-" + DemoOptions.MAX_DAYS + "] [--out DIR]"
      + " [--itsm inmemory|servicenow|jira] [--github standin|none]";

  private static final Set<String> OPTIONS = new LinkedHashSet<>(List.of("seed", "days", "out", "itsm", "github"));

  private DemoCommand() {}

  /** Runs the demo with {@code args} (after the word {@code demo}); answers the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Optional<DemoOptions> options = parse(args, err);
    if (options.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    quietLogging();
    try {
      Demo.run(options.get(), out, finished -> { });
      out.flush();
      return 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("demo: cannot write to " + options.get().out() + ": " + e.getMessage());
      return 1;
    } catch (IllegalStateException e) {
      err.println("demo: the story could not go on: " + e.getMessage());
      return 1;
    }
  }

  /** The options, or empty after printing every problem with {@code args} to {@code err}. */
  static Optional<DemoOptions> parse(String[] args, PrintStream err) {
    Args parsed;
    try {
      parsed = Args.parse(List.of(args), OPTIONS);
    } catch (Args.UsageException e) {
      err.println("demo: " + e.getMessage());
      return Optional.empty();
    }
    DemoOptions defaults = DemoOptions.defaults();
    Problems problems = new Problems();
    parsed.positional().forEach(word -> problems.add("unexpected argument '" + word + "'"));
    long seed = parsed.option("seed").map(s -> number(s, "--seed", problems)).orElse(defaults.seed());
    long days = parsed.option("days").map(s -> number(s, "--days", problems)).orElse((long) defaults.days());
    if (days < 1 || days > DemoOptions.MAX_DAYS) {
      problems.add("--days must be 1 to " + DemoOptions.MAX_DAYS + ", was " + days);
    }
    Path out = defaults.out();
    try {
      out = parsed.option("out").map(Path::of).orElse(defaults.out());
    } catch (InvalidPathException e) {
      problems.add("--out is not a path: " + e.getMessage());
    }
    DemoOptions.ItsmChoice itsm = parsed.option("itsm").map(name -> DemoOptions.ItsmChoice.parse(name).orElseGet(() -> {
      problems.add("--itsm must be inmemory, servicenow or jira, was '" + name + "'");
      return defaults.itsm();
    })).orElse(defaults.itsm());
    boolean github = parsed.option("github").map(name -> switch (name.strip()) {
      case "standin" -> true;
      case "none" -> false;
      default -> {
        problems.add("--github must be standin or none, was '" + name + "'");
        yield false;
      }
    }).orElse(defaults.github());
    if (!problems.isEmpty()) {
      problems.list().forEach(problem -> err.println("demo: " + problem));
      return Optional.empty();
    }
    return Optional.of(new DemoOptions(seed, (int) days, out, itsm, github));
  }

  private static long number(String text, String name, Problems problems) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number, was '" + text + "'");
      return 1;
    }
  }

  /**
   * The account is the demo's output; the adapters' and stand-ins' INFO logs would drown it on the
   * terminal. Warnings still show, and an explicit {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
   */
  private static void quietLogging() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }
}
