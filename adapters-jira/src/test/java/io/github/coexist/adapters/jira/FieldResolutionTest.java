package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.standins.jira.JiraStandIn;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FieldResolutionTest {

  @Test
  @DisplayName("change fields are found by name with the site's own custom field ids, across createmeta pages")
  void findsSiteSpecificIds() {
    try (Fixture f = Fixture.start(JiraStandIn.builder().fieldId("Change risk", "customfield_13337").createMetaPageSize(3))) {
      Map<String, String> ids = f.adapter.resolveFields().get();

      assertThat(ids).containsEntry("change-risk", "customfield_13337")
          .containsEntry("change-type", f.site.fieldId("Change type").orElseThrow())
          .containsEntry("planned-start", f.site.fieldId("Planned start").orElseThrow())
          .containsEntry("planned-end", f.site.fieldId("Planned end").orElseThrow())
          .containsEntry("affected-services", f.site.fieldId("Affected services").orElseThrow());
      assertThat(f.site.count("GET", "/rest/api/3/issue/createmeta/OPS/issuetypes/")).isGreaterThan(1);
    }
  }

  @Test
  @DisplayName("a required custom field coexist does not fill stops start-up naming it (with every other problem), instead of a 400 on every create")
  void requiredFieldsAreNamedAtStartUp() {
    try (Fixture f = Fixture.start(JiraStandIn.builder().requireField("Change reason").requireField("Urgency")
        .withoutField("Planned end"))) {
      CoexistError error = f.adapter.resolveFields().getLeft();

      assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(error.message()).contains("'Change reason' (" + f.site.fieldId("Change reason").orElseThrow()
          + ") is required", "'Urgency' (" + f.site.fieldId("Urgency").orElseThrow() + ") is required",
          "Planned end");
      assertThat(f.site.count("POST", "/rest/api/3/issue")).isZero();
    }
  }

  @Test
  @DisplayName("the start-up check names a missing incident request type together with the change fields that do not fit")
  void missingRequestTypeIsNamedAtStartUp() {
    try (Fixture f = Fixture.start(JiraStandIn.builder().withoutRequestType("Report an incident")
        .requireField("Change reason"))) {
      CoexistError error = f.adapter.checkSite().getLeft();

      assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(error.message()).contains("no request type 'Report an incident'", "Get IT help",
          "coexist.jira.incident.request-type", "'Change reason'");
      assertThat(f.site.count("GET", "/rest/servicedeskapi/servicedesk/1/requesttype")).isPositive();
      assertThat(f.site.count("POST", "/rest/servicedeskapi/request")).isZero();
    }
  }

  @Test
  @DisplayName("the start-up check passes on a site that fits, naming the change and incident field ids it found")
  void startUpCheckPasses() {
    try (Fixture f = Fixture.start()) {
      Map<String, String> ids = f.adapter.checkSite().get();

      assertThat(ids).containsKeys("change-type", "planned-start", "incident.impact", "incident.urgency",
          "incident.priority");
    }
  }

  @Test
  @DisplayName("a required field coexist fills (Change risk) does not stop start-up, and creates go through")
  void requiredFieldsCoexistFills() {
    try (Fixture f = Fixture.start(JiraStandIn.builder().requireField("Change risk"))) {
      assertThat(f.adapter.resolveFields().isRight()).isTrue();
      assertThat(f.adapter.changeRecords().ensure(Changes.normal("k-required")).isRight()).isTrue();
    }
  }

  @Test
  @DisplayName("field resolution runs once: later calls reuse the ids")
  void resolvesOnce() {
    try (Fixture f = Fixture.start()) {
      f.adapter.resolveFields();
      long calls = f.site.count("GET", "/rest/api/3/issue/createmeta");
      f.adapter.resolveFields();
      f.adapter.changeRecords().find(io.github.coexist.core.kernel.IdempotencyKey.of("k"));

      assertThat(f.site.count("GET", "/rest/api/3/issue/createmeta")).isEqualTo(calls);
    }
  }

  @Test
  @DisplayName("one error names every missing field, ambiguous name and missing option, with the setting to fix it")
  void oneErrorNamesEveryMissingField() {
    JiraStandIn.Builder site = JiraStandIn.builder()
        .withoutField("Planned start").withoutField("Affected services")
        .duplicateField("Change type", "customfield_19999")
        .renameOption("Change risk", "Critical", "Very high");
    try (Fixture f = Fixture.start(site)) {
      CoexistError error = f.adapter.resolveFields().getLeft();

      assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(error.message())
          .contains("'Planned start'").contains("coexist.jira.field.planned-start.id")
          .contains("'Affected services'").contains("coexist.jira.field.affected-services.id")
          .contains("several fields are named 'Change type'").contains("customfield_19999")
          .contains("no option 'Critical'").contains("coexist.jira.option.change-risk.very-high")
          .doesNotContain("'Planned end'");
    }
  }

  @Test
  @DisplayName("configured ids and option names override the defaults, and affected services can be left out")
  void overrides() {
    JiraStandIn.Builder site = JiraStandIn.builder().withoutField("Affected services")
        .duplicateField("Change type", "customfield_19999").renameOption("Change risk", "Critical", "Very high");
    Map<String, String> settings = Map.of(
        "coexist.jira.field.affected-services.id", "none",
        "coexist.jira.field.change-type.id", "customfield_19999",
        "coexist.jira.option.change-risk.very-high", "Very high");
    try (Fixture f = Fixture.start(site, settings)) {
      Map<String, String> ids = f.adapter.resolveFields().get();

      assertThat(ids).containsEntry("change-type", "customfield_19999").doesNotContainKey("affected-services");
    }
  }

  @Test
  @DisplayName("a configured id that is not on the create screen, and a field of the wrong type, are named")
  void wrongIds() {
    Map<String, String> settings = Map.of(
        "coexist.jira.field.change-risk.id", "customfield_404",
        "coexist.jira.field.planned-end.name", "Change reason");
    try (Fixture f = Fixture.start(JiraStandIn.builder(), settings)) {
      String message = f.adapter.resolveFields().getLeft().message();

      assertThat(message).contains("customfield_404 (coexist.jira.field.change-risk.id")
          .contains("holds option, not datetime");
    }
  }

  @Test
  @DisplayName("an issue type the project lacks is named with the types it has")
  void missingIssueType() {
    try (Fixture f = Fixture.start(JiraStandIn.builder(), Map.of("coexist.jira.issue-type", "Change request"))) {
      String message = f.adapter.resolveFields().getLeft().message();

      assertThat(message).contains("no issue type 'Change request'").contains("Change").contains("Incident");
    }
  }

  @Test
  @DisplayName("an unknown project is NotFound with Jira's own message")
  void unknownProject() {
    try (Fixture f = Fixture.start(JiraStandIn.builder(), Map.of("coexist.jira.project", "NOPE"))) {
      CoexistError error = f.adapter.resolveFields().getLeft();

      assertThat(error).isInstanceOf(CoexistError.NotFound.class);
      assertThat(error.message()).contains("No project could be found with key 'NOPE'");
    }
  }
}
