package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EncodedQueryTest {

  @Test
  @DisplayName("conditions are joined with ^ and ordering comes last")
  void builds() {
    String query = EncodedQuery.on(TableSchema.CHANGE_REQUEST)
        .equal("correlation_id", "github:octo/shop:deployment:7")
        .notEqual("state", "4")
        .in("type", List.of("normal", "emergency"))
        .orderBy("sys_created_on")
        .build().get();
    assertThat(query).isEqualTo(
        "correlation_id=github:octo/shop:deployment:7^state!=4^typeINnormal,emergency^ORDERBYsys_created_on");
  }

  @Test
  @DisplayName("a caret in a value is doubled, so it can never start a new condition")
  void escapesCaret() {
    String query = EncodedQuery.on(TableSchema.CHANGE_REQUEST)
        .equal("correlation_id", "x^ORcorrelation_idISNOTEMPTY^NQstate=3").build().get();
    assertThat(query).isEqualTo("correlation_id=x^^ORcorrelation_idISNOTEMPTY^^NQstate=3");
  }

  @Test
  @DisplayName("dot-walked fields are checked on their first segment")
  void dotWalk() {
    assertThat(EncodedQuery.on(TableSchema.CMDB_REL_CI).equal("type.name", "Depends on::Used by").build().get())
        .isEqualTo("type.name=Depends on::Used by");
    assertThat(EncodedQuery.on(TableSchema.CMDB_REL_CI).equal("kind.name", "x").build().getLeft().message())
        .contains("'kind' is not a known field of cmdb_rel_ci");
  }

  @Test
  @DisplayName("every problem is reported at once: unknown, blank and malformed fields, blank values, commas, line breaks")
  void refusesEverythingAtOnce() {
    CoexistError error = EncodedQuery.on(TableSchema.CHANGE_REQUEST)
        .equal("corelation_id", "k")
        .equal("", "k")
        .equal("Correlation_ID", "k")
        .equal("correlation_id", " ")
        .equal("number", "a\nb")
        .in("type", List.of("a,b"))
        .in("state", List.of())
        .build().getLeft();
    assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(((CoexistError.InvalidInput) error).problems()).hasSize(7);
    assertThat(error.message()).contains("'corelation_id' is not a known field of change_request",
        "names a blank field", "'Correlation_ID' is not a field name", "value for 'correlation_id' must not be blank",
        "must not contain a line break", "must not contain a comma", "needs at least one value");
  }

  @Test
  @DisplayName("a query without conditions is refused unless everything was asked for on purpose")
  void emptyQuery() {
    assertThat(EncodedQuery.on(TableSchema.CHANGE_REQUEST).orderBy("number").build().getLeft().message())
        .contains("needs at least one condition");
    assertThat(EncodedQuery.everything(TableSchema.CHANGE_REQUEST).orderBy("number").build().get())
        .isEqualTo("ORDERBYnumber");
  }

  @Test
  @DisplayName("a null value is a problem, not an exception")
  void nullValue() {
    assertThat(EncodedQuery.on(TableSchema.INCIDENT).equal("number", null).build().getLeft())
        .isInstanceOf(CoexistError.InvalidInput.class);
  }
}
