package io.github.coexist.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.coexist.standins.github.GitHubDeliveries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command on folders written here from the GitHub fixtures (the stand-in's payloads, on
 * GitHub.com's API), each line compared whole.
 */
class ReplayCommandTest {
  private static final String SECRET = "s3cret";
  private static final URI GITHUB = URI.create("https://api.github.com");
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;
  private String out;
  private String err;

  @Test
  @DisplayName("with --secret: the fixtures' story, a ping, a redelivery, a bad signature, a malformed body, a file"
      + " whose headers name another event and an unused event, each on one line in file-name order")
  void savedFolderWithSecret() throws IOException {
    saved("01.json", GitHubDeliveries.fixture("ping").signed(SECRET, "d-01"));
    List<GitHubDeliveries.Delivery> flow = GitHubDeliveries.deploymentFlow(GITHUB, GitHubDeliveries.RUN_ID);
    for (int i = 0; i < flow.size(); i++) {
      saved(String.format("%02d.json", i + 2), flow.get(i).signed(SECRET, String.format("d-%02d", i + 2)));
    }
    saved("10.json", flow.get(flow.size() - 1).signed(SECRET, "d-09")); // a redelivery: same delivery id
    saved("11.json", GitHubDeliveries.fixture("release").signed("not-the-secret", "d-11"));
    byte[] broken = "{\"action\": \"created\", ".getBytes(StandardCharsets.UTF_8);
    write("12.json", broken, GitHubDeliveries.headers("deployment", "d-12", SECRET, broken));
    saved("push.13.json", GitHubDeliveries.fixture("issues").signed(SECRET, "d-13")); // the headers say issues
    GitHubDeliveries.SignedDelivery star = GitHubDeliveries.of("star", "{\"action\":\"created\"}").signed(SECRET, "d-14");
    Map<String, String> starHeaders = new LinkedHashMap<>(star.headers());
    starHeaders.remove("X-GitHub-Event"); // the event comes from the file name
    write("star.14.json", star.body(), starHeaders);

    assertThat(run(dir.toString(), "--secret", SECRET)).isZero();

    String notAuthorised = "it is not authorised to deploy: pending, waiting for 0 of 1 change-manager approval"
        + " (moderate risk (score 40): needs change-manager)";
    assertThat(lines()).containsExactly(
        """
        {"file":"01.json","event":"ping","action":null,"outcome":"accepted","reason":"ping from webhook 109948940: \
        the webhook reaches coexist","change":null,"decision":null,"deployment":null,"incident":null}""",
        """
        {"file":"02.json","event":"push","action":null,"outcome":"accepted","reason":"2 commits pushed to \
        refs/heads/main","change":null,"decision":null,"deployment":null,"incident":null}""",
        """
        {"file":"03.json","event":"workflow_run","action":"completed","outcome":"accepted","reason":"evidence for \
        6dcb09b: CI tests passed (tests)","change":null,"decision":null,"deployment":null,"incident":null}""",
        """
        {"file":"04.json","event":"check_suite","action":"completed","outcome":"accepted","reason":"evidence for \
        6dcb09b: Security Scan passed (security scan)","change":null,"decision":null,"deployment":null,\
        "incident":null}""",
        """
        {"file":"05.json","event":"pull_request_review","action":"submitted","outcome":"accepted","reason":"evidence \
        for ec26c3e: pull request review passed (review)","change":null,"decision":null,"deployment":null,\
        "incident":null}""",
        """
        {"file":"06.json","event":"pull_request","action":"closed","outcome":"accepted","reason":"pull request #2 \
        merged into main","change":null,"decision":null,"deployment":null,"incident":null}""",
        """
        {"file":"07.json","event":"deployment_protection_rule","action":"requested","outcome":"accepted","reason":\
        "gate for Hello-World to production: moderate risk (score 40): needs change-manager","change":\
        "ch-00000001","decision":"pending","deployment":null,"incident":null}""",
        """
        {"file":"08.json","event":"deployment","action":"created","outcome":"accepted","reason":"deployment \
        145988746 of Hello-World to production: in_progress; coexist refused it: change ch-00000001 cannot move \
        from authorize to implement: %s","change":"ch-00000001","decision":null,"deployment":"145988746",\
        "incident":null}""".formatted(notAuthorised),
        """
        {"file":"09.json","event":"deployment_status","action":"created","outcome":"accepted","reason":"deployment \
        145988746 of Hello-World to production: success; coexist refused it: change ch-00000001 cannot move from \
        authorize to review: %s","change":"ch-00000001","decision":null,"deployment":"145988746",\
        "incident":null}""".formatted(notAuthorised),
        """
        {"file":"10.json","event":"deployment_status","action":"created","outcome":"duplicate","reason":"delivery \
        d-09 was processed before (09.json)","change":null,"decision":null,"deployment":null,"incident":null}""",
        """
        {"file":"11.json","event":"release","action":"published","outcome":"rejected","reason":"unauthorized: the \
        signature does not match the body","change":null,"decision":null,"deployment":null,"incident":null}""",
        """
        {"file":"12.json","event":"deployment","action":null,"outcome":"rejected","reason":"invalid input: the \
        deployment payload is not valid JSON: Unexpected end-of-input within/between Object entries","change":null,\
        "decision":null,"deployment":null,"incident":null}""",
        """
        {"file":"push.13.json","event":"issues","action":"labeled","outcome":"accepted","reason":"incident issue #1 \
        opened","change":null,"decision":null,"deployment":null,"incident":"INC-0001"}""",
        """
        {"file":"star.14.json","event":"star","action":"created","outcome":"ignored","reason":"event 'star' is not \
        used by coexist","change":null,"decision":null,"deployment":null,"incident":null}""");
    assertThat(err).endsWith("replay: 14 deliveries from " + dir
        + ": 10 accepted, 1 ignored, 2 rejected, 1 duplicate\n");
  }

  @Test
  @DisplayName("without --secret: signatures are not checked, the event comes from the file name, and the order is"
      + " the file names' (String order, not numeric)")
  void withoutSecret() throws IOException {
    write("release.2.json", GitHubDeliveries.fixture("release").body(), Map.of("X-Hub-Signature-256", "sha256=00"));
    Files.write(dir.resolve("ping.10.json"), GitHubDeliveries.fixture("ping").body());
    Files.write(dir.resolve("ping.9.json"), GitHubDeliveries.fixture("ping").with("/hook_id", 9).body());
    Files.write(dir.resolve("issues.1.json"), GitHubDeliveries.fixture("issues").body());

    assertThat(run(dir.toString())).isZero();

    assertThat(lines()).extracting(ReplayCommandTest::fileAndOutcome).containsExactly(
        "issues.1.json issues accepted incident issue #1 opened",
        "ping.10.json ping accepted ping from webhook 109948940: the webhook reaches coexist",
        "ping.9.json ping accepted ping from webhook 9: the webhook reaches coexist",
        "release.2.json release accepted release 0.0.1 published");
    assertThat(err).contains("4 accepted, 0 ignored, 0 rejected, 0 duplicate (signatures not checked: give --secret"
        + " to check them)");
  }

  @Test
  @DisplayName("with --secret, a delivery saved without its headers carries no signature and is rejected")
  void secretNeedsHeaders() throws IOException {
    Files.write(dir.resolve("ping.1.json"), GitHubDeliveries.fixture("ping").body());

    assertThat(run(dir.toString(), "--secret", SECRET)).isZero();

    assertThat(lines()).extracting(ReplayCommandTest::fileAndOutcome)
        .containsExactly("ping.1.json ping rejected unauthorized: the delivery carries no signature");
  }

  @Test
  @DisplayName("a headers file with a line that is not 'Name: value' rejects its delivery, naming the line;"
      + " a headers file alone is reported and skipped")
  void badHeadersFile() throws IOException {
    Files.write(dir.resolve("ping.1.json"), GitHubDeliveries.fixture("ping").body());
    Files.writeString(dir.resolve("ping.1.json.headers"), "X-GitHub-Event: ping\r\n\r\nPOST /webhooks HTTP/1.1\r\n");
    Files.writeString(dir.resolve("push.2.json.headers"), "X-GitHub-Event: push\n");

    assertThat(run(dir.toString())).isZero();

    assertThat(lines()).extracting(ReplayCommandTest::fileAndOutcome)
        .containsExactly("ping.1.json ping rejected ping.1.json.headers line 3 is not 'Name: value'");
    assertThat(err).contains("replay: push.2.json.headers has no push.2.json beside it; skipped");
  }

  @Test
  @DisplayName("--production names the environments the gate guards and the KPIs count: a gate to 'live' is refused"
      + " as an unknown environment without it, and waits for approval as production with it")
  void production() throws IOException {
    GitHubDeliveries.Delivery gate = GitHubDeliveries.fixture("deployment_protection_rule").with("/environment", "live");
    Files.write(dir.resolve("deployment_protection_rule.1.json"), gate.body());

    assertThat(run(dir.toString())).isZero();
    assertThat(lines()).extracting(ReplayCommandTest::fileAndOutcome).containsExactly(
        "deployment_protection_rule.1.json deployment_protection_rule accepted gate for Hello-World to live;"
            + " coexist refused it: invalid input: environment 'live' is not a known environment");

    assertThat(run(dir.toString(), "--production", "live,Production")).isZero();
    assertThat(lines()).extracting(ReplayCommandTest::fileAndOutcome).containsExactly(
        "deployment_protection_rule.1.json deployment_protection_rule accepted gate for Hello-World to live:"
            + " moderate risk (score 48): needs change-manager");
  }

  @Test
  @DisplayName("--policy reads serve's policy file: its services make the fixtures' gate a known, low-risk one;"
      + " a bad file is a usage error naming the problem")
  void policy() throws IOException {
    GitHubDeliveries.Delivery gate = GitHubDeliveries.fixture("deployment_protection_rule");
    Files.write(dir.resolve("deployment_protection_rule.1.json"), gate.body());
    Path policy = Files.writeString(Files.createTempDirectory("policy").resolve("policy.json"), """
        {"version": "replay-test", "autoApproveUpTo": "moderate", "autoApprovalNeedsPassingEvidence": false,
         "services": [{"id": "Hello-World", "owner": "octo-team", "tier": 3, "zone": "UTC"}]}
        """);

    assertThat(run(dir.toString(), "--policy", policy.toString())).isZero();
    assertThat(lines()).singleElement().asString().contains("\"outcome\":\"accepted\"", "\"decision\":\"approved\"");

    Files.writeString(policy, "{\"autoApproveUpTo\": \"sometimes\"}");
    assertThat(run(dir.toString(), "--policy", policy.toString())).isEqualTo(2);
    assertThat(err).contains("--policy:", "autoApproveUpTo");
  }

  @Test
  @DisplayName("--api-url accepts GitHub Enterprise Server callbacks, which GitHub.com's API refuses")
  void apiUrl() throws IOException {
    URI ghes = URI.create("https://github.example.com/api/v3");
    Files.write(dir.resolve("deployment_protection_rule.1.json"),
        GitHubDeliveries.fixture("deployment_protection_rule").callbackOn(ghes, 7L).body());

    assertThat(run(dir.toString())).isZero();
    assertThat(lines()).extracting(ReplayCommandTest::fileAndOutcome).containsExactly(
        "deployment_protection_rule.1.json deployment_protection_rule rejected forbidden: deployment_callback_url"
            + " points to github.example.com, not to the configured API host api.github.com (coexist.github.api-url);"
            + " no request is sent there");

    assertThat(run(dir.toString(), "--api-url", ghes + "/")).isZero();
    assertThat(lines()).singleElement().asString().contains("\"outcome\":\"accepted\"", "\"change\":\"ch-00000001\"");
  }

  @Nested
  @DisplayName("exit codes")
  class ExitCodes {
    @Test
    @DisplayName("1 when DIR does not exist or is not a folder")
    void missingFolder() throws IOException {
      assertThat(run(dir.resolve("nowhere").toString())).isEqualTo(1);
      assertThat(err).isEqualTo("replay: no such folder: " + dir.resolve("nowhere") + "\n");
      Path file = Files.writeString(dir.resolve("file.json"), "{}");
      assertThat(run(file.toString())).isEqualTo(1);
      assertThat(err).isEqualTo("replay: " + file + " is not a folder\n");
      assertThat(out).isEmpty();
    }

    @Test
    @DisplayName("2 for bad arguments: each reported with the synopsis, the problems found after parsing all at once")
    void badArguments() {
      assertThat(run()).isEqualTo(2);
      assertThat(err).startsWith("coexist replay: Missing required parameter: 'DIR'\n")
          .contains("Usage: coexist replay ", "Try 'coexist replay --help' for more information.");
      assertThat(run("a", "b")).isEqualTo(2);
      assertThat(err).startsWith("coexist replay: Unmatched argument at index 1: 'b'");
      assertThat(run("a", "--api-url", "ftp://x")).isEqualTo(2);
      assertThat(err).startsWith("coexist replay: Invalid value for option '--api-url': must be an http(s) URL such as "
          + "https://github.example.com/api/v3, was 'ftp://x'");
      assertThat(run("a", "--production", "live, ")).isEqualTo(2);
      assertThat(err).startsWith("coexist replay: Invalid value for option '--production': invalid input: "
          + "a production environment name must not be blank");
      assertThat(run("a", "--secret", " ", "--policy", dir.resolve("no-such-policy.json").toString())).isEqualTo(2);
      assertThat(err.lines()).startsWith("coexist replay: --secret must not be blank");
      assertThat(err.lines().toList().get(1)).startsWith("coexist replay: --policy: ");
      assertThat(run(dir.toString(), "--since", "x")).isEqualTo(2);
      assertThat(err).startsWith("coexist replay: Unknown options: '--since', 'x'");
      assertThat(out).isEmpty();
    }

    @Test
    @DisplayName("0 for a folder without deliveries, saying so; hidden files, subfolders and other files are not"
        + " deliveries")
    void emptyFolder() throws IOException {
      Files.createDirectory(dir.resolve("sub.json"));
      Files.writeString(dir.resolve("._ping.1.json"), "binary junk");
      Files.writeString(dir.resolve("notes.txt"), "not a delivery");
      assertThat(run(dir.toString())).isZero();
      assertThat(out).isEmpty();
      assertThat(err).isEqualTo("replay: " + dir + " holds no deliveries (files named <event>.<anything>.json)\n");
    }
  }

  @Nested
  @DisplayName("unsafe files")
  class UnsafeFiles {
    @Test
    @DisplayName("symbolic links (to a file, a headers file or a folder outside) and a FIFO are refused unread, their"
        + " content never quoted; the rest is replayed; exit 3")
    void linksAndFifos(@TempDir Path outside) throws IOException, InterruptedException {
      Path secret = Files.writeString(outside.resolve("secret.json"), "{\"zen\":\"TOP-SECRET-CONTENT\"}");
      Path secretHeaders = Files.writeString(outside.resolve("secret.headers"), "X-GitHub-Event: TOP-SECRET-HEADER\n");
      Files.createSymbolicLink(dir.resolve("ping.1.json"), secret);
      Files.write(dir.resolve("ping.2.json"), GitHubDeliveries.fixture("ping").body());
      Files.createSymbolicLink(dir.resolve("ping.2.json.headers"), secretHeaders);
      Files.write(dir.resolve("ping.3.json"), GitHubDeliveries.fixture("ping").body());
      Files.createSymbolicLink(dir.resolve("folder.json"), outside);
      Files.createSymbolicLink(dir.resolve(".hidden.json"), secret);
      boolean fifo = mkfifo(dir.resolve("ping.4.json"));

      int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(dir.toString()));

      assertThat(code).isEqualTo(3);
      String notRead = "; replay reads only regular files inside its folder: not read";
      List<String> expected = new ArrayList<>(List.of(
          "folder.json folder rejected folder.json is a symbolic link" + notRead,
          "ping.1.json ping rejected ping.1.json is a symbolic link" + notRead,
          "ping.2.json ping rejected ping.2.json.headers is a symbolic link" + notRead,
          "ping.3.json ping accepted ping from webhook 109948940: the webhook reaches coexist"));
      if (fifo) {
        expected.add("ping.4.json ping rejected ping.4.json is not a regular file (a FIFO, socket or device)" + notRead);
      }
      assertThat(lines()).extracting(ReplayCommandTest::fileAndOutcome).containsExactlyElementsOf(expected);
      assertThat(out + err).doesNotContain("TOP-SECRET");
      assertThat(err.lines()).last().isEqualTo("replay: refused unread, as not regular files inside " + dir
          + " or too large: folder.json, ping.1.json, ping.2.json" + (fifo ? ", ping.4.json" : ""));
    }

    @Test
    @DisplayName("a 2 GiB delivery and a headers file over 64 KiB are refused unread, promptly; the rest is replayed;"
        + " exit 3")
    void tooLarge() throws IOException {
      try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("push.1.json").toFile(), "rw")) {
        raf.setLength(2L << 30);
      }
      Files.write(dir.resolve("ping.2.json"), GitHubDeliveries.fixture("ping").body());
      Files.write(dir.resolve("ping.3.json"), GitHubDeliveries.fixture("ping").body());
      Files.writeString(dir.resolve("ping.3.json.headers"), "X-Padding: " + "p".repeat(70_000) + "\n");

      int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(dir.toString()));

      assertThat(code).isEqualTo(3);
      assertThat(lines()).extracting(ReplayCommandTest::fileAndOutcome).containsExactly(
          "ping.2.json ping accepted ping from webhook 109948940: the webhook reaches coexist",
          "ping.3.json ping rejected ping.3.json.headers is 70012 bytes, larger than the 64 KiB (65536 bytes) replay"
              + " reads: not read",
          "push.1.json push rejected push.1.json is 2147483648 bytes, larger than the 25 MiB (26214400 bytes) replay"
              + " reads (GitHub sends at most 25 MB): not read");
      assertThat(err).contains("1 accepted, 0 ignored, 2 rejected, 0 duplicate")
          .endsWith("or too large: ping.3.json, push.1.json\n").doesNotContain("ppppp");
    }

    @Test
    @DisplayName("--help prints the usage, the limits and the exit codes")
    void help() {
      assertThat(run("--help")).isZero();
      assertThat(out).startsWith("Usage: coexist replay ").contains("25 MiB", "64 KiB", "symbolic link",
          "3   the folder was read but some files were refused unread", "--version");
      assertThat(err).isEmpty();
    }

    /** Makes a FIFO at {@code path} with mkfifo; false when there is no mkfifo. */
    private boolean mkfifo(Path path) throws InterruptedException {
      try {
        return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
      } catch (IOException e) {
        return false;
      }
    }
  }

  private static String fileAndOutcome(String line) {
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
    return node.get("file").asText() + " " + node.get("event").asText() + " " + node.get("outcome").asText() + " "
        + node.get("reason").asText();
  }

  private List<String> lines() {
    return out.lines().toList();
  }

  private void saved(String name, GitHubDeliveries.SignedDelivery d) throws IOException {
    write(name, d.body(), d.headers());
  }

  private void write(String name, byte[] body, Map<String, String> headers) throws IOException {
    Files.write(dir.resolve(name), body);
    Files.writeString(dir.resolve(name + ".headers"), headers.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
  }

  private int run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = ReplayCommand.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), NOW);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }
}
