package io.github.coexist.app.app;

import io.github.coexist.adapters.jira.JiraAdapter;
import io.github.coexist.adapters.jira.JiraWebhooks;
import io.github.coexist.adapters.servicenow.ServiceNowAdapter;
import io.github.coexist.core.ItsmAdapter;
import java.util.Objects;
import java.util.Optional;

/**
 * The ITSM tool the app records in: core's {@link ItsmAdapter} bundle (its ports and lifecycle,
 * wired by {@code Coexist.Builder.itsm} and closed by {@code Coexist.close()}), plus what only the
 * app needs next to it: whether the tool's CMDB is the service directory, and Jira's inbound
 * webhooks, which the app serves.
 *
 * @param adapter the tool's ports, in one bundle
 * @param cmdb whether the bundle's service directory (when it has one) is used; {@code false}
 *     keeps services in memory even on a CMDB
 * @param jiraWebhooks Jira's issue webhooks, when the tool is Jira
 */
public record Itsm(ItsmAdapter adapter, boolean cmdb, Optional<JiraWebhooks> jiraWebhooks) {

  public Itsm {
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(jiraWebhooks, "jiraWebhooks");
  }

  /** Everything in memory: core's {@link ItsmAdapter#inMemory()}. */
  public static Itsm inMemory() {
    return new Itsm(ItsmAdapter.inMemory(), false, Optional.empty());
  }

  /**
   * Changes, incidents and problems in ServiceNow; CSAT stays in memory (the adapter's bundle says
   * so). {@code cmdb} makes the instance's CMDB the service directory.
   */
  public static Itsm serviceNow(ServiceNowAdapter adapter, boolean cmdb) {
    return new Itsm(adapter, cmdb, Optional.empty());
  }

  /** Changes, incidents and CSAT in Jira Service Management, whose webhooks the app serves. */
  public static Itsm jira(JiraAdapter adapter) {
    return new Itsm(adapter, false, Optional.of(adapter.webhooks()));
  }

  /** The tool's name: {@code inmemory}, {@code servicenow} or {@code jira}. */
  public String name() {
    return adapter.name();
  }
}
