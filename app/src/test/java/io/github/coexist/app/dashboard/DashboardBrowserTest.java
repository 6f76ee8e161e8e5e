package io.github.coexist.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.app.app.Itsm;
import io.github.coexist.app.app.Wiring;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.kernel.ManualClock;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard page loaded in a real headless Chromium ({@code --dump-dom}): it must draw its data
 * without a script error. The page sets {@code data-rendered="ok"} on its body when it has drawn
 * everything, and {@code data-error} when a script failed. Skipped, saying what to install, when no
 * browser is found ({@code chromium}, {@code chromium-browser} or {@code google-chrome} on the
 * PATH, or {@code COEXIST_CHROMIUM}).
 */
class DashboardBrowserTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern BODY = Pattern.compile("<body([^>]*)>");

  @TempDir
  Path dir;
  private Path browser;

  @BeforeEach
  void findBrowser() {
    Optional<Path> found = browser();
    Assumptions.assumeTrue(found.isPresent(), "no headless browser found: install Debian's chromium package"
        + " (apt-get install chromium), or set COEXIST_CHROMIUM to a Chromium or Chrome binary");
    browser = found.get();
  }

  @Test
  @DisplayName("a realistic organisation: the KPIs, every open incident, pending approval and recent decision are drawn")
  void realisticOrganisation() throws Exception {
    try (Coexist app = SampleOrganisation.build()) {
      String dom = load(DashboardData.page(app, SampleOrganisation.window()));

      assertThat(body(dom)).contains("data-rendered=\"ok\"").doesNotContain("data-error");
      KpiReport report = app.kpis().query(KpiQuery.organisation(SampleOrganisation.window()));
      var dora = report.dora();
      assertThat(dom).contains(
          String.format(Locale.ROOT, "%.2f", dora.deploymentFrequency().perDay().getAsDouble()),
          dora.deploymentFrequency().deployments() + " deployments on " + dora.deploymentFrequency().deploymentDays()
              + " days",
          String.format(Locale.ROOT, "%.1f", dora.changeFailureRate().rate().getAsDouble() * 100),
          dora.changeFailureRate().failed() + " of " + dora.changeFailureRate().total() + " deployments",
          ">" + dora.leadTimeForChanges().level().orElseThrow().label() + "<",
          ">" + dora.changeFailureRate().level().orElseThrow().label() + "<");
      List<Incident> open = app.incidents().openIncidents();
      assertThat(open).hasSize(3);
      open.forEach(i -> assertThat(dom).contains("data-incident=\"" + i.id().value() + "\"", i.title()));
      List<TrackedChange> pending = app.gate().changes().stream()
          .filter(t -> t.change().decision().isPending()).toList();
      // Two wait for an approver, two for the major incident on checkout to end (its lockdown).
      assertThat(pending).hasSize(4);
      pending.forEach(t -> assertThat(dom).contains("data-change=\"" + t.change().id().value() + "\""));
      List<String> recent = new ArrayList<>();
      DashboardData.of(app, SampleOrganisation.window()).get("recentDecisions")
          .forEach(c -> recent.add(c.get("id").asText()));
      assertThat(recent).hasSize(DashboardData.RECENT);
      recent.forEach(id -> assertThat(dom).contains("<tr data-change=\"" + id + "\""));
      assertThat(dom).contains("data-outcome=\"approved\"", "data-outcome=\"rejected\"", "data-outcome=\"pending\"");
      assertThat(count(dom, "<svg")).as("four weekly charts").isEqualTo(4);
      assertThat(dom).contains("16 Mar", "levels from " + report.benchmarks());
      assertThat(drawn(dom)).doesNotContain("NaN", "undefined", ">null<");
    }
  }

  @Test
  @DisplayName("a fresh app with nothing in it renders cleanly: no deployments yet, nothing open, nothing waiting")
  void emptyApp() throws Exception {
    String dom = load(freshPage((app, now) -> { }));

    assertThat(body(dom)).contains("data-rendered=\"ok\"").doesNotContain("data-error");
    assertThat(dom).contains("No deployments yet", "No open incidents.", "Nothing waits for approval.",
        "No gate decisions yet.", "No weekly trends yet");
    assertThat(drawn(dom)).doesNotContain("NaN", "undefined", "null");
  }

  @Test
  @DisplayName("text from outside (an alert's summary) is shown as text, never run as script")
  void hostileText() throws Exception {
    String hostile = "</script><script>document.body.setAttribute('data-error','injected')</script><b>x</b>";
    String dom = load(freshPage((app, now) -> {
      app.register(Service.of("checkout", "shop"));
      app.incidents().raise(Alert.builder().source("prometheus").dedupKey("k").service("checkout").summary(hostile)
          .severity("critical").status("firing").at(now).build().get()).get();
    }));

    assertThat(body(dom)).contains("data-rendered=\"ok\"").doesNotContain("data-error");
    assertThat(dom).contains("&lt;/script&gt;&lt;script&gt;document.body.setAttribute('data-error','injected')");
  }

  @Test
  @DisplayName("a script error shows: the page says so and marks its body with data-error instead of data-rendered")
  void scriptErrorIsVisible() throws Exception {
    String dom = load(DashboardPage.render("{\"generatedAt\":\"2026-03-02T09:00:00Z\"}"));

    assertThat(body(dom)).contains("data-error=").doesNotContain("data-rendered");
    assertThat(dom).contains("The dashboard could not be drawn:");
  }

  /** The page of a new app on Monday morning, after {@code fill}, its KPIs over the 30 days before. */
  private static String freshPage(BiConsumer<Coexist, Instant> fill) {
    ManualClock clock = ManualClock.atMondayMorning();
    try (Coexist app = Wiring.builder(clock, Itsm.inMemory()).build()) {
      fill.accept(app, clock.instant());
      return DashboardData.page(app, new TimeWindow(clock.instant().minus(Duration.ofDays(30)),
          clock.instant().plusSeconds(1)));
    }
  }

  /** Writes {@code html} to a file, loads it in the browser and answers the DOM after its scripts ran. */
  private String load(String html) throws IOException, InterruptedException {
    Path page = Files.writeString(dir.resolve("dashboard.html"), html, StandardCharsets.UTF_8);
    Path out = dir.resolve("dom.html");
    Path log = dir.resolve("browser.log");
    Process process = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--dump-dom", page.toUri().toString())
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

  private static String body(String dom) {
    Matcher m = BODY.matcher(dom);
    assertThat(m.find()).as("a body element").isTrue();
    return m.group(1);
  }

  /** The DOM without its scripts and styles: what the page drew. */
  private static String drawn(String dom) {
    return dom.replaceAll("(?s)<script.*?</script>", "").replaceAll("(?s)<style.*?</style>", "");
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  private static String tail(Path log) throws IOException {
    String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }

  /** {@code COEXIST_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH. */
  static Optional<Path> browser() {
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
}
