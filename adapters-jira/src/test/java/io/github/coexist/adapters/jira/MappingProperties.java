package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.coexist.adapters.jira.JiraConfig.ChangeField;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.RiskLevel;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The mappings between coexist's values and Jira's, both ways, and JQL quoting. */
class MappingProperties {

  @Test
  @DisplayName("every change state maps to its configured status and back, whatever the names and their case")
  void statusesRoundTrip() {
    qt().withExamples(200).forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 12)).checkAssert(base -> {
      Map<String, String> settings = new HashMap<>();
      for (ChangeState state : ChangeState.values()) {
        settings.put("coexist.jira.status." + state.name().toLowerCase(Locale.ROOT), base + " " + state.ordinal());
      }
      settings.put("coexist.jira.status.failed", base + " failed");
      settings.put("coexist.jira.status.declined", base + " declined");
      JiraSettings.StatusMap map = new JiraSettings.StatusMap(JiraConfig.fromMap(settings));

      assertThat(map.duplicates()).isEmpty();
      for (ChangeState state : ChangeState.values()) {
        assertThat(map.state(map.status(state).toUpperCase(Locale.ROOT))).contains(state);
      }
      assertThat(map.state(map.failed)).contains(ChangeState.CLOSED);
      assertThat(map.state(map.declined)).contains(ChangeState.CANCELED);
    });
  }

  @Test
  @DisplayName("risk levels and change types map to option ids and back")
  void optionsRoundTrip() {
    qt().withExamples(100).forAll(integers().between(10_000, 99_000)).checkAssert(first -> {
      Map<RiskLevel, String> risks = new EnumMap<>(RiskLevel.class);
      for (RiskLevel level : RiskLevel.values()) {
        risks.put(level, Integer.toString(first + level.ordinal()));
      }
      Map<ChangeType, String> types = new EnumMap<>(ChangeType.class);
      for (ChangeType type : ChangeType.values()) {
        types.put(type, Integer.toString(first + 10 + type.ordinal()));
      }
      ChangeFields fields = new ChangeFields("10005", Map.of(ChangeField.CHANGE_RISK, "customfield_1"), types, risks);

      for (RiskLevel level : RiskLevel.values()) {
        assertThat(fields.riskOf(fields.riskOptions().get(level))).contains(level);
      }
      for (ChangeType type : ChangeType.values()) {
        assertThat(fields.typeOf(fields.typeOptions().get(type))).contains(type);
      }
      assertThat(fields.riskOf("no-such-option")).isEmpty();
    });
  }

  @Test
  @DisplayName("a quoted JQL value reads back as the original text and never ends its string early")
  void quoting() {
    qt().withExamples(300).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(value -> {
      String quoted = Jql.quote(value);

      assertThat(quoted).startsWith("\"").endsWith("\"");
      assertThat(unquote(quoted)).isEqualTo(value);
      assertThat(quoted.chars().anyMatch(Character::isISOControl)).isFalse();
    });
  }

  @Test
  @DisplayName("the key label is stable, short and made of characters JQL and labels accept")
  void keyLabels() {
    qt().withExamples(200).forAll(strings().allPossible().ofLengthBetween(1, 100)).assuming(s -> !s.isBlank())
        .checkAssert(key -> {
          String label = Jql.keyLabel("coexist", IdempotencyKey.of(key));

          assertThat(label).matches("coexist-[0-9a-f]{32}").isEqualTo(Jql.keyLabel("coexist", IdempotencyKey.of(key)));
        });
  }

  /** Reads a JQL string literal the way Jira's parser does. */
  private static String unquote(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '"') {
        throw new AssertionError("unescaped quote at " + i + " in " + quoted);
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = quoted.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
