package io.github.coexist.app.serve;

import io.github.coexist.app.Main;
import io.github.coexist.app.Waiting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code coexist serve} as a real process on this test's class path, with its output in files
 * under a directory of its own: for tests that stop it as a supervisor would, or kill it.
 */
final class ServeProcess implements AutoCloseable {
  static final Duration GENEROUS = Duration.ofSeconds(60);
  private static final Pattern SERVING = Pattern.compile("coexist is serving on \\S+ \\(port (\\d+)\\)");

  private final Process process;
  private final Lines out;
  private final Lines err;
  private final int port;

  private ServeProcess(Process process, Lines out, Lines err, int port) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.port = port;
  }

  /**
   * Starts {@code serve} in {@code dir} with {@code environment} as its only {@code COEXIST_}
   * settings, writing its output to {@code name}.out and {@code name}.err there; returns once it
   * serves.
   */
  static ServeProcess start(Path dir, String name, Map<String, String> environment) throws IOException {
    return start(dir, name, environment, List.of());
  }

  /** As {@link #start(Path, String, Map)}, the JVM started with {@code jvmOptions} ({@code -Xmx48m}). */
  static ServeProcess start(Path dir, String name, Map<String, String> environment, List<String> jvmOptions)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> commandLine = new java.util.ArrayList<>(List.of(java));
    commandLine.addAll(jvmOptions);
    commandLine.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
    ProcessBuilder command = new ProcessBuilder(commandLine).directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
    command.environment().keySet().removeIf(variable -> variable.startsWith("COEXIST_"));
    command.environment().putAll(environment);
    Process process = command.start();
    Lines out = new Lines(dir.resolve(name + ".out"));
    Lines err = new Lines(dir.resolve(name + ".err"));
    try {
      Matcher serving = SERVING.matcher(out.await(line -> SERVING.matcher(line).find(), err));
      if (!serving.find()) {
        throw new AssertionError("serve did not say where it serves:\n" + err.text());
      }
      return new ServeProcess(process, out, err, Integer.parseInt(serving.group(1)));
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  int port() {
    return port;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  Process process() {
    return process;
  }

  Lines out() {
    return out;
  }

  Lines err() {
    return err;
  }

  /** The last {@code count} lines it wrote to standard error, to explain a failure. */
  String errTail(int count) {
    List<String> lines = err.text().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  /** Waits until {@code done} holds; fails with the end of the process's log. */
  void awaitOrExplain(String what, java.util.function.BooleanSupplier done) {
    try {
      Waiting.until(what, GENEROUS, done);
    } catch (AssertionError timedOut) {
      Path kept = keepLog();
      throw new AssertionError(timedOut.getMessage() + "; serve's whole log is in " + kept + ", its end:\n"
          + errTail(40), timedOut);
    }
  }

  /** Copies the process's standard error to the build output, where it outlives the test's directory. */
  private Path keepLog() {
    try {
      Path logs = Files.createDirectories(Path.of("target", "serve-logs"));
      return Files.copy(err.file, logs.resolve(err.file.getFileName() + "-" + System.nanoTime()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills it as a power cut would: SIGKILL, no shutdown hook, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("serve did not die of SIGKILL");
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** The lines a process writes to a file its output is redirected to. */
  static final class Lines {
    private final Path file;

    Lines(Path file) {
      this.file = file;
    }

    /** The first line matching {@code wanted}, waiting for it; fails showing {@code other} as well. */
    String await(Predicate<String> wanted, Lines other) {
      AtomicReference<String> found = new AtomicReference<>();
      try {
        Waiting.until("a line in " + file, GENEROUS, () -> {
          text().lines().filter(wanted).findFirst().ifPresent(found::set);
          return found.get() != null;
        });
      } catch (AssertionError timedOut) {
        throw new AssertionError("no such line in:\n" + text() + "\nnor in:\n" + other.text(), timedOut);
      }
      return found.get();
    }

    String text() {
      try {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
