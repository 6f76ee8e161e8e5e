package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.dashboard.DevTools;
import io.github.coexist.app.dashboard.SampleOrganisation;
import io.github.coexist.app.json.Views;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served dashboard in a real headless Chromium, driven over the DevTools protocol, on a phone
 * (390x844) and a laptop (1440x900), against one {@code serve} holding five weeks of a sample
 * organisation: the layout (no sideways scroll, no cut title), the range and service pickers, the
 * drill-down, times in the viewer's zone, complete trend periods and the live refresh. Screenshots
 * go to {@code target/screenshots}. Skipped, saying what to install, without a browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardScreensTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** A width-overflowing element, or the empty string: the page's scroll width against its viewport. */
  private static final String OVERFLOW = "document.scrollingElement.scrollWidth > innerWidth"
      + " ? 'page ' + document.scrollingElement.scrollWidth + ' > ' + innerWidth : ''";
  /** Every heading (and KPI or chart name) whose text does not fit its box. */
  private static final String CUT = "Array.from(document.querySelectorAll('h1, h2, h3, .kpi .name'))"
      + ".filter(h => h.offsetParent !== null && (h.scrollWidth > h.clientWidth || h.scrollHeight > h.clientHeight + 1))"
      + ".map(h => h.textContent.trim() + ' (' + h.scrollWidth + ' > ' + h.clientWidth + ')')";
  /** Every card reaching into the page's side padding: a column wider than the screen allows. */
  private static final String PAST_MARGIN = "(() => { const m = document.querySelector('main');"
      + " const edge = m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight);"
      + " return Array.from(document.querySelectorAll('main .card')).filter(c => c.offsetParent !== null"
      + " && c.getBoundingClientRect().right > edge + 0.5).map(c => (c.id || c.className) + ' ends at '"
      + " + c.getBoundingClientRect().right + ' > ' + edge); })()";
  private static final String RENDERED = "document.body.getAttribute('data-rendered') === 'ok'";

  @TempDir
  Path dir;
  private ManualClock clock;
  private CoexistServer server;
  private Client client;
  private DevTools browser;

  @BeforeAll
  void start() throws Exception {
    clock = new ManualClock(SampleOrganisation.START);
    server = ServeSettings.read(Map.of("COEXIST_PORT", "0", "COEXIST_STORE", "memory", "COEXIST_TICK_INTERVAL", "1h"))
        .flatMap(settings -> CoexistServer.start(settings, clock)).getOrElseThrow(e -> new AssertionError(e.message()));
    SampleOrganisation.play(server.app(), clock);
    client = new Client(server.uri());
    browser = DevTools.start(Files.createTempDirectory("coexist-browser"));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"390, 844", "1440, 900"})
  @DisplayName("at phone and laptop size: nothing scrolls sideways, no title is cut, and a screenshot is written")
  void layout(int width, int height) throws Exception {
    browser.viewport(width, height);
    browser.timezone("Europe/Berlin");
    browser.open(server.uri().toString(), RENDERED);

    assertThat(browser.eval(OVERFLOW).asText()).as("sideways scroll").isEmpty();
    assertThat(browser.eval(CUT)).as("cut titles").isEmpty();
    assertThat(browser.eval(PAST_MARGIN)).as("cards past the margin").isEmpty();
    assertThat(browser.eval("document.querySelector('header').getBoundingClientRect().height").asDouble())
        .as("the header on one line").isLessThan(50);
    browser.screenshot(SCREENSHOTS.resolve("dashboard-" + width + "x" + height + ".png"));
    browser.eval("document.querySelector('button.drill[data-drill=changeFailureRate]').click()");
    browser.await("document.getElementById('drill').getAttribute('data-loaded') === 'ok'");
    assertThat(browser.eval(OVERFLOW).asText()).as("sideways scroll with the drill-down open").isEmpty();
    assertThat(browser.eval(CUT)).as("cut titles with the drill-down open").isEmpty();
    browser.eval("document.querySelector('#grain [data-grain=month]').click()");
    browser.screenshot(SCREENSHOTS.resolve("dashboard-" + width + "x" + height + "-drill-down.png"));
  }

  @Test
  @DisplayName("choosing a range and a service in the pickers shows the figures the API gives for that filter")
  void pickers() {
    browser.viewport(1440, 900);
    browser.open(server.uri().toString(), RENDERED);
    JsonNode all = client.get("/api/dashboard/summary").json();
    JsonNode chosen = client.get("/api/dashboard/summary?days=7&service=payments").json();
    assertThat(frequency(chosen)).isNotEqualTo(frequency(all));
    assertThat(detail("deploymentFrequency")).isEqualTo(frequency(all));

    browser.eval("(() => { const r = document.getElementById('range'); r.value = '7';"
        + " const s = document.getElementById('scope'); s.value = 'service:payments';"
        + " s.dispatchEvent(new Event('change')); })()");
    browser.await("location.search.includes('service=payments') && document.getElementById('scope').value === 'service:payments'"
        + " && document.querySelector('[data-kpi=deploymentFrequency] .detail').textContent === "
        + quoted(frequency(chosen)));

    assertThat(detail("deploymentFrequency")).isEqualTo(frequency(chosen));
    JsonNode cfr = chosen.at("/kpis/dora/changeFailureRate");
    assertThat(detail("changeFailureRate")).isEqualTo(cfr.path("failed").asLong() + " of " + cfr.path("total").asLong()
        + " deployments caused an incident");
    assertThat(browser.eval("document.getElementById('range').value").asText()).isEqualTo("7");
  }

  @Test
  @DisplayName("the drill-down lists the deployments and incidents behind a KPI, as the API pages them")
  void drillDown() {
    browser.viewport(1440, 900);
    browser.open(server.uri().toString(), RENDERED);

    browser.eval("document.querySelector('button.drill[data-drill=changeFailureRate]').click()");
    browser.await("document.getElementById('drill').getAttribute('data-for') === 'changeFailureRate'"
        + " && document.getElementById('drill').getAttribute('data-loaded') === 'ok'");
    JsonNode failed = client.get("/api/dashboard/deployments?only=failed&limit=10").json();
    assertThat(failed.path("total").asLong()).isPositive()
        .isEqualTo(client.get("/api/dashboard/summary").json().at("/kpis/dora/changeFailureRate/failed").asLong());
    assertThat(ids("#drill-items [data-deployment]", "data-deployment")).isEqualTo(ids(failed.path("deployments")));
    assertThat(browser.texts("#drill-items [data-deployment] .sub")).allMatch(t -> t.startsWith("caused "));

    browser.eval("document.querySelector('button.drill[data-drill=restore]').click()");
    browser.await("document.getElementById('drill').getAttribute('data-for') === 'restore'"
        + " && document.getElementById('drill').getAttribute('data-loaded') === 'ok'");
    JsonNode incidents = client.get("/api/dashboard/incidents?limit=10").json();
    assertThat(incidents.path("total").asLong()).isPositive();
    assertThat(ids("#drill-items [data-basis-incident]", "data-basis-incident")).isEqualTo(ids(incidents.path("incidents")));
  }

  @Test
  @DisplayName("times are shown in the viewer's zone (Asia/Tokyo here), and the 'why' text holds no raw ISO time")
  void viewersZone() {
    browser.viewport(1440, 900);
    browser.timezone("Asia/Tokyo");
    browser.open(server.uri().toString(), RENDERED);

    assertThat(browser.eval("document.getElementById('zone').textContent").asText()).isEqualTo("times in Asia/Tokyo");
    JsonNode times = browser.eval("Array.from(document.querySelectorAll('time[datetime]')).slice(0, 40)"
        + ".map(t => [t.getAttribute('datetime'), t.textContent])");
    assertThat(times.size()).isGreaterThan(10);
    DateTimeFormatter clockTime = DateTimeFormatter.ofPattern("HH:mm");
    for (JsonNode time : times) {
      ZonedDateTime tokyo = Instant.parse(time.get(0).asText()).atZone(ZoneId.of("Asia/Tokyo"));
      assertThat(time.get(1).asText()).as(time.get(0).asText())
          .contains(tokyo.format(clockTime), String.valueOf(tokyo.getDayOfMonth())).contains("GMT+9");
    }
    assertThat(browser.texts("#decisions td, #incidents .item, #approvals .item"))
        .noneMatch(t -> t.matches("(?s).*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*"));
  }

  @Test
  @DisplayName("trends show complete periods only: whole weeks and months inside the range, none after now")
  void completePeriods() {
    browser.viewport(1440, 900);
    browser.open(server.uri() + "?days=90", RENDERED);
    JsonNode summary = client.get("/api/dashboard/summary?days=90").json();
    Instant now = Instant.parse(summary.path("generatedAt").asText());
    Instant from = Instant.parse(summary.at("/kpis/window/from").asText());
    for (String grain : List.of("week", "month")) {
      JsonNode points = summary.path("trends").path(grain);
      assertThat(points.size()).as(grain).isGreaterThan(1);
      List<String> starts = new ArrayList<>();
      for (JsonNode point : points) {
        ZonedDateTime start = Instant.parse(point.path("from").asText()).atZone(ZoneId.of("UTC"));
        Instant end = Instant.parse(point.path("to").asText());
        assertThat(end).isEqualTo((grain.equals("week") ? start.plusWeeks(1) : start.plusMonths(1)).toInstant());
        assertThat(start.toInstant()).isAfterOrEqualTo(from);
        assertThat(end).isBeforeOrEqualTo(now);
        starts.add(point.path("from").asText());
      }
      browser.eval("document.querySelector('#grain [data-grain=" + grain + "]').click()");
      browser.await("document.querySelector('#grain [data-grain=" + grain + "]').getAttribute('aria-pressed') === 'true'");
      assertThat(browser.eval("Array.from(new Set(Array.from(document.querySelectorAll('[data-chart=deployments]"
          + " [data-period]')).map(t => t.getAttribute('data-period'))))")).extracting(JsonNode::asText)
          .isSubsetOf(starts).isNotEmpty();
    }
  }

  @Test
  @DisplayName("in serve the page refreshes itself: a decision made meanwhile appears, with the time of the update")
  void liveRefresh() {
    browser.viewport(1440, 900);
    browser.open(server.uri() + "?refresh=5", RENDERED);
    assertThat(browser.eval("document.getElementById('live').textContent").asText()).startsWith("updated ");

    clock.advance(Duration.ofMinutes(1));
    server.app().gate().decide(DeploymentRequest.builder().idempotencyKey("live-refresh").service("payments")
        .environment("production").filesChanged(3).linesChanged(30).rollbackPlan(true).requester(Actor.person("dev"))
        .evidence(PipelineEvidence.allPassed())).get();
    String newest = client.get("/api/changes?limit=1").json().at("/changes/0/id").asText();

    browser.await("document.querySelector('#decision-rows tr').getAttribute('data-change') === '" + newest + "'");
  }

  private String detail(String kpi) {
    return browser.eval("document.querySelector('[data-kpi=" + kpi + "] .detail').textContent").asText();
  }

  private static String frequency(JsonNode summary) {
    JsonNode f = summary.at("/kpis/dora/deploymentFrequency");
    return f.path("deployments").asLong() + " deployments on " + f.path("deploymentDays").asLong() + " days";
  }

  private List<String> ids(String selector, String attribute) {
    List<String> ids = new ArrayList<>();
    browser.eval("Array.from(document.querySelectorAll('" + selector + "')).map(e => e.getAttribute('" + attribute + "'))")
        .forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(i -> ids.add(i.path("id").asText()));
    return ids;
  }

  private static String quoted(String text) {
    return Views.text(Views.JSON.getNodeFactory().textNode(text));
  }
}
