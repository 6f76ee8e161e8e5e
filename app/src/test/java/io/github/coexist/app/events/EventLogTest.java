package io.github.coexist.app.events;

import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.ChangeType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.service.ServiceId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.SequenceInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  private static final Instant T = Instant.parse("2024-03-04T10:00:00Z");

  /** Collects what a read delivers. */
  static final class Collected implements BadLines {
    final List<Object> events = new ArrayList<>();
    final List<String> bad = new ArrayList<>();
    final EventSink sink = EventSink.of(events::add);

    @Override
    public void skipped(long lineNumber, String problem) {
      bad.add(lineNumber + ": " + problem);
    }
  }

  static Collected read(String log) throws IOException {
    Collected collected = new Collected();
    new EventLogReader().read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), collected.sink, collected);
    return collected;
  }

  static final Deployment FULL_DEPLOYMENT = new Deployment(DeploymentId.of("d1"), ServiceId.of("checkout"), "production",
      Deployment.Status.SUCCESS, T, Optional.of(T.plusSeconds(300)),
      List.of(new Commit("abc123", T.minusSeconds(3600)), new Commit("def456", T.minusMillis(1500))),
      Optional.of(ChangeId.of("CHG1")), Optional.of(IncidentId.of("INC9")), Optional.of("acme/checkout"), Optional.of("def456"));
  static final Deployment BARE_DEPLOYMENT = new Deployment(DeploymentId.of("d2"), ServiceId.of("cart"), "staging",
      Deployment.Status.FAILURE, T, Optional.of(T), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  static final IncidentFact FULL_INCIDENT = IncidentFact.builder().id("INC1").service("checkout").priority(1).openedAt(T)
      .acknowledgedAt(T.plusSeconds(60)).resolvedAt(T.plusSeconds(7200)).causedBy("d1").reopenCount(2).withinSla(false)
      .build().get();
  static final IncidentFact BARE_INCIDENT = IncidentFact.builder().id("INC2").service("cart").priority(4).openedAt(T).build().get();
  static final ChangeFact CLOSED_CHANGE = ChangeFact.builder().id("CHG1").service("checkout").type(ChangeType.EMERGENCY)
      .createdAt(T).closedAt(T.plusSeconds(900)).closeCode(CloseCode.SUCCESSFUL_WITH_ISSUES).autoApproved(true)
      .build().get();
  static final ChangeFact OPEN_CHANGE = ChangeFact.builder().id("CHG2").service("cart").type(ChangeType.STANDARD)
      .createdAt(T).build().get();
  static final FeedbackFact ANSWER = new FeedbackFact("INC1", 4, T, Optional.of(ServiceId.of("checkout")));
  static final FeedbackFact BARE_ANSWER = new FeedbackFact("REQ7", 2, T, Optional.empty());

  @Nested
  @DisplayName("writing and reading")
  class RoundTrip {
    @Test
    @DisplayName("every kind of event, with and without its optional fields, reads back equal")
    void roundTrip() throws IOException {
      StringWriter text = new StringWriter();
      try (EventLogWriter writer = new EventLogWriter(text)) {
        writer.write(FULL_DEPLOYMENT);
        writer.write(BARE_DEPLOYMENT);
        writer.write(FULL_INCIDENT);
        writer.write(BARE_INCIDENT);
        writer.write(CLOSED_CHANGE);
        writer.write(OPEN_CHANGE);
        writer.write(ANSWER);
        writer.write(BARE_ANSWER);
      }

      assertThat(text.toString().lines()).hasSize(8).allMatch(line -> line.startsWith("{\"type\":"));
      Collected collected = read(text.toString());
      assertThat(collected.bad).isEmpty();
      assertThat(collected.events).containsExactly(FULL_DEPLOYMENT, BARE_DEPLOYMENT, FULL_INCIDENT, BARE_INCIDENT,
          CLOSED_CHANGE, OPEN_CHANGE, ANSWER, BARE_ANSWER);
    }

    @Test
    @DisplayName("the writer's lines have a fixed field order with times in ISO-8601 UTC")
    void format() throws IOException {
      StringWriter text = new StringWriter();
      try (EventLogWriter writer = new EventLogWriter(text)) {
        writer.write(BARE_INCIDENT);
        writer.write(OPEN_CHANGE);
      }
      assertThat(text.toString()).isEqualTo(
          "{\"type\":\"incident\",\"id\":\"INC2\",\"service\":\"cart\",\"priority\":4,\"openedAt\":\"2024-03-04T10:00:00Z\",\"reopenCount\":0}\n"
              + "{\"type\":\"change\",\"id\":\"CHG2\",\"service\":\"cart\",\"changeType\":\"standard\",\"createdAt\":\"2024-03-04T10:00:00Z\",\"autoApproved\":false}\n");
    }

    @Test
    @DisplayName("an unfinished deployment is refused: the log holds finished ones")
    void unfinishedRefused() throws IOException {
      Deployment running = new Deployment(DeploymentId.of("d3"), ServiceId.of("cart"), "production",
          Deployment.Status.IN_PROGRESS, T, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty());
      try (EventLogWriter writer = new EventLogWriter(new StringWriter())) {
        assertThatThrownBy(() -> writer.write(running)).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Nested
  @DisplayName("reading")
  class Reading {
    @Test
    @DisplayName("unknown fields, nested or not, are ignored; times may carry offsets and fractions")
    void unknownFieldsIgnored() throws IOException {
      Collected collected = read("{\"type\":\"feedback\",\"ticket\":\"T1\",\"rating\":5,\"at\":\"2024-03-04T12:00:00.5+02:00\","
          + "\"comment\":{\"text\":\"great\",\"tags\":[1,2,{\"x\":null}]},\"score\":1.5,\"extra\":[true]}\n");

      assertThat(collected.bad).isEmpty();
      assertThat(collected.events).containsExactly(
          new FeedbackFact("T1", 5, Instant.parse("2024-03-04T10:00:00.5Z"), Optional.empty()));
    }

    @Test
    @DisplayName("a bad line is skipped and reported with its number and every problem; good lines still count")
    void badLinesReported() throws IOException {
      String log = String.join("\n",
          "{\"type\":\"feedback\",\"ticket\":\"T1\",\"rating\":5,\"at\":\"2024-03-04T10:00:00Z\"}",
          "{\"type\":\"deployment\",\"id\":\"d1\",\"status\":\"ok\",\"startedAt\":\"yesterday\"}",
          "not json",
          "",
          "{\"type\":\"alert\",\"id\":\"a1\"}",
          "{\"type\":\"incident\",\"id\":\"INC1\",\"service\":\"s\",\"priority\":9,\"openedAt\":\"2024-03-04T10:00:00Z\","
              + "\"acknowledgedAt\":\"2024-03-04T09:00:00Z\"}",
          "{\"type\":\"change\",\"id\":\"C1\",\"service\":\"s\",\"changeType\":\"urgent\",\"createdAt\":\"2024-03-04T10:00:00Z\","
              + "\"closeCode\":\"successful\"}",
          "{\"type\":\"feedback\",\"ticket\":\"T2\",\"rating\":\"five\",\"at\":\"2024-02-30T10:00:00Z\"}",
          "[1,2]",
          "{\"id\":\"x\"}",
          "{\"type\":\"deployment\",\"id\":\"d2\",\"service\":\"s\",\"environment\":\"production\",\"status\":\"success\","
              + "\"startedAt\":\"2024-03-04T10:00:00Z\",\"finishedAt\":\"2024-03-04T09:00:00Z\",\"commits\":[{\"sha\":\"a\"}]}");

      Collected collected = read(log);

      assertThat(collected.events).hasSize(1);
      assertThat(collected.bad).containsExactly(
          "2: deployment d1: service is required; environment is required; "
              + "startedAt must be an ISO-8601 time such as 2024-03-04T10:15:30Z, was yesterday; finishedAt is required; "
              + "status must be success or failure, was 'ok'",
          "3: not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
          "5: type must be deployment, incident, change or feedback, was 'alert'",
          "6: incident INC1: priority must be 1 to 5, was 9; acknowledgedAt is before openedAt",
          "7: change C1: autoApproved is required; changeType must be standard, normal or emergency, was 'urgent'; a close code needs closedAt",
          "8: feedback T2: rating must be a whole number, was five; at must be an ISO-8601 time such as 2024-03-04T10:15:30Z, was 2024-02-30T10:00:00Z",
          "9: not a JSON object",
          "10: type is required: deployment, incident, change or feedback",
          "11: deployment d2: finishedAt is before startedAt; commits[0].committedAt is required");
    }

    @Test
    @DisplayName("the summary counts lines, events and skipped lines")
    void summary() throws IOException {
      Collected collected = new Collected();
      EventLogReader.Summary summary = new EventLogReader().read(new ByteArrayInputStream(
          "{\"type\":\"feedback\",\"ticket\":\"T1\",\"rating\":5,\"at\":\"2024-03-04T10:00:00Z\"}\n\n{}\n".getBytes(StandardCharsets.UTF_8)),
          collected.sink, collected);

      assertThat(summary).isEqualTo(new EventLogReader.Summary(3, 1, 1));
    }

    @Test
    @DisplayName("lines end at \\n, \\r\\n or \\r, however the stream hands its bytes over")
    void lineEndings() throws IOException {
      String answer = "{\"type\":\"feedback\",\"ticket\":\"T%d\",\"rating\":5,\"at\":\"2024-03-04T10:00:00Z\"}";
      String log = String.format(answer, 1) + "\r\n" + String.format(answer, 2) + "\r" + "{}" + "\n\r\n"
          + String.format(answer, 3) + "\r\r" + String.format(answer, 4);
      byte[] bytes = log.getBytes(StandardCharsets.UTF_8);

      for (int chunk = 1; chunk <= 8; chunk++) {
        Collected collected = new Collected();
        EventLogReader.Summary summary = new EventLogReader().read(new Trickle(bytes, chunk), collected.sink, collected);

        assertThat(summary).as("%d bytes a read", chunk).isEqualTo(new EventLogReader.Summary(7, 4, 1));
        assertThat(collected.bad).as("%d bytes a read", chunk).containsExactly("3: type is required: deployment, incident, change or feedback");
        assertThat(collected.events).extracting(e -> ((FeedbackFact) e).ticket()).containsExactly("T1", "T2", "T3", "T4");
      }
    }

    @Test
    @DisplayName("a line of up to 1 MiB is read whole, however the stream hands its bytes over")
    void longLine() throws IOException {
      String head = "{\"type\":\"feedback\",\"ticket\":\"T1\",\"note\":\"";
      String tail = "\",\"rating\":4,\"at\":\"2024-03-04T10:00:00Z\"}";
      String longest = head + "x".repeat(EventLogReader.MAX_LINE_BYTES - head.length() - tail.length()) + tail;
      assertThat(longest).hasSize(EventLogReader.MAX_LINE_BYTES);
      byte[] log = (longest + "\r\n" + longest + "\n{\"type\":\"feedback\",\"ticket\":\"T2\",\"rating\":5,"
          + "\"at\":\"2024-03-04T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8);

      for (int chunk : new int[] {100_000, 1 << 20, 3 << 20}) {
        Collected collected = new Collected();
        EventLogReader.Summary summary = new EventLogReader().read(new Trickle(log, chunk), collected.sink, collected);

        assertThat(collected.bad).as("%d bytes a read", chunk).isEmpty();
        assertThat(summary).isEqualTo(new EventLogReader.Summary(3, 3, 0));
        assertThat(collected.events).extracting(e -> ((FeedbackFact) e).rating()).containsExactly(4, 4, 5);
      }
    }

    @Test
    @DisplayName("a line longer than 1 MiB is a bad line, reported once as too long and skipped to its end; the next"
        + " lines are read")
    void tooLongLine() throws IOException {
      String answer = "{\"type\":\"feedback\",\"ticket\":\"T%d\",\"rating\":5,\"at\":\"2024-03-04T10:00:00Z\"}";
      String justOver = "{\"type\":\"feedback\",\"note\":\"" + "x".repeat(EventLogReader.MAX_LINE_BYTES) + "\"}";
      String log = String.format(answer, 1) + "\n" + justOver + "\r\n" + String.format(answer, 2) + "\n"
          + "y".repeat(5 * EventLogReader.MAX_LINE_BYTES + 3) + "\r" + String.format(answer, 3) + "\n"
          + "z".repeat(EventLogReader.MAX_LINE_BYTES + 1);
      byte[] bytes = log.getBytes(StandardCharsets.UTF_8);

      for (int chunk : new int[] {4099, 100_000, 1 << 20, 1 << 22}) {
        Collected collected = new Collected();
        EventLogReader.Summary summary = new EventLogReader().read(new Trickle(bytes, chunk), collected.sink, collected);

        assertThat(summary).as("%d bytes a read", chunk).isEqualTo(new EventLogReader.Summary(6, 3, 3));
        assertThat(collected.events).extracting(e -> ((FeedbackFact) e).ticket()).containsExactly("T1", "T2", "T3");
        assertThat(collected.bad).containsExactly("2: " + EventLogReader.TOO_LONG, "4: " + EventLogReader.TOO_LONG,
            "6: " + EventLogReader.TOO_LONG);
      }
    }

    @Test
    @DisplayName("a 2 GiB sparse file, one line of NUL bytes, is read in bounded time and memory: one line too long,"
        + " then the line after it")
    void sparseFile(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("sparse.jsonl");
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(2L << 30);
        raf.seek(2L << 30);
        raf.write("\n{\"type\":\"feedback\",\"ticket\":\"T1\",\"rating\":5,\"at\":\"2024-03-04T10:00:00Z\"}\n"
            .getBytes(StandardCharsets.UTF_8));
      }

      Collected collected = new Collected();
      EventLogReader.Summary summary = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        try (InputStream in = Files.newInputStream(file)) {
          return new EventLogReader().read(in, collected.sink, collected);
        }
      });

      assertThat(summary).isEqualTo(new EventLogReader.Summary(2, 1, 1));
      assertThat(collected.bad).containsExactly("1: " + EventLogReader.TOO_LONG);
      assertThat(collected.events).extracting(e -> ((FeedbackFact) e).ticket()).containsExactly("T1");
    }

    @Test
    @DisplayName("a problem quotes at most 80 characters of a value, control characters escaped, with its length;"
        + " a 100 MB line is reported in a short sentence")
    void excerpts() throws IOException {
      String value = "\\u001b[31m" + "v".repeat(600_000); // a JSON escape: the value starts with ESC
      String log = String.join("\n",
          "{\"type\":\"" + "t".repeat(900_000) + "\"}",
          "{\"type\":\"incident\",\"id\":\"" + "i".repeat(300_000) + "\",\"service\":\"s\",\"priority\":\"" + value
              + "\",\"openedAt\":\"2024-03-04T10:00:00Z\"}",
          "{\"type\":\"deployment\",\"commits\":[" + "{},".repeat(100_000) + "{}]}",
          "{\"type\":" + "n".repeat(900_000) + "}");

      Collected collected = read(log);

      assertThat(collected.bad).hasSize(4).allSatisfy(problem ->
          assertThat(problem.length()).isLessThanOrEqualTo(EventLogReader.MAX_PROBLEM_CHARS + 40));
      assertThat(collected.bad.get(0)).isEqualTo("1: type must be deployment, incident, change or feedback, was '"
          + "t".repeat(80) + "\u2026' (900000 characters)");
      assertThat(collected.bad.get(1)).isEqualTo("2: incident " + "i".repeat(80) + "\u2026 (300000 characters): priority"
          + " must be a whole number, was \\u001b[31m" + "v".repeat(75) + "\u2026 (600005 characters)");
      assertThat(collected.bad.get(2)).startsWith("3: deployment: ").contains("commits[9].committedAt is required; "
          + "99991 more commits have problems").doesNotContain("commits[10]");
      assertThat(collected.bad.get(3)).startsWith("4: not valid JSON: Unrecognized token '" + "n".repeat(80 - 4))
          .doesNotContain("n".repeat(81));

      byte[] tail = ("\"}\n{\"type\":\"feedback\",\"ticket\":\"T1\",\"rating\":5,\"at\":\"2024-03-04T10:00:00Z\"}")
          .getBytes(StandardCharsets.UTF_8);
      Collected huge = new Collected();
      new EventLogReader().read(new SequenceInputStream(new ByteArrayInputStream("{\"type\":\"".getBytes(StandardCharsets.UTF_8)),
          new SequenceInputStream(new Repeat((byte) 'x', 100_000_000), new ByteArrayInputStream(tail))), huge.sink, huge);

      assertThat(huge.bad).containsExactly("1: " + EventLogReader.TOO_LONG);
      assertThat(huge.events).hasSize(1);
    }
    @Test
    @DisplayName("text beyond ASCII is read as UTF-8; bytes that are not UTF-8 are a bad line, reported")
    void utf8() throws IOException {
      byte[] good = "{\"type\":\"feedback\",\"ticket\":\"caf\u00e9 \u2615\",\"rating\":5,\"at\":\"2024-03-04T10:00:00Z\"}\n"
          .getBytes(StandardCharsets.UTF_8);
      byte[] bad = "{\"type\":\"feedback\",\"ticket\":\"T\u00e9\",\"rating\":5,\"at\":\"2024-03-04T10:00:00Z\"}"
          .getBytes(StandardCharsets.ISO_8859_1);
      byte[] log = new byte[good.length + bad.length];
      System.arraycopy(good, 0, log, 0, good.length);
      System.arraycopy(bad, 0, log, good.length, bad.length);

      Collected collected = new Collected();
      new EventLogReader().read(new ByteArrayInputStream(log), collected.sink, collected);

      assertThat(collected.events).extracting(e -> ((FeedbackFact) e).ticket()).containsExactly("caf\u00e9 \u2615");
      assertThat(collected.bad).singleElement().asString().startsWith("2: not valid JSON: Invalid UTF-8");
    }
  }

  /** {@code count} copies of one byte, made as they are read. */
  static final class Repeat extends InputStream {
    private final byte value;
    private long left;

    Repeat(byte value, long count) {
      this.value = value;
      this.left = count;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return value & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(length, left);
      Arrays.fill(into, offset, offset + n, value);
      left -= n;
      return n;
    }
  }

  /** Hands its bytes over at most {@code chunk} at a time, as a pipe or a socket may. */
  static final class Trickle extends InputStream {
    private final byte[] bytes;
    private final int chunk;
    private int at;

    Trickle(byte[] bytes, int chunk) {
      this.bytes = bytes;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return at < bytes.length ? bytes[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (at == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(length, chunk), bytes.length - at);
      System.arraycopy(bytes, at, into, offset, n);
      at += n;
      return n;
    }
  }
}
