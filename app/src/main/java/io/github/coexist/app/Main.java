package io.github.coexist.app;

import io.github.coexist.app.demo.DemoCommand;
import io.github.coexist.app.kpis.KpisCommand;
import io.github.coexist.app.replay.ReplayCommand;
import io.github.coexist.app.serve.ServeCommand;
import java.io.PrintStream;
import java.util.Arrays;

/** The coexist command line: {@code demo}, {@code kpis}, {@code serve}, {@code replay}. */
public final class Main {
  static final String USAGE = String.join("\n",
      "usage: java -jar coexist.jar COMMAND [OPTIONS]",
      "  demo     run a simulated organisation on the embedded default",
      "  serve    run coexist as a service: webhooks, API and dashboard",
      "  replay   process saved GitHub deliveries from a folder",
      "  kpis     compute DORA and ITSM metrics from an event log");

  private Main() {}

  /** Runs one command and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; answers its exit code (2 for a usage error). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo":
        return DemoCommand.run(rest, out, err);
      case "kpis":
        return KpisCommand.run(rest, out, err);
      case "serve":
        return ServeCommand.run(rest, out, err);
      case "replay":
        return ReplayCommand.run(rest, out, err);
      case "help":
      case "--help":
      case "-h":
        out.println(USAGE);
        return 0;
      default:
        err.println("coexist: unknown command '" + args[0] + "'");
        err.println(USAGE);
        return 2;
    }
  }
}
