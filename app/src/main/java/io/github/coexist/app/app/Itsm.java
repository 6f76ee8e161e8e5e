package io.github.coexist.app.app;

import io.github.coexist.adapters.jira.JiraAdapter;
import io.github.coexist.adapters.jira.JiraWebhooks;
import io.github.coexist.adapters.servicenow.ServiceNowAdapter;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.feedback.InMemoryFeedbackRecords;
import io.github.coexist.core.incident.InMemoryIncidentRecords;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.problem.InMemoryProblemRecords;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.service.ServiceDirectory;
import java.util.Objects;
import java.util.Optional;

/**
 * The ITSM tool the app records in: its ports, the service directory it serves (when it is a
 * CMDB), its inbound webhooks (Jira) and the adapter to close at the end.
 *
 * @param name {@code inmemory}, {@code servicenow} or {@code jira}
 * @param changes change records
 * @param incidents incident records
 * @param problems problem records
 * @param feedback satisfaction answers
 * @param directory the CMDB's services, when the tool is the directory
 * @param jiraWebhooks Jira's issue webhooks, when the tool is Jira
 * @param resource what to close when the app closes
 */
public record Itsm(String name, ChangeRecords changes, IncidentRecords incidents, ProblemRecords problems,
    FeedbackRecords feedback, Optional<ServiceDirectory> directory, Optional<JiraWebhooks> jiraWebhooks,
    Optional<AutoCloseable> resource) {

  public Itsm {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(incidents, "incidents");
    Objects.requireNonNull(problems, "problems");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(jiraWebhooks, "jiraWebhooks");
    Objects.requireNonNull(resource, "resource");
  }

  /** Everything in memory: the embedded default. */
  public static Itsm inMemory() {
    return new Itsm("inmemory", new InMemoryChangeRecords(), new InMemoryIncidentRecords(),
        new InMemoryProblemRecords(), new InMemoryFeedbackRecords(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /**
   * Changes, incidents and problems in ServiceNow; CSAT stays in memory (ServiceNow keeps survey
   * results in its own survey tables, which coexist does not write). {@code cmdb} makes the
   * instance's CMDB the service directory.
   */
  public static Itsm serviceNow(ServiceNowAdapter adapter, boolean cmdb) {
    return new Itsm("servicenow", adapter.changeRecords(), adapter.incidentRecords(), adapter.problemRecords(),
        new InMemoryFeedbackRecords(), cmdb ? Optional.of(adapter.cmdb()) : Optional.empty(),
        Optional.empty(), Optional.of(adapter));
  }

  /**
   * Changes, incidents and CSAT in Jira Service Management; problems stay in memory (the adapter
   * does not write problems).
   */
  public static Itsm jira(JiraAdapter adapter) {
    return new Itsm("jira", adapter.changeRecords(), adapter.incidentRecords(), new InMemoryProblemRecords(),
        adapter.feedbackRecords(), Optional.empty(), Optional.of(adapter.webhooks()), Optional.of(adapter));
  }
}
