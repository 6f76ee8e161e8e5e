package io.github.coexist.spring;

import io.github.coexist.adapters.jira.JiraAdapter;
import io.github.coexist.adapters.jira.JiraConfig;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Jira Service Management as the ITSM tool, when {@code coexist.jira.url} is set: changes,
 * incidents and CSAT are recorded there, and its signed webhooks tell coexist about approvals.
 * Every {@code coexist.jira.*} key of the adapter's README applies. As in {@code serve}, a site
 * whose fields do not fit stops start-up, every problem named; a site that is merely down is
 * retried later.
 */
@AutoConfiguration
@ConditionalOnProperty("coexist.jira.url")
public class CoexistJiraAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(CoexistJiraAutoConfiguration.class);

  /** The adapter, which {@code Coexist} closes. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public JiraAdapter coexistJiraAdapter(Environment environment, ObjectProvider<Clock> clock) {
    JiraAdapter adapter = JiraAdapter.builder(JiraConfig.of(new SpringConfigSource(environment)))
        .clock(Clocks.of(clock))
        .build();
    Either<CoexistError, ?> fields = adapter.resolveFields();
    if (fields.isLeft() && !fields.getLeft().isTransient()) {
      adapter.close();
      throw new IllegalStateException("Jira does not fit coexist's settings: " + fields.getLeft().message());
    }
    fields.peekLeft(error -> LOG.warn("Jira does not answer yet ({}); changes are recorded there once it does",
        error.message()));
    return adapter;
  }
}
