package io.github.coexist.app.cli;

import io.vavr.control.Either;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line arguments: {@code --name value}, {@code --name=value}, and positional words.
 * Unknown option names are reported, never ignored.
 */
public final class Args {
  private final Map<String, String> options;
  private final List<String> positional;

  private Args(Map<String, String> options, List<String> positional) {
    this.options = options;
    this.positional = positional;
  }

  /**
   * Parses {@code argv}, accepting only {@code known} option names (without dashes).
   *
   * @throws UsageException for an unknown option or an option without its value
   */
  public static Args parse(List<String> argv, Set<String> known) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < argv.size() && !argv.get(i + 1).startsWith("--")) {
        value = argv.get(++i);
      } else {
        throw new UsageException("option --" + name + " needs a value");
      }
      if (!known.contains(name)) {
        throw new UsageException("unknown option --" + name + " (known: --" + String.join(", --", known) + ")");
      }
      options.put(name, value);
    }
    return new Args(options, List.copyOf(positional));
  }

  /**
   * Parses a command's {@code argv} the way every command does: {@code --help} or {@code -h} alone
   * prints {@code help} to {@code out} (exit code 0), a usage mistake prints it with {@code usage}
   * to {@code err} (exit code 2). Either way the command stops with that exit code (the left
   * side); otherwise it goes on with the arguments.
   */
  public static Either<Integer, Args> forCommand(String command, String[] argv, Set<String> known,
      String help, String usage, PrintStream out, PrintStream err) {
    if (argv.length == 1 && (argv[0].equals("--help") || argv[0].equals("-h"))) {
      out.println(help);
      return Either.left(0);
    }
    try {
      return Either.right(parse(List.of(argv), known));
    } catch (UsageException e) {
      err.println(command + ": " + e.getMessage());
      err.println(usage);
      return Either.left(2);
    }
  }

  /** The value of option {@code name}, if given. */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** The positional arguments, in order. */
  public List<String> positional() {
    return positional;
  }

  /** A mistake in how a command was called; its message says what to do instead. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A usage mistake described by {@code message}. */
    public UsageException(String message) {
      super(message);
    }
  }
}
