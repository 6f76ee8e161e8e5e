package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.problem.Resolution;
import io.github.coexist.standins.jira.JiraStandIn;
import io.github.coexist.testkit.SampleIncidents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the problem kit does not say: how problems look in Jira, linked to their incidents. */
class JiraProblemRecordsTest {

  @Test
  @DisplayName("a problem is a Problem issue that causes its incidents' issues (linked once), and a known error carries its label and workaround")
  void problemIssueLinkedToIncidents() {
    try (Fixture f = Fixture.start()) {
      Incident incident = SampleIncidents.incident("inc-p1", Impact.HIGH, Urgency.HIGH);
      ExternalKey raised = f.adapter.incidentRecords().ensure(incident).get();
      Problem problem = Problem.builder().from(SampleIncidents.problem("prb-1"))
          .addIncidents(IncidentId.of("inc-p1")).build();

      ExternalKey key = f.adapter.problemRecords().ensure(problem).get();
      Problem known = SampleIncidents.knownError(SampleIncidents.moved(Problem.builder().from(problem).externalKey(key)
          .build(), ProblemState.ASSESS, Resolution.FIX_APPLIED), "restart the checkout pods");
      f.adapter.problemRecords().update(key, known).get();
      f.adapter.problemRecords().update(key, known).get();

      JiraStandIn.Issue issue = f.site.issue(key.id()).orElseThrow();
      assertThat(issue.issueType()).isEqualTo("Problem");
      assertThat(issue.status()).isEqualTo("Under review");
      assertThat(issue.labels()).contains("coexist-problem", "known-error");
      assertThat(issue.properties().get("coexist.problem")).contains("restart the checkout pods");
      assertThat(issue.links()).containsExactly("causes " + raised.display());
      assertThat(f.site.issue(raised.id()).orElseThrow().links()).containsExactly("is caused by " + key.display());
      assertThat(f.site.count("POST", "/rest/api/3/issueLink")).isEqualTo(1);
      assertThat(f.adapter.problemRecords().ensure(problem).get()).isEqualTo(key);
      assertThat(f.site.issues()).filteredOn(i -> i.issueType().equals("Problem")).hasSize(1);
    }
  }
}
