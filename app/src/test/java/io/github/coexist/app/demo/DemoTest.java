package io.github.coexist.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.catalog.RequestState;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.app.events.EventLogReader;
import io.github.coexist.app.events.EventSink;
import io.github.coexist.app.kpis.KpisCommand;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default story, in memory: told once, then looked at from every side. */
class DemoTest {
  @TempDir
  static Path folder;

  private static Path out;
  private static String account;
  private static Summary story;

  /** What the tests read of the app before it closed. */
  record Summary(List<Change> changes, List<Incident> incidents, List<Problem> problems, List<RequestState> requests,
      List<Ticket> answered, List<Deployment> deployments, List<Path> files, KpiReport report) {}

  @BeforeAll
  static void tell() throws IOException {
    out = folder.resolve("run");
    Told told = tell(42, out);
    account = told.account();
    story = told.summary();
  }

  record Told(String account, Summary summary) {}

  static Told tell(long seed, Path to) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    AtomicReference<Summary> seen = new AtomicReference<>();
    Demo.run(new DemoOptions(seed, 5, to, DemoOptions.ItsmChoice.INMEMORY, false),
        new PrintStream(text, true, StandardCharsets.UTF_8), end -> seen.set(summary(end)));
    return new Told(text.toString(StandardCharsets.UTF_8), seen.get());
  }

  static Summary summary(Demo.Finished end) {
    return new Summary(end.app().gate().changes().stream().map(TrackedChange::change).toList(),
        end.app().incidents().incidents(), end.app().problems().problems(),
        end.app().requests().requests().stream().map(r -> r.state()).toList(),
        end.app().surveys().surveys().stream().filter(s -> s.isAnswered()).map(s -> s.ticket()).toList(),
        end.app().deployments().between(java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z")),
        end.files(), end.report());
  }

  @Nested
  @DisplayName("the same seed")
  class Repeatable {
    @Test
    @DisplayName("tells the same account and writes the same event log and audit trail, byte for byte")
    void sameSeedSameStory() throws IOException {
      Path again = folder.resolve("again");

      assertThat(accountIn(tell(42, again), again)).isEqualTo(accountIn(new Told(account, story), out));
      assertThat(bytes(again, "events.jsonl")).isEqualTo(bytes(out, "events.jsonl"));
      assertThat(bytes(again, "audit.jsonl")).isEqualTo(bytes(out, "audit.jsonl"));
    }

    @Test
    @DisplayName("while another seed tells another story")
    void otherSeedOtherStory() throws IOException {
      Path other = folder.resolve("other");

      assertThat(accountIn(tell(7, other), other)).isNotEqualTo(accountIn(new Told(account, story), out));
      assertThat(bytes(other, "events.jsonl")).isNotEqualTo(bytes(out, "events.jsonl"));
    }

    /** The account with its output folder's name taken out: the only thing two runs into two folders differ in. */
    private String accountIn(Told told, Path folder) {
      return told.account().replace(folder.toString(), "OUT");
    }

    private byte[] bytes(Path folder, String file) throws IOException {
      return Files.readAllBytes(folder.resolve(file));
    }
  }

  @Nested
  @DisplayName("the story holds")
  class Kinds {
    @Test
    @DisplayName("changes approved automatically, by the CAB, and one the CAB rejected")
    void approvals() {
      assertThat(story.changes()).anySatisfy(c -> {
        assertThat(c.decision().outcome()).isEqualTo(Decision.Outcome.APPROVED);
        assertThat(c.decision().decidedBy()).isEqualTo(Actor.COEXIST);
        assertThat(c.decision().authority()).isEmpty();
      });
      assertThat(story.changes()).anySatisfy(c -> {
        assertThat(c.decision().outcome()).isEqualTo(Decision.Outcome.APPROVED);
        assertThat(c.decision().authority()).contains("cab");
        assertThat(c.state()).isEqualTo(ChangeState.CLOSED);
      });
      assertThat(story.changes()).anySatisfy(c -> {
        assertThat(c.decision().outcome()).isEqualTo(Decision.Outcome.REJECTED);
        assertThat(c.decision().authority()).contains("cab");
        assertThat(c.decision().decidedBy().kind()).isEqualTo(Actor.Kind.PERSON);
        assertThat(c.state()).isEqualTo(ChangeState.CANCELED);
      });
      assertThat(account).contains("APPROVED automatically", "REJECTED by lena.vogel", "forced by rule 'tier 1 service "
          + "without a rollback plan'");
    }

    @Test
    @DisplayName("a change held by the weekend freeze that went ahead on Monday")
    void freeze() {
      java.time.Instant monday = Story.at(Shop.LAST_FRIDAY.plusDays(3), 8, 0);
      assertThat(story.changes()).anySatisfy(c -> {
        assertThat(c.createdAt()).isBetween(Story.at(Shop.LAST_FRIDAY, 16, 0), monday);
        assertThat(c.decision().outcome()).isEqualTo(Decision.Outcome.APPROVED);
        assertThat(c.decision().decidedAt()).isEqualTo(monday);
        assertThat(c.state()).isEqualTo(ChangeState.CLOSED);
      });
      assertThat(account).contains("waits for  the freeze 'weekend' to end at");
    }

    @Test
    @DisplayName("an emergency fix for the incident, closed after its retrospective review")
    void emergency() {
      assertThat(story.changes()).anySatisfy(c -> {
        assertThat(c.type()).isEqualTo(ChangeType.EMERGENCY);
        assertThat(c.retrospectiveReviewRequired()).isTrue();
        assertThat(c.state()).isEqualTo(ChangeState.CLOSED);
        assertThat(c.closeCode()).contains(CloseCode.SUCCESSFUL);
        assertThat(c.request().hotfixFor()).isPresent();
      });
      // aylin.demir approved the emergency change, so the other ECAB member reviews it.
      assertThat(account).contains("REVIEW", "retrospective review by jonas.weber");
      assertThat(story.report().dora().reworkRate().hotfixes()).isEqualTo(1);
    }

    @Test
    @DisplayName("deployments that succeed and at least one that fails")
    void deployments() {
      assertThat(story.deployments()).extracting(Deployment::status)
          .contains(Deployment.Status.SUCCESS, Deployment.Status.FAILURE);
      assertThat(story.changes()).anySatisfy(c -> assertThat(c.closeCode()).contains(CloseCode.UNSUCCESSFUL));
    }

    @Test
    @DisplayName("alerts folded into incidents, a flapping alert suppressed, and an incident traced to its deployment")
    void incidents() {
      assertThat(account).contains("folded into open incident", "suppressed flapping", "SUSPECTS", "#1 ");
      assertThat(story.incidents()).anySatisfy(i -> {
        assertThat(i.causedBy()).isPresent();
        assertThat(i.causedBy().get().deployment()).isPresent();
        assertThat(i.resolvedAt()).isPresent();
      });
      // The change that caused the P1 was rolled back: backed out, so unsuccessful in ServiceNow's terms.
      assertThat(story.changes()).anySatisfy(c -> {
        assertThat(c.closeCode()).contains(CloseCode.UNSUCCESSFUL);
        assertThat(c.closeNotes()).hasValueSatisfying(n -> assertThat(n).contains("caused incident", "backed out"));
      });
      assertThat(story.incidents()).anySatisfy(i ->
          assertThat(i.verdict()).isEqualTo(io.github.coexist.core.incident.Verdict.NOT_CHANGE_RELATED));
    }

    @Test
    @DisplayName("the three views of every failed change agree: risk history, close codes, DORA with why")
    void outcomeViewsAgree() {
      assertThat(account).contains("Failed changes, one outcome in three views",
          "checkout: 1 failed in each view", "rollback detected: deployment 9000411", "(deployment failed)")
          .doesNotContain("views disagree");
      assertThat(account).contains("recovery time            median 57 min");
    }

    @Test
    @DisplayName("a problem raised by recurring incidents, with a known error and a fix change, resolved")
    void problem() {
      assertThat(story.problems()).anySatisfy(p -> {
        assertThat(p.raisedAutomatically()).isTrue();
        assertThat(p.incidents()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(p.knownError()).isPresent();
        assertThat(p.fix()).isPresent();
        assertThat(p.state()).isEqualTo(ProblemState.RESOLVED);
      });
    }

    @Test
    @DisplayName("a postmortem draft in the output folder, in Markdown")
    void postmortem() throws IOException {
      List<Path> drafts;
      try (Stream<Path> files = Files.list(out.resolve("postmortems"))) {
        drafts = files.toList();
      }
      assertThat(drafts).hasSize(1);
      assertThat(drafts.get(0).getFileName().toString()).matches("INC-\\d{4}\\.md");
      assertThat(Files.readString(drafts.get(0))).startsWith("# Postmortem: ").contains("## Impact", "checkout");
    }

    @Test
    @DisplayName("the P1's postmortem is published with ticketed action items, and then the P1 closes")
    void postmortemFollowedUp() {
      String p1 = story.incidents().stream().filter(i -> i.priority().level() == 1).findFirst().orElseThrow().id().value();
      assertThat(story.incidents()).filteredOn(i -> i.id().value().equals(p1)).singleElement()
          .satisfies(i -> assertThat(i.state()).isEqualTo(io.github.coexist.core.incident.IncidentState.CLOSED));
      String lines = account.replaceAll("\\s+", " ");
      assertThat(lines).contains(p1 + " closed: its postmortem is published").containsPattern(
          "action " + p1 + "-A1 .*?\\(owner \\S+, due \\d{4}-\\d{2}-\\d{2}, ticket TASK\\d+\\)");
    }

    @Test
    @DisplayName("requests fulfilled and refused, and satisfaction answers on requests and on an incident")
    void requestsAndCsat() {
      assertThat(story.requests()).contains(RequestState.FULFILLED, RequestState.REJECTED);
      assertThat(story.answered()).extracting(Ticket::kind).contains(Ticket.Kind.INCIDENT, Ticket.Kind.REQUEST);
      assertThat(story.report().itsm().csat().responses()).isEqualTo(story.answered().size());
    }
  }

  @Nested
  @DisplayName("the files")
  class Files_ {
    @Test
    @DisplayName("the event log reads back without a bad line, and `kpis` on it prints kpis.json exactly")
    void eventLogAndKpis() throws IOException {
      List<String> bad = new ArrayList<>();
      KpiEngine engine = KpiEngine.create();
      try (InputStream in = Files.newInputStream(out.resolve("events.jsonl"))) {
        EventLogReader.Summary read = new EventLogReader().read(in, EventSink.into(engine),
            (line, problem) -> bad.add(line + ": " + problem));
        assertThat(read.events()).isPositive();
      }
      assertThat(bad).isEmpty();

      ByteArrayOutputStream json = new ByteArrayOutputStream();
      int code = KpisCommand.run(new String[] {"--events", out.resolve("events.jsonl").toString()},
          new PrintStream(json, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
      assertThat(code).isZero();
      assertThat(json.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(out.resolve("kpis.json")));

      KpiReport fromFile = engine.query(KpiQuery.organisation(engine.span().orElseThrow()));
      assertThat(fromFile).isEqualTo(story.report());
      assertThat(account).contains(KpiText.lines(fromFile));
      assertThat(fromFile.dora().deploymentFrequency().deployments()).isGreaterThan(10);
    }

    @Test
    @DisplayName("the dashboard holds the story's changes and KPIs, and every file written is named in the account")
    void dashboardAndList() throws IOException {
      String html = Files.readString(out.resolve("dashboard.html"));
      assertThat(html).contains("ch-00000001", "recentDecisions", "deploymentFrequency");
      assertThat(story.files()).contains(out.resolve("events.jsonl"), out.resolve("dashboard.html"),
          out.resolve("audit.jsonl"), out.resolve("kpis.json"));
      story.files().forEach(file -> assertThat(account).contains("  " + file));
      assertThat(account).contains("hash chain verified");
    }

    @Test
    @DisplayName("the account is plain text no wider than 100 characters")
    void plainText() {
      assertThat(account.lines()).allSatisfy(line -> {
        assertThat(line.length()).as(line).isLessThanOrEqualTo(Account.WIDTH);
        assertThat(line).doesNotContain("\u001b");
      });
    }
  }
}
