package io.github.coexist.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium for the dashboard's tests: loads a page, lets its scripts run (and
 * their requests to the page's origin finish), and answers the DOM ({@code --dump-dom}).
 */
public final class Chromium {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  /** How long the page's scripts may wait for the API, in the browser's virtual time. */
  private static final int SCRIPT_BUDGET_MS = 15_000;

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** The browser, or the test skipped saying what to install. */
  public static Chromium required() {
    Optional<Path> found = find();
    Assumptions.assumeTrue(found.isPresent(), "no headless browser found: install Debian's chromium package"
        + " (apt-get install chromium), or set COEXIST_CHROMIUM to a Chromium or Chrome binary");
    return new Chromium(found.get());
  }

  /** {@code COEXIST_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH. */
  static Optional<Path> find() {
    String configured = System.getenv("COEXIST_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of("chromium", "chromium-browser", "google-chrome")
        .flatMap(name -> Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
            .map(d -> Path.of(d, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Loads {@code url} (a file or an http URL), working in {@code dir}, and answers the DOM after its scripts ran. */
  public String dom(String url, Path dir) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "dom", ".html");
    Path log = Files.createTempFile(dir, "browser", ".log");
    Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--virtual-time-budget=" + SCRIPT_BUDGET_MS,
        "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--dump-dom", url)
        .redirectOutput(out.toFile())
        .redirectError(log.toFile())
        .start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the browser did not finish within " + TIMEOUT + ": " + tail(log));
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(dom).as("the DOM the browser dumped (exit %d; %s)", process.exitValue(), tail(log)).contains("<body");
    return dom;
  }

  private static String tail(Path log) throws IOException {
    String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }
}
