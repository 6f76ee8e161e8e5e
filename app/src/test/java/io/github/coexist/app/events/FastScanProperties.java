package io.github.coexist.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class FastScanProperties {
  /** Lines as the writer makes them, and as people and other tools write them. */
  private static final List<String> LINES = List.of(
      "{\"type\":\"deployment\",\"id\":\"d-1\",\"service\":\"shop\",\"environment\":\"production\",\"status\":\"success\","
          + "\"startedAt\":\"2024-03-04T10:00:00Z\",\"finishedAt\":\"2024-03-04T10:05:00Z\",\"commits\":[{\"sha\":"
          + "\"6dcb09b5b57875f334f61aebed695e2e4193db5e\",\"committedAt\":\"2024-03-04T09:00:00Z\"}],\"changeId\":\"ch-1\"}",
      "{\"type\":\"incident\",\"id\":\"INC-7\",\"service\":\"shop\",\"priority\":2,\"openedAt\":\"2024-03-04T11:00:00Z\","
          + "\"resolvedAt\":null,\"reopenCount\":0,\"withinSla\":true}",
      "{ \"type\" : \"change\", \"id\" : \"ch-2\", \"service\" : \"caf\u00e9\", \"changeType\" : \"normal\","
          + " \"createdAt\" : \"2024-03-04T12:00:00Z\", \"autoApproved\" : false }",
      "{\"type\":\"feedback\",\"ticket\":\"INC-7\",\"rating\":5,\"at\":\"2024-03-05T09:00:00Z\",\"extra\":{\"a\":[1,2,{\"b\":"
          + "null}],\"c\":-12.5e3}}",
      "{\"type\":\"feedback\",\"ticket\":\"tab\\there \\\"quoted\\\" \\u00e9\",\"rating\":12345678901234567890}",
      "{\"type\":\"incident\",\"priority\":-0,\"reopenCount\":007,\"id\":\"x\",\"id\":\"y\"}",
      "{\"type\":\"incident\",\"priority\":-3,\"reopenCount\":-1,\"rating\":[0,-7,123456789012345678],\"at\":true}",
      "{}",
      "[1,2]",
      "{\"type\":\"deployment\",\"commits\":[{\"sha\":\"a1\",\"committedAt\":\"2024-03-04T09:00:00.250Z\",\"x\":[]},"
          + "{\"sha\":\"b2\",\"committedAt\":\"2024-03-04T09:00:00+01:00\"}],\"meta\":{\"n\":[0,1e-3,-2E+5,{}],\"s\":\"\"}}",
      " {\"type\" :\"incident\" , \"openedAt\":\"2024-02-30T10:00:00Z\",\"causedBy\":null,\"priority\":1.0} ");

  private static final List<Character> TRICKY = List.of('"', '\\', '{', '}', '[', ']', ',', ':', '-', '.', '0', '9',
      'e', 'E', ' ', '\t', 'n', 't', 'x', '\u0001', '\u00e9');

  private final LineParser jackson = new LineParser();
  private final FastScan reused = new FastScan();

  @Test
  @DisplayName("on any line, the quick reader reads what Jackson reads, or steps aside")
  void agreesWithJacksonOrStepsAside() {
    qt().withExamples(3000)
        .forAll(Generate.pick(LINES), Generate.range(0, 400), Generate.pick(TRICKY), Generate.range(0, 2))
        .checkAssert((base, position, c, edit) -> {
          int p = Math.min(position, base.length());
          String line = switch (edit) {
            case 0 -> base;
            case 1 -> base.substring(0, p) + c + base.substring(p);
            default -> p < base.length() ? base.substring(0, p) + base.substring(p + 1) : base;
          };
          byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
          Object[] fast = new FastScan().scan(bytes, 0, bytes.length);
          Object[] again = reused.scan(bytes, 0, bytes.length);
          assertThat(again == null ? null : canonical(again)).as("a scanner reused from line to line: %s", line)
              .isEqualTo(fast == null ? null : canonical(fast));
          if (fast != null) {
            Either<String, Object[]> slow = jackson.read(bytes, 0, bytes.length);
            assertThat(slow.isRight()).as("Jackson reads %s", line).isTrue();
            assertThat(canonical(fast)).as(line).isEqualTo(canonical(slow.get()));
          }
        });
  }

  /**
   * Slots as nested lists, so that equality looks inside arrays held in lists, with a time field's
   * text read as the instant it names (the quick reader reads such times as it goes).
   */
  private static Object canonical(Object value) {
    if (value instanceof Object[] slots) {
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < slots.length; i++) {
        Object slot = slots[i];
        if (Field.values()[i].instant && slot instanceof String text) {
          slot = IsoInstants.parse(text).<Object>map(instant -> instant).orElse(text);
        }
        fields.add(canonical(slot));
      }
      return fields;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(FastScanProperties::canonical).toList();
    }
    return value == null ? "<null>" : value;
  }

  @Test
  @DisplayName("the writer's lines are read by the quick reader itself, not handed to Jackson")
  void readsTheWritersLines() {
    assertThat(scan(LINES.get(0))).isNotNull();
    assertThat(scan(LINES.get(1))).isNotNull();
    assertThat(scan(LINES.get(3))).as("unknown fields of any shape are skipped").isNotNull();
    assertThat(scan(LINES.get(9))).isNotNull();
    assertThat(scan(LINES.get(10))).as("a known field with a fraction is Jackson's to read").isNull();
    assertThat(scan(LINES.get(0))[Field.STARTED_AT.ordinal()]).isEqualTo(Instant.parse("2024-03-04T10:00:00Z"));
    assertThat(scan(LINES.get(2))).as("a byte beyond ASCII is Jackson's to decode").isNull();
    assertThat(scan(LINES.get(4))).isNull();
    assertThat(scan("[".repeat(10_000))).isNull();
  }

  @Test
  @DisplayName("the quick reader reads a line where it lies in a larger buffer")
  void readsInPlace() {
    byte[] buffer = ("xx" + LINES.get(1) + "yy").getBytes(StandardCharsets.UTF_8);
    Object[] slots = new FastScan().scan(buffer, 2, buffer.length - 2);
    assertThat(canonical(slots)).isEqualTo(canonical(scan(LINES.get(1))));
  }

  private static Object[] scan(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return new FastScan().scan(bytes, 0, bytes.length);
  }
}
