package io.github.coexist.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.standins.github.GitHubStandIn;
import io.github.coexist.standins.jira.JiraStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same story against the local stand-ins of ServiceNow, Jira and GitHub, through the real adapters. */
class DemoStandInsTest {
  @TempDir
  Path folder;

  private String tell(DemoOptions.ItsmChoice itsm, boolean github, Consumer<Demo.Finished> inspect) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Demo.run(new DemoOptions(42, 2, folder.resolve("out"), itsm, github), new PrintStream(text, true,
        StandardCharsets.UTF_8), inspect);
    return text.toString(StandardCharsets.UTF_8);
  }

  private static List<Change> changes(Demo.Finished end) {
    return end.app().gate().changes().stream().map(TrackedChange::change).toList();
  }

  @Test
  @DisplayName("on ServiceNow every change is a change request, the CAB decides in ServiceNow, the CMDB serves the services")
  void serviceNow() throws IOException {
    String account = tell(DemoOptions.ItsmChoice.SERVICENOW, false, end -> {
      List<Map<String, String>> records = end.tools().servicenow().orElseThrow().records("change_request");
      assertThat(records).hasSize(changes(end).size());
      assertThat(changes(end)).allSatisfy(c -> assertThat(c.externalKey()).hasValueSatisfying(k ->
          assertThat(k.display()).startsWith("CHG")));
      assertThat(records).anySatisfy(r -> assertThat(r.get("approval")).isEqualTo("approved"));
      assertThat(changes(end)).anySatisfy(c -> {
        assertThat(c.decision().decidedBy()).isEqualTo(Actor.system("servicenow"));
        assertThat(c.decision().authority()).contains("cab");
      });
      assertThat(end.tools().servicenow().get().records("incident")).hasSize(end.app().incidents().incidents().size());
      assertThat(end.app().services().all().get()).hasSize(Shop.UNITS.size());
    });
    assertThat(account).contains("ITSM tool: a local ServiceNow stand-in", "in ServiceNow for the cab", "record     CHG");
  }

  @Test
  @DisplayName("on Jira every change is an issue whose approval the CAB answers in Jira, and the incident's CSAT is in Jira")
  void jira() throws IOException {
    String account = tell(DemoOptions.ItsmChoice.JIRA, false, end -> {
      List<JiraStandIn.Issue> issues = end.tools().jira().orElseThrow().issues();
      assertThat(issues.stream().filter(i -> i.issueType().equals("Change"))).hasSize(changes(end).size());
      assertThat(issues.stream().filter(i -> i.issueType().equals("Incident")))
          .hasSize(end.app().incidents().incidents().size());
      assertThat(changes(end)).anySatisfy(c -> {
        assertThat(c.decision().decidedBy()).isEqualTo(Actor.system("jira"));
        assertThat(c.decision().outcome()).isEqualTo(Decision.Outcome.APPROVED);
      });
      assertThat(end.app().surveys().surveys()).anySatisfy(s -> {
        assertThat(s.isAnswered()).isTrue();
        assertThat(s.ticket().externalKey()).hasValueSatisfying(k -> assertThat(k.system()).isEqualTo("jira"));
      });
    });
    assertThat(account).contains("in Jira for the cab", "record     OPS-");
  }

  @Test
  @DisplayName("on GitHub every release is a signed delivery, and the gate's answers are the protection rule's reviews")
  void gitHub() throws IOException {
    String account = tell(DemoOptions.ItsmChoice.INMEMORY, true, end -> {
      GitHubStandIn github = end.tools().github().orElseThrow();
      assertThat(changes(end)).allSatisfy(c -> assertThat(c.request().source()).isEqualTo("github"));
      List<GitHubStandIn.Review> finals = github.reviews().stream().filter(r -> r.state().isPresent()).toList();
      assertThat(finals).extracting(r -> r.state().get()).contains("approved", "rejected");
      assertThat(finals).hasSize((int) changes(end).stream().filter(c -> !c.decision().isPending()).count());
      assertThat(changes(end)).anySatisfy(c -> assertThat(c.request().evidence().allChecksPassed()).isTrue());
      assertThat(end.report().dora().deploymentFrequency().deployments()).isPositive();
    });
    assertThat(account).contains("Pipelines: a local GitHub stand-in", "protection rule approved");
  }
}
