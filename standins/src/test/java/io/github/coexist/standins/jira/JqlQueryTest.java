package io.github.coexist.standins.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JqlQueryTest {

  @Test
  @DisplayName("clauses joined by AND are read with quoted and bare values, escapes and property paths")
  void parses() throws JqlQuery.Refused {
    JqlQuery q = JqlQuery.parse("project = OPS AND labels = \"co\\\"exist\\\\x\" and issue.property[coexist.deployment].key = \"a\\nb\"");

    assertThat(q.bounded()).isTrue();
    assertThat(q.clauses()).containsExactly(
        new JqlQuery.Clause("project", null, null, "OPS"),
        new JqlQuery.Clause("labels", null, null, "co\"exist\\x"),
        new JqlQuery.Clause("property", "coexist.deployment", "key", "a\nb"));
    assertThat(q.properties()).containsExactly("coexist.deployment");
  }

  @Test
  @DisplayName("unknown fields, missing operators, open strings and reserved characters are refused like Jira does")
  void refuses() throws JqlQuery.Refused {
    assertThatThrownBy(() -> JqlQuery.parse("assignee = me")).hasMessageContaining("Field 'assignee' does not exist");
    assertThatThrownBy(() -> JqlQuery.parse("project OPS")).hasMessageContaining("Expecting operator");
    assertThatThrownBy(() -> JqlQuery.parse("labels = \"open")).hasMessageContaining("not been completed");
    assertThatThrownBy(() -> JqlQuery.parse("labels = a\"b")).hasMessageContaining("reserved JQL character");
    assertThatThrownBy(() -> JqlQuery.parse("project = OPS OR labels = x")).hasMessageContaining("Expecting 'AND'");
    assertThat(JqlQuery.parse("labels = x").bounded()).isFalse();
  }
}
