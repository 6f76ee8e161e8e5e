package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.problem.NewProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every list endpoint pages over real HTTP: {@code limit} with a cap, an opaque {@code cursor},
 * {@code next} and a {@code Link: <...>; rel="next"} header; a page of 5,000 changes on one
 * service stays small and a walk gives every change once, while changes keep arriving.
 */
class ServePagingTest {
  private static final int CHANGES = 5_000;
  private static final long ONE_MB = 1024 * 1024;
  private static final Pattern NEXT = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

  static CoexistServer server;
  static Client client;
  static int made;

  @BeforeAll
  static void start() {
    server = ServeEnv.inMemory().start();
    client = new Client(server.uri());
    for (int i = 0; i < CHANGES; i++) {
      change("checkout");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A new change on {@code service}, planned now like every other: each overlaps them all. */
  private static void change(String service) {
    server.app().gate().decide(DeploymentRequest.builder().idempotencyKey("k-" + made++).service(service)
        .environment("production").filesChanged(2).linesChanged(20).rollbackPlan(true)
        .requester(Actor.person("dev")).evidence(PipelineEvidence.allPassed())).get();
  }

  @Test
  @DisplayName("with 5,000 overlapping changes on one service, the largest page of /api/changes stays under 1 MB")
  void pagesStaySmall() {
    Client.Answer largest = client.get("/api/changes?service=checkout&limit=" + ChangeRoutes.MAX_PAGE);
    Client.Answer standard = client.get("/api/changes");

    assertThat(largest.status()).isEqualTo(200);
    assertThat(largest.body().getBytes(StandardCharsets.UTF_8).length).isLessThan((int) ONE_MB);
    assertThat(largest.json().path("changes")).hasSize(ChangeRoutes.MAX_PAGE);
    assertThat(largest.json().path("changes").get(0).path("conflictCount").asInt()).isGreaterThan(1000);
    assertThat(standard.json().path("count").asInt()).isEqualTo(ChangeRoutes.DEFAULT_PAGE);
    assertThat(standard.json().path("next").isTextual()).isTrue();
    assertThat(client.get("/api/changes?limit=" + (ChangeRoutes.MAX_PAGE + 1)).status()).isEqualTo(400);
    assertThat(client.get("/api/changes?limit=0").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("walking the Link headers gives every change once, newest first, while new changes arrive")
  void walkWhileChangesArrive() {
    Set<String> there = ids(server.app().gate().changes().stream()
        .filter(t -> t.change().service().value().equals("checkout")).map(t -> t.change().id().value()).toList());
    List<String> walked = walk("/api/changes?service=checkout&limit=150", "changes", () -> {
      for (int i = 0; i < 3; i++) {
        change("checkout");
      }
    });

    assertThat(walked).doesNotHaveDuplicates().hasSize(there.size());
    assertThat(ids(walked)).isEqualTo(there);
    assertThat(walked).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  @DisplayName("a filter keeps working across pages: only the filtered changes come, each once")
  void filtersKeepWorking() {
    for (int i = 0; i < 7; i++) {
      change("search");
    }
    List<String> walked = walk("/api/changes?service=search&limit=2", "changes", () -> { });

    assertThat(walked).doesNotHaveDuplicates().hasSize(7);
    walked.forEach(id -> assertThat(server.app().gate().change(io.github.coexist.core.kernel.ChangeId.of(id))
        .orElseThrow().change().service().value()).isEqualTo("search"));
  }

  @Test
  @DisplayName("a changed, cut, foreign or made-up cursor is a 400 in the error shape, quoting none of it")
  void badCursors() {
    String cursor = client.get("/api/changes?service=checkout&limit=5").json().path("next").asText();
    String incidents = incidentCursor();
    char last = cursor.charAt(cursor.length() / 2);
    String changed = cursor.substring(0, cursor.length() / 2) + (last == 'A' ? 'B' : 'A')
        + cursor.substring(cursor.length() / 2 + 1);

    assertThat(client.get("/api/changes?service=checkout&limit=5&cursor=" + cursor).status()).isEqualTo(200);
    for (String bad : List.of("/api/changes?service=checkout&cursor=" + changed,
        "/api/changes?service=checkout&cursor=" + cursor.substring(0, cursor.length() - 3),
        "/api/changes?service=checkout&cursor=not-a-cursor!",
        "/api/changes?service=checkout&cursor=" + "A".repeat(2000),
        "/api/changes?service=search&cursor=" + cursor,
        "/api/changes?cursor=" + cursor,
        "/api/changes?service=checkout&cursor=" + incidents,
        "/api/incidents?all=false&cursor=" + incidents,
        "/api/audit?cursor=" + cursor)) {
      Client.Answer answer = client.get(bad);
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.json().path("error").asText()).isEqualTo("invalid_input");
      assertThat(answer.json().path("problems").get(0).asText()).contains("cursor").doesNotContain(cursor);
    }
  }

  @Test
  @DisplayName("incidents, problems and the audit trail page the same way")
  void otherLists() {
    for (int i = 0; i < 7; i++) {
      assertThat(client.post("/alerts", "{\"source\": \"prometheus\", \"dedupKey\": \"paging-" + i + "\","
          + " \"service\": \"search\", \"summary\": \"slow\", \"severity\": \"critical\", \"status\": \"firing\"}",
          Map.of()).status()).isEqualTo(201);
    }
    for (int i = 0; i < 5; i++) {
      server.app().problems().raise(NewProblem.builder().title("Disk fills up " + i).service("db").impact(2).urgency(2)
          .raisedBy(Actor.person("carol")).build().get()).get();
    }

    assertThat(walk("/api/incidents?all=true&limit=3", "incidents", () -> { }))
        .doesNotHaveDuplicates().hasSize(server.app().incidents().incidents().size()).hasSizeGreaterThanOrEqualTo(7);
    assertThat(walk("/api/incidents?limit=2", "incidents", () -> { }))
        .doesNotHaveDuplicates().hasSize(server.app().incidents().openIncidents().size());
    assertThat(walk("/api/problems?limit=2", "problems", () -> { })).doesNotHaveDuplicates().hasSize(5);
    long entries = server.app().audit().verify().get().entriesChecked();
    assertThat(walk("/api/audit?limit=" + ReportRoutes.MAX_AUDIT_PAGE, "entries", () -> { }))
        .doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo((int) entries);
  }

  private static String incidentCursor() {
    for (int i = 0; i < 2; i++) {
      client.post("/alerts", "{\"source\": \"prometheus\", \"dedupKey\": \"cursor-" + i + "\", \"service\": \"search\","
          + " \"summary\": \"slow\", \"severity\": \"warning\", \"status\": \"firing\"}", Map.of());
    }
    return client.get("/api/incidents?all=true&limit=1").json().path("next").asText();
  }

  /**
   * The ids (sequences for audit entries) of every item of the list at {@code first}, following
   * {@code Link: <...>; rel="next"} from page to page and running {@code between} after each.
   */
  private static List<String> walk(String first, String items, Runnable between) {
    List<String> walked = new ArrayList<>();
    Optional<String> next = Optional.of(first);
    while (next.isPresent()) {
      Client.Answer page = client.get(next.get());
      assertThat(page.status()).as(next.get() + ": " + page.body()).isEqualTo(200);
      JsonNode json = page.json();
      json.path(items).forEach(item -> walked.add(item.has("id") ? item.path("id").asText()
          : item.path("sequence").asText()));
      next = page.raw().headers().firstValue("Link").map(link -> {
        Matcher m = NEXT.matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        assertThat(m.group(1)).contains("cursor=" + json.path("next").asText());
        return m.group(1);
      });
      assertThat(json.path("next").isNull()).isEqualTo(next.isEmpty());
      assertThat(walked.size()).as("a walk that ends").isLessThan(100_000);
      between.run();
    }
    return walked;
  }

  private static Set<String> ids(List<String> ids) {
    return new HashSet<>(ids);
  }
}
