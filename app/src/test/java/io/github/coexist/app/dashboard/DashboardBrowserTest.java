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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern BODY = Pattern.compile("<body([^>]*)>");

  @TempDir
  Path dir;
  private Chromium browser;

  @BeforeEach
  void findBrowser() {
    browser = Chromium.required();
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
      assertThat(count(dom, "<svg")).as("four DORA and one ITSM trend chart").isEqualTo(5);
      assertThat(dom).contains("16 Mar", "levels from " + report.benchmarks());
      assertThat(drawn(dom)).doesNotContain("NaN", "undefined", ">null<");
    }
  }

  @Test
  @DisplayName("a fresh app with nothing in it renders cleanly: no deployments yet, nothing open, nothing waiting")
  void emptyApp() throws Exception {
    String dom = load(freshPage((app, now) -> { }));

    assertThat(body(dom)).contains("data-rendered=\"ok\"").doesNotContain("data-error");
    assertThat(dom).contains("No deployments in this range", "No open incidents.", "Nothing waits for approval.",
        "No gate decisions yet.", "No trends yet: nothing was measured in the complete weeks of this range.");
    assertThat(drawn(dom)).doesNotContain("NaN", "undefined", "null");
  }

  @Test
  @DisplayName("text from outside (an alert's summary) is shown as text, never run as script, even text opening a"
      + " comment and a script inside the data (<!--<script>)")
  void hostileText() throws Exception {
    String script = "document.body.setAttribute('data-error','injected')";
    Map<String, String> drawnAs = Map.of(
        "</script><script>" + script + "</script><b>x</b>", "&lt;/script&gt;&lt;script&gt;" + script,
        "<!--<script>" + script + "</script>", "&lt;!--&lt;script&gt;" + script);
    for (Map.Entry<String, String> hostile : drawnAs.entrySet()) {
      String dom = load(freshPage((app, now) -> {
        app.register(Service.of("checkout", "shop"));
        app.incidents().raise(Alert.builder().source("prometheus").dedupKey("k").service("checkout")
            .summary(hostile.getKey()).severity("critical").status("firing").at(now).build().get()).get();
      }));

      assertThat(body(dom)).as(hostile.getKey()).contains("data-rendered=\"ok\"").doesNotContain("data-error");
      assertThat(drawn(dom)).contains(hostile.getValue());
    }
  }

  @Test
  @DisplayName("the page's Content-Security-Policy holds: its own script runs, an injected inline script does not")
  void policyHolds() throws Exception {
    String page = freshPage((app, now) -> { });
    String injected = page.replace("</main>", "</main><script>document.body.setAttribute('data-injected','ran')</script>");

    assertThat(page).contains("<meta http-equiv=\"Content-Security-Policy\"");
    String dom = load(injected);
    assertThat(body(dom)).contains("data-rendered=\"ok\"").doesNotContain("data-injected");
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
    return browser.dom(page.toUri().toString(), dir);
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
}
