package io.github.coexist.app.serve;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.app.http.JvmFailures;
import io.vavr.control.Either;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code coexist serve}: runs coexist as a service until the process is stopped (Ctrl-C, {@code
 * SIGTERM}), configured by environment variables only (see {@code docs/serve.md}). With nothing
 * set, it listens on {@code http://127.0.0.1:8080/} and keeps its audit trail and webhook delivery
 * ids in {@code ./coexist-data}; the rest of its state is in memory.
 *
 * <p>Exit codes: 0 stopped, 1 could not start (the port is taken, a tool refused), 2 bad settings
 * (every problem is listed at once, on the error stream).
 */
public final class ServeCommand {
  static final String USAGE = String.join("\n",
      "usage: serve",
      "  Runs coexist as a service: GitHub and Jira webhooks, alerts, a JSON API and the dashboard.",
      "  Configured by environment variables, for example:",
      "    COEXIST_PORT (8080; 0 picks a free port)  COEXIST_BIND (127.0.0.1)",
      "    COEXIST_ITSM (inmemory | servicenow | jira)  COEXIST_POLICY_FILE  COEXIST_API_TOKEN",
      "    COEXIST_STORE (embedded | postgres | memory)  COEXIST_DATA_DIR (./coexist-data)  COEXIST_DATABASE_URL ...",
      "    COEXIST_GITHUB_TOKEN  COEXIST_GITHUB_WEBHOOK_SECRET  COEXIST_SERVICENOW_URL  COEXIST_JIRA_URL ...",
      "  The full table is in docs/serve.md.");

  private ServeCommand() {}

  /** Runs the command with {@code args} (after the word {@code serve}) until the JVM shuts down. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    JvmFailures.exitOnFailure();
    Either<Integer, CoexistServer> started = start(args, System.getenv(), out, err);
    if (started.isLeft()) {
      return started.getLeft();
    }
    CoexistServer server = started.get();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, out, err), "coexist-shutdown"));
    // Serves until the JVM shuts down (SIGTERM, Ctrl-C): the hook stops the server and ends the process.
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Stops {@code server} gracefully and ends the process with exit code 0. The JVM reports a
   * shutdown begun by a signal with the signal's code (143 for SIGTERM, 130 for Ctrl-C) however
   * cleanly it went; a drained, orderly stop is a success, and supervisors (systemd, Kubernetes)
   * should see it as one. Halting from the hook is the one way to choose the code; coexist
   * registers no other hook that this would cut short.
   */
  private static void stop(CoexistServer server, PrintStream out, PrintStream err) {
    server.close();
    out.flush();
    err.flush();
    Runtime.getRuntime().halt(0);
  }

  /**
   * Starts a server configured by {@code env}, printing where it listens on {@code out}; or
   * prints why it cannot start on {@code err} and answers the exit code.
   */
  static Either<Integer, CoexistServer> start(String[] args, Map<String, String> env, PrintStream out,
      PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return Either.left(0);
    }
    if (args.length > 0) {
      err.println("serve: takes no arguments, was '" + String.join(" ", args) + "'");
      err.println(USAGE);
      return Either.left(2);
    }
    Either<CoexistError, ServeSettings> settings = ServeSettings.read(env);
    if (settings.isLeft()) {
      err.println("serve: cannot start; fix these settings:");
      problems(settings.getLeft()).forEach(problem -> err.println("  - " + problem));
      return Either.left(2);
    }
    Either<CoexistError, CoexistServer> server = CoexistServer.start(settings.get(), Clock.systemUTC());
    if (server.isLeft()) {
      CoexistError error = server.getLeft();
      err.println("serve: cannot start: " + error.message());
      return Either.left(error instanceof CoexistError.InvalidInput ? 2 : 1);
    }
    out.println("coexist is serving on " + server.get().uri() + " (port " + server.get().port() + "); Ctrl-C stops it");
    return Either.right(server.get());
  }

  private static java.util.List<String> problems(CoexistError error) {
    return error instanceof CoexistError.InvalidInput invalid ? invalid.problems().asJava()
        : java.util.List.of(error.message());
  }
}
