package io.github.coexist.app.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failure of the JVM itself (out of memory, an internal error; not a stack overflow, which
 * one request's input may cause) does to a process that {@linkplain #exitOnFailure armed} it: the
 * process halts at once with {@link #EXIT_CODE}, whichever thread failed, so that its supervisor
 * restarts it rather than a port staying open on a process that no longer answers. Run the JVM
 * with {@code -XX:+ExitOnOutOfMemoryError} as well: it also stops the process when the error is
 * caught and swallowed somewhere this class never hears of.
 */
public final class JvmFailures {
  /** The exit code of a process halted by a failure of the JVM. */
  public static final int EXIT_CODE = 3;
  private static final Logger LOG = LoggerFactory.getLogger(JvmFailures.class);
  private static volatile boolean armed;

  private JvmFailures() {}

  /**
   * From now on, a failure of the JVM on any thread (uncaught, or caught by the HTTP server)
   * halts the process. Only a process's entry point calls this: never a test or an embedder.
   */
  public static void exitOnFailure() {
    armed = true;
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
      failed(failure);
      if (before != null) {
        before.uncaughtException(thread, failure);
      } else {
        LOG.error("thread {} died", thread.getName(), failure);
      }
    });
  }

  /** Whether {@code failure} is a failure of the JVM itself. */
  static boolean ofTheJvm(Throwable failure) {
    return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
  }

  /** Halts the process when armed and {@code failure} is one of the JVM's own; returns otherwise. */
  static void failed(Throwable failure) {
    if (!armed || !ofTheJvm(failure)) {
      return;
    }
    try {
      LOG.error("the JVM failed ({}): coexist stops with exit code {} for its supervisor to restart it",
          failure, EXIT_CODE);
    } catch (Throwable logging) { // NOPMD: out of memory, logging may fail too; halting matters more
      // nothing more to do: halt below
    } finally {
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }
}
