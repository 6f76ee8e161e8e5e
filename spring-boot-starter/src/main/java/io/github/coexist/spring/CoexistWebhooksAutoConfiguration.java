package io.github.coexist.spring;

import io.github.coexist.adapters.github.GitHubAdapter;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.adapters.jira.JiraAdapter;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.TickScheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The webhook endpoints as Spring MVC controllers, in a servlet web application: GitHub's when the
 * GitHub adapter is configured, Jira's when Jira is the ITSM tool. Off with {@code
 * coexist.webhooks.enabled=false}; paths from {@code coexist.webhooks.github-path} and {@code
 * jira-path}. Protect nothing else in front of them: each delivery carries its tool's signature,
 * which the adapter checks.
 */
@AutoConfiguration(after = CoexistAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "coexist.webhooks", name = "enabled", matchIfMissing = true)
public class CoexistWebhooksAutoConfiguration {

  /** {@code POST /webhooks/github}. */
  @Bean
  @ConditionalOnBean({GitHubAdapter.class, Coexist.class})
  @ConditionalOnMissingBean
  public GitHubWebhookController coexistGitHubWebhooks(GitHubAdapter github, GitHubSignals signals, Coexist coexist) {
    return new GitHubWebhookController(github, signals, coexist);
  }

  /** {@code POST /webhooks/jira}. */
  @Bean
  @ConditionalOnBean({JiraAdapter.class, Coexist.class})
  @ConditionalOnMissingBean
  public JiraWebhookController coexistJiraWebhooks(JiraAdapter jira, Coexist coexist,
      ObjectProvider<TickScheduler> ticker) {
    return new JiraWebhookController(jira, coexist, ticker);
  }
}
