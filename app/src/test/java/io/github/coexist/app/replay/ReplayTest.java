package io.github.coexist.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.service.Service;
import io.github.coexist.standins.github.GitHubDeliveries;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay engine: what it leaves in the app, its clock, and delivery ids. */
class ReplayTest {
  private static final URI GITHUB = URI.create("https://api.github.com");
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  @Test
  @DisplayName("with the service known, the fixtures' story is approved, deployed and closed, all in memory")
  void storyWithKnownService() throws IOException {
    List<Path> files = story();
    try (Replay replay = Replay.startFor(Replay.Options.defaults(), files, NOW)) {
      replay.app().register(Service.of("Hello-World", "octo"));
      List<ReplayLine> lines = replayAll(replay, files);

      assertThat(lines).allSatisfy(l -> assertThat(l.outcome()).isEqualTo(ReplayLine.Outcome.ACCEPTED));
      ReplayLine gate = lines.get(5);
      assertThat(gate.produced().decision()).hasValueSatisfying(d -> assertThat(d.name()).isEqualTo("APPROVED"));
      assertThat(gate.reason()).startsWith("gate for Hello-World to production: ")
          .endsWith("with passing evidence: approved automatically");
      assertThat(lines.get(7).reason()).isEqualTo("deployment 145988746 of Hello-World to production: success");
      assertThat(lines.get(7).produced().change()).isEqualTo(gate.produced().change());
      TrackedChange change = replay.app().gate().changes().get(0);
      assertThat(change.change().state()).isEqualTo(ChangeState.CLOSED);
      assertThat(replay.app().deployments().size()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("the clock starts at the first delivery's time and follows the deliveries forward, never back")
  void clockFollowsDeliveries() throws IOException {
    List<Path> files = story(); // push 15:21:40, ..., the gate's deployment 15:20:53 (earlier), its status 15:20:55
    try (Replay replay = Replay.startFor(Replay.Options.defaults(), files, NOW)) {
      assertThat(replay.app().clock().instant()).isEqualTo(Instant.parse("2019-05-15T15:21:40Z"));
      replayAll(replay, files);
      assertThat(replay.app().clock().instant()).isEqualTo(Instant.parse("2019-05-15T15:21:40Z"));
      assertThat(replay.app().gate().changes().get(0).change().createdAt())
          .isEqualTo(Instant.parse("2019-05-15T15:21:40Z"));
    }
    Path late = Files.write(dir.resolve("zz.deployment_status.json"), GitHubDeliveries.fixture("deployment_status")
        .with("/deployment_status/created_at", "2019-05-16T08:00:00+02:00").body());
    Files.writeString(dir.resolve("zz.deployment_status.json.headers"), "X-GitHub-Event: deployment_status\n");
    try (Replay replay = Replay.startFor(Replay.Options.defaults(), List.of(late), NOW)) {
      assertThat(replay.app().clock().instant()).isEqualTo(Instant.parse("2019-05-16T06:00:00Z"));
    }
  }

  @Test
  @DisplayName("deliveries that name no time start the clock at the fallback clock's now")
  void noTimes() throws IOException {
    Path star = Files.writeString(dir.resolve("star.1.json"), "{\"action\":\"created\"}");
    try (Replay replay = Replay.startFor(Replay.Options.defaults(), List.of(star), NOW)) {
      assertThat(replay.replay(SavedDelivery.read(star)).outcome()).isEqualTo(ReplayLine.Outcome.IGNORED);
      assertThat(replay.app().clock().instant()).isEqualTo(NOW.instant());
    }
  }

  @Test
  @DisplayName("a delivery without a delivery id gets one from its file name: replaying the folder again in the same"
      + " run finds duplicates, except of what was rejected (a redelivery of it is processed)")
  void derivedIdsAreStable() throws IOException {
    Path ping = Files.write(dir.resolve("ping.1.json"), GitHubDeliveries.fixture("ping").body());
    Path broken = Files.writeString(dir.resolve("push.2.json"), "[]");
    try (Replay replay = Replay.startFor(Replay.Options.defaults(), List.of(ping, broken), NOW)) {
      assertThat(replayAll(replay, List.of(ping, broken))).extracting(ReplayLine::outcome)
          .containsExactly(ReplayLine.Outcome.ACCEPTED, ReplayLine.Outcome.REJECTED);
      List<ReplayLine> again = replayAll(replay, List.of(ping, broken));
      assertThat(again).extracting(ReplayLine::outcome)
          .containsExactly(ReplayLine.Outcome.DUPLICATE, ReplayLine.Outcome.REJECTED);
      assertThat(again.get(0).reason()).isEqualTo("delivery " + SavedDelivery.derivedId("ping.1.json")
          + " was processed before (ping.1.json)");
      assertThat(again.get(1).reason()).isEqualTo("invalid input: the push payload is not a JSON object");
    }
    assertThat(SavedDelivery.derivedId("ping.1.json")).isEqualTo(SavedDelivery.derivedId("ping.1.json"))
        .isNotEqualTo(SavedDelivery.derivedId("ping.2.json"));
  }

  @Test
  @DisplayName("a delivery that cannot be read is rejected with the reason, and the replay goes on")
  void unreadable() throws IOException {
    Path ping = Files.write(dir.resolve("ping.2.json"), GitHubDeliveries.fixture("ping").body());
    try (Replay replay = Replay.startFor(Replay.Options.defaults(), List.of(ping), NOW)) {
      ReplayLine gone = replay.replay(SavedDelivery.read(dir.resolve("ping.1.json")));
      assertThat(gone.outcome()).isEqualTo(ReplayLine.Outcome.REJECTED);
      assertThat(gone.event()).contains("ping");
      assertThat(gone.reason()).isEqualTo("cannot read ping.1.json: no such file");
      assertThat(replay.replay(SavedDelivery.read(ping)).outcome()).isEqualTo(ReplayLine.Outcome.ACCEPTED);
    }
  }

  @Test
  @DisplayName("headers files: names without case, CRLF and blank lines allowed, a later line wins, bad lines named")
  void headersFile() {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<String> problems = new ArrayList<>();
    SavedDelivery.parseHeaders("x.json.headers", "x-github-event: push\r\n\r\nX-GitHub-Event:  issues \r\n"
        + ": nameless\nRequest URL: https://example.com\nContent-Type: application/json; charset=utf-8", headers, problems);
    assertThat(headers).containsOnly(Map.entry("x-github-event", "issues"),
        Map.entry("Content-Type", "application/json; charset=utf-8"));
    assertThat(headers.get("X-GITHUB-EVENT")).isEqualTo("issues");
    assertThat(problems).containsExactly("x.json.headers line 4 is not 'Name: value'",
        "x.json.headers line 5 is not 'Name: value'");
  }

  @Test
  @DisplayName("with --production the approval policy guards exactly those environments, and says so in its version")
  void productionPolicy() {
    var policy = Replay.policyFor(io.github.coexist.core.kpi.ProductionEnvironments.parse("live,Prod").get());
    assertThat(policy.isProduction("live")).isTrue();
    assertThat(policy.isProduction("prod")).isTrue();
    assertThat(policy.isProduction("production")).isFalse();
    assertThat(policy.isKnownEnvironment("production")).isTrue();
    assertThat(policy.version()).isEqualTo("default-1+production=live,prod");
  }

  /** The fixtures' deployment flow, named in the order GitHub sent it, with headers naming the events. */
  private List<Path> story() throws IOException {
    List<Path> files = new ArrayList<>();
    List<GitHubDeliveries.Delivery> flow = GitHubDeliveries.deploymentFlow(GITHUB, GitHubDeliveries.RUN_ID);
    for (int i = 0; i < flow.size(); i++) {
      Path file = Files.write(dir.resolve(String.format("%02d.json", i + 1)), flow.get(i).body());
      Files.writeString(dir.resolve(file.getFileName() + ".headers"), "X-GitHub-Event: " + flow.get(i).event() + "\n");
      files.add(file);
    }
    return files;
  }

  private static List<ReplayLine> replayAll(Replay replay, List<Path> files) {
    List<ReplayLine> lines = new ArrayList<>();
    files.forEach(f -> lines.add(replay.replay(SavedDelivery.read(f))));
    return lines;
  }
}
