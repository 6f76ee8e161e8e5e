package io.github.coexist.app.kpis;

import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.ChangeType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.app.events.EventLogWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command on a small log whose numbers are worked out by hand: Monday 2024-03-04 00:00 UTC is
 * hour 0; checkout deploys at hours 10 and 20, payments at hour 30 (a hotfix); INC1 (checkout,
 * opened 21, resolved 23) falls to the hour-20 deployment, INC2 (payments, opened 31, resolved 36)
 * names the hour-30 one.
 */
class KpisCommandTest {
  private static final Instant T = Instant.parse("2024-03-04T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private Path log;
  private String err;

  private static Instant h(double hours) {
    return T.plusMillis(Math.round(hours * 3_600_000));
  }

  private static Deployment deployment(String id, String service, String env, Deployment.Status status, double hour,
      String hotfix, Commit... commits) {
    return new Deployment(DeploymentId.of(id), ServiceId.of(service), env, status, h(hour).minus(Duration.ofMinutes(10)),
        Optional.of(h(hour)), List.of(commits), Optional.empty(), Optional.ofNullable(hotfix).map(IncidentId::of),
        Optional.empty(), Optional.empty());
  }

  @BeforeEach
  void writeLog() throws IOException {
    log = dir.resolve("events.jsonl");
    try (EventLogWriter w = new EventLogWriter(Files.newBufferedWriter(log))) {
      w.write(deployment("d1", "checkout", "production", Deployment.Status.SUCCESS, 10, null, new Commit("c1", h(8))));
      w.write(deployment("d2", "checkout", "prod", Deployment.Status.SUCCESS, 20, null, new Commit("c2", h(16)), new Commit("c1", h(8))));
      w.write(deployment("d3", "payments", "production", Deployment.Status.SUCCESS, 30, "INC1", new Commit("c3", h(29))));
      w.write(deployment("d4", "checkout", "staging", Deployment.Status.SUCCESS, 11, null, new Commit("c4", h(1))));
      w.write(deployment("d5", "checkout", "production", Deployment.Status.FAILURE, 12, null, new Commit("c5", h(2))));
      w.write(IncidentFact.builder().id("INC1").service("checkout").priority(2).openedAt(h(21)).acknowledgedAt(h(21.5))
          .resolvedAt(h(23)).build().get());
      w.write(IncidentFact.builder().id("INC2").service("payments").priority(1).openedAt(h(31)).acknowledgedAt(h(31.5))
          .resolvedAt(h(36)).causedBy("d3").build().get());
      w.write(ChangeFact.builder().id("CHG1").service("checkout").type(ChangeType.NORMAL).createdAt(h(1))
          .closedAt(h(10)).closeCode(CloseCode.SUCCESSFUL).autoApproved(true).build().get());
      w.write(ChangeFact.builder().id("CHG2").service("payments").type(ChangeType.EMERGENCY).createdAt(h(25))
          .closedAt(h(30)).closeCode(CloseCode.UNSUCCESSFUL).autoApproved(false).build().get());
      w.write(new FeedbackFact("INC1", 5, h(24), Optional.of(ServiceId.of("checkout"))));
      w.write(new FeedbackFact("INC2", 2, h(37), Optional.empty()));
    }
  }

  private int exit;

  private JsonNode run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    exit = KpisCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(errors, true, StandardCharsets.UTF_8));
    err = errors.toString(StandardCharsets.UTF_8);
    try {
      return out.size() == 0 ? null : JSON.readTree(out.toByteArray());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertNumber(JsonNode node, double expected) {
    assertThat(node.isNumber()).as("%s is a number", node).isTrue();
    assertThat(node.asDouble()).isCloseTo(expected, within(1e-6));
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  @DisplayName("without a window, the whole log's span is reported, every field in its documented place")
  void wholeSpan() {
    JsonNode r = run("--events", log.toString());

    assertThat(exit).isZero();
    assertThat(err).isEmpty();
    assertThat(fields(r)).containsExactly("window", "service", "dora", "itsm");
    assertThat(fields(r.get("dora"))).containsExactly(
        "deploymentFrequency", "leadTimeForChanges", "changeFailureRate", "failedDeploymentRecoveryTime", "reworkRate");
    assertThat(fields(r.get("itsm"))).containsExactly("mttaSeconds", "timeToRestore", "slaCompliance", "reopenRate",
        "changeSuccessRate", "emergencyChangeRatio", "autoApprovalRatio", "csat");
    assertThat(r.at("/window/from").asText()).isEqualTo("2024-03-04T01:00:00Z");
    assertThat(r.at("/window/to").asText()).isEqualTo("2024-03-05T13:00:00.001Z");
    assertThat(r.get("service").isNull()).isTrue();

    JsonNode df = r.at("/dora/deploymentFrequency");
    assertThat(fields(df)).containsExactly("deployments", "perDay", "deploymentDays", "level");
    assertThat(df.get("deployments").asLong()).isEqualTo(3);
    assertNumber(df.get("perDay"), 3 / (36.0 / 24 + 1.0 / 86_400_000));
    assertThat(df.get("deploymentDays").asLong()).isEqualTo(2);
    assertThat(df.get("level").asText()).isEqualTo("elite");
    assertNumber(r.at("/dora/leadTimeForChanges/medianSeconds"), 7200);
    assertNumber(r.at("/dora/leadTimeForChanges/p90Seconds"), 3.6 * 3600);
    assertThat(r.at("/dora/leadTimeForChanges/level").asText()).isEqualTo("elite");
    // d5 failed in production: a failed change among the changes, beside the two with incidents
    assertNumber(r.at("/dora/changeFailureRate/rate"), 3 / 4.0);
    assertThat(r.at("/dora/changeFailureRate/failed").asLong()).isEqualTo(3);
    assertThat(r.at("/dora/changeFailureRate/total").asLong()).isEqualTo(4);
    assertThat(r.at("/dora/changeFailureRate/level").asText()).isEqualTo("low");
    JsonNode failures = r.at("/dora/changeFailureRate/failures");
    assertThat(failures.findValuesAsText("deployment")).containsExactly("d5", "d2", "d3");
    assertThat(failures.get(0).get("why").get(0).asText()).isEqualTo("deployment failed");
    assertThat(failures.get(1).get("why").get(0).asText()).isEqualTo("INC1 (P2): heuristic, 1 h after");
    assertThat(failures.get(2).get("why").get(0).asText()).isEqualTo("INC2 (P1): explicit link");
    assertThat(fields(failures.get(0))).containsExactly("deployment", "service", "finishedAt", "why");
    assertNumber(r.at("/dora/failedDeploymentRecoveryTime/medianSeconds"), 4.5 * 3600);
    assertThat(r.at("/dora/failedDeploymentRecoveryTime/level").asText()).isEqualTo("high");
    assertNumber(r.at("/dora/reworkRate/rate"), 1 / 3.0);
    assertThat(r.at("/dora/reworkRate/hotfixes").asLong()).isEqualTo(1);

    assertNumber(r.at("/itsm/mttaSeconds"), 1800);
    assertNumber(r.at("/itsm/timeToRestore/meanSeconds"), 3.5 * 3600);
    assertNumber(r.at("/itsm/timeToRestore/medianSeconds"), 3.5 * 3600);
    assertNumber(r.at("/itsm/slaCompliance"), 0.5);
    assertNumber(r.at("/itsm/reopenRate"), 0.0);
    assertNumber(r.at("/itsm/changeSuccessRate"), 0.5);
    assertNumber(r.at("/itsm/emergencyChangeRatio"), 0.5);
    assertNumber(r.at("/itsm/autoApprovalRatio"), 0.5);
    assertNumber(r.at("/itsm/csat/satisfiedRatio"), 0.5);
    assertNumber(r.at("/itsm/csat/meanRating"), 3.5);
    assertThat(r.at("/itsm/csat/responses").asLong()).isEqualTo(2);
  }

  @Test
  @DisplayName("--service narrows to one service, answers on its incident tickets included")
  void oneService() {
    JsonNode r = run("--events", log.toString(), "--service", "payments");

    assertThat(r.get("service").asText()).isEqualTo("payments");
    assertThat(r.at("/dora/deploymentFrequency/deployments").asLong()).isEqualTo(1);
    assertNumber(r.at("/dora/leadTimeForChanges/medianSeconds"), 3600);
    assertNumber(r.at("/dora/changeFailureRate/rate"), 1.0);
    assertNumber(r.at("/dora/failedDeploymentRecoveryTime/medianSeconds"), 6 * 3600);
    assertNumber(r.at("/itsm/changeSuccessRate"), 0.0);
    assertNumber(r.at("/itsm/emergencyChangeRatio"), 1.0);
    // The answer on INC2 names no service: it counts for payments, the service of its incident.
    assertNumber(r.at("/itsm/csat/satisfiedRatio"), 0.0);
    assertNumber(r.at("/itsm/csat/meanRating"), 2.0);
    assertThat(r.at("/itsm/csat/responses").asLong()).isEqualTo(1);
  }

  @Test
  @DisplayName("--from and --to take times or dates and set the window")
  void window() {
    JsonNode r = run("--events", log.toString(), "--from", "2024-03-04", "--to", "2024-03-05T00:00:00Z");

    assertThat(r.at("/window/from").asText()).isEqualTo("2024-03-04T00:00:00Z");
    assertThat(r.at("/window/to").asText()).isEqualTo("2024-03-05T00:00:00Z");
    assertThat(r.at("/dora/deploymentFrequency/deployments").asLong()).isEqualTo(2);
    assertNumber(r.at("/dora/deploymentFrequency/perDay"), 2.0);
    assertThat(r.at("/dora/deploymentFrequency/deploymentDays").asLong()).isEqualTo(1);
    assertNumber(r.at("/dora/leadTimeForChanges/medianSeconds"), 3 * 3600);
    assertNumber(r.at("/dora/changeFailureRate/rate"), 2 / 3.0);
    assertNumber(r.at("/dora/failedDeploymentRecoveryTime/medianSeconds"), 3 * 3600);
  }

  @Test
  @DisplayName("--production and --benchmarks change what counts and how it is judged")
  void productionAndBenchmarks() {
    JsonNode live = run("--events", log.toString(), "--production", "live,canary");
    assertThat(live.at("/dora/deploymentFrequency/deployments").asLong()).isZero();
    assertThat(live.at("/dora/deploymentFrequency/level").asText()).isEqualTo("low");
    assertThat(live.at("/dora/changeFailureRate/rate").isNull()).isTrue();
    assertThat(live.at("/dora/leadTimeForChanges/medianSeconds").isNull()).isTrue();

    JsonNode staging = run("--events", log.toString(), "--production", "STAGING");
    assertThat(staging.at("/dora/deploymentFrequency/deployments").asLong()).isEqualTo(1);

    JsonNode y2021 = run("--events", log.toString(), "--benchmarks", "2021");
    assertThat(y2021.at("/dora/leadTimeForChanges/level").asText()).isEqualTo("high");
  }

  @Test
  @DisplayName("a bad line is reported with the file and its line number, skipped, and the rest still counts")
  void badLine() throws IOException {
    Files.writeString(log, "{\"type\":\"deployment\",\"id\":\"bad\"}\n", StandardOpenOption.APPEND);

    JsonNode r = run("--events", log.toString());

    assertThat(exit).isZero();
    assertThat(err).contains(log + ":12: deployment bad: service is required")
        .contains("kpis: skipped 1 bad line(s) of 12");
    assertThat(r.at("/dora/deploymentFrequency/deployments").asLong()).isEqualTo(3);
  }

  @Test
  @DisplayName("a bad argument is reported with what a good one looks like, the synopsis and where to get help, and exits 2")
  void badArguments() {
    assertThat(run("--from", "nope", "--events", log.toString())).isNull();
    assertThat(exit).isEqualTo(2);
    assertThat(err).startsWith("coexist kpis: Invalid value for option '--from': must be an ISO-8601 time such as "
        + "2024-03-04T00:00:00Z or a date such as 2024-03-04, was 'nope'\n")
        .contains("Usage: coexist kpis ", "Try 'coexist kpis --help' for more information.");
    run("--benchmarks", "2022", "--events", log.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err).contains("'--benchmarks': must be 2021, 2023 or 2024, was '2022'");
    run("--production", ",", "--events", log.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err).contains("'--production': invalid input: a production environment name must not be blank");
    run("--service", "x");
    assertThat(exit).isEqualTo(2);
    assertThat(err).startsWith("coexist kpis: Missing required option: '--events=FILE'");
    run("--events", log.toString(), "stray");
    assertThat(exit).isEqualTo(2);
    assertThat(err).startsWith("coexist kpis: Unmatched argument at index 2: 'stray'");
    run("--events", log.toString(), "--from", "2024-03-05", "--to", "2024-03-04");
    assertThat(exit).isEqualTo(2);
    assertThat(err).startsWith("coexist kpis: --to is before --from\n").contains("Usage: coexist kpis ");
    run("--events", log.toString(), "--bogus", "x");
    assertThat(exit).isEqualTo(2);
    assertThat(err).startsWith("coexist kpis: Unknown options: '--bogus', 'x'");
    run("--events=" + log, "--service=payments");
    assertThat(exit).isZero();
  }

  @Test
  @DisplayName("a missing file, or an empty log without a window, exits 1")
  void unreadable() throws IOException {
    assertThat(run("--events", dir.resolve("none.jsonl").toString())).isNull();
    assertThat(exit).isEqualTo(1);
    assertThat(err).contains("no such file");

    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    run("--events", empty.toString());
    assertThat(exit).isEqualTo(1);
    JsonNode r = run("--events", empty.toString(), "--from", "2024-03-04", "--to", "2024-03-05");
    assertThat(exit).isZero();
    assertThat(r.at("/dora/deploymentFrequency/deployments").asLong()).isZero();
  }

  @Nested
  @DisplayName("safe files")
  class SafeFiles {
    @Test
    @DisplayName("a 2 GiB sparse file, one line of NUL bytes, ends promptly: the line is too long, the log holds no"
        + " events, exit 1")
    void sparseLine() throws IOException {
      Path sparse = sparse("sparse.jsonl", 2L << 30);

      JsonNode r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("--events", sparse.toString(),
          "--max-size", "3G"));

      assertThat(r).isNull();
      assertThat(exit).isEqualTo(1);
      assertThat(err.lines()).containsExactly(
          sparse + ":1: longer than 1048576 bytes (1 MiB), the longest line read; skipped",
          "kpis: skipped 1 bad line(s) of 1",
          "kpis: " + sparse + " holds no events to take the window from; give --from and --to");
    }

    @Test
    @DisplayName("a file over --max-size (1 GiB by default) is refused unread with exit 3, whatever its content")
    void tooLarge() throws IOException {
      Path sparse = sparse("large.jsonl", 2L << 30);

      assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("--events", sparse.toString()))).isNull();
      assertThat(exit).isEqualTo(3);
      assertThat(err).isEqualTo("kpis: " + sparse + " is 2147483648 bytes, larger than --max-size 1073741824 bytes;"
          + " not read (raise --max-size, and the JVM's -Xmx with it: about 1.5 bytes of heap per byte of log)\n");

      assertThat(run("--events", log.toString(), "--max-size", "1k")).isNull();
      assertThat(exit).isEqualTo(3);
      assertThat(err).startsWith("kpis: " + log + " is " + Files.size(log) + " bytes, larger than --max-size 1024 bytes");
      assertThat(run("--events", log.toString(), "--max-size", String.valueOf(Files.size(log)))).isNotNull();
      assertThat(exit).isZero();
    }

    @Test
    @DisplayName("a stream without a size (/dev/zero) is counted as it is read and refused past --max-size, exit 3")
    void endlessStream() {
      Path zero = Path.of("/dev/zero");
      assumeTrue(Files.isReadable(zero), "needs /dev/zero");

      assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("--events", zero.toString(),
          "--max-size", "16M"))).isNull();
      assertThat(exit).isEqualTo(3);
      assertThat(err.lines()).endsWith("kpis: /dev/zero is more than 16777216 bytes, larger than --max-size 16777216"
          + " bytes; not read (raise --max-size, and the JVM's -Xmx with it: about 1.5 bytes of heap per byte of log)");
    }

    @Test
    @DisplayName("a 100 MB line and a bad value of 900,000 characters are reported in a few short lines")
    void shortErrors() throws IOException {
      Path bad = dir.resolve("bad.jsonl");
      try (OutputStream out = Files.newOutputStream(bad)) {
        out.write("{\"type\":\"".getBytes(StandardCharsets.UTF_8));
        byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) {
          out.write(chunk);
        }
        out.write(("\"}\n{\"type\":\"" + "y".repeat(900_000) + "\"}\n").getBytes(StandardCharsets.UTF_8));
      }

      assertThat(run("--events", bad.toString(), "--from", "2024-03-04", "--to", "2024-03-05")).isNotNull();
      assertThat(exit).isZero();
      assertThat(err.lines()).containsExactly(
          bad + ":1: longer than 1048576 bytes (1 MiB), the longest line read; skipped",
          bad + ":2: type must be deployment, incident, change or feedback, was '" + "y".repeat(80)
              + "\u2026' (900000 characters)",
          "kpis: skipped 2 bad line(s) of 2");
    }

    @Test
    @DisplayName("--help prints the usage, the limits and the exit codes; a bad --max-size is a bad argument")
    void help() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(KpisCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: coexist kpis ").contains("1 MiB", "--max-size",
          "3   the log is larger than --max-size", "--version");

      assertThat(run("--events", log.toString(), "--max-size", "lots")).isNull();
      assertThat(exit).isEqualTo(2);
      assertThat(err).startsWith("coexist kpis: Invalid value for option '--max-size': must be a number of bytes,"
          + " optionally with K, M or G");
    }

    private Path sparse(String name, long length) throws IOException {
      Path file = dir.resolve(name);
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(length);
      }
      return file;
    }
  }
}
