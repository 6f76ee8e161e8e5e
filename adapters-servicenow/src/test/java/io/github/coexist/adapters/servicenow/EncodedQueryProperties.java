package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EncodedQueryProperties {

  @Test
  @DisplayName("any non-blank single-line value reads back as exactly one condition with that value")
  void valuesNeverSplitTheQuery() {
    qt().withExamples(400)
        .forAll(strings().allPossible().ofLengthBetween(1, 40).map(s -> s.replace('\n', ' ').replace('\r', ' '))
            .assuming(s -> !s.isBlank()).map(s -> s + "^"), strings().betweenCodePoints(' ', '~').ofLengthBetween(1, 20)
            .assuming(s -> !s.isBlank()))
        .checkAssert((first, second) -> {
          String query = EncodedQuery.on(TableSchema.CHANGE_REQUEST)
              .equal("correlation_id", first)
              .equal("number", second)
              .orderBy("sys_created_on")
              .build().get();
          assertThat(ServiceNowStandIn.terms(query)).containsExactly("correlation_id=" + first, "number=" + second,
              "ORDERBYsys_created_on");
        });
  }

  @Test
  @DisplayName("any field outside the table's schema is refused, so it can never be silently dropped")
  void unknownFieldsAreRefused() {
    qt().withExamples(300)
        .forAll(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12))
        .assuming(field -> !TableSchema.CHANGE_REQUEST.knows(field))
        .checkAssert(field -> assertThat(
            EncodedQuery.on(TableSchema.CHANGE_REQUEST).equal(field, "x").build().isLeft()).isTrue());
  }
}
