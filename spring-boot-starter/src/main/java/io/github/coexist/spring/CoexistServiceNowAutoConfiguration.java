package io.github.coexist.spring;

import io.github.coexist.adapters.servicenow.ServiceNowAdapter;
import io.github.coexist.adapters.servicenow.ServiceNowConfig;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * ServiceNow as the ITSM tool, when {@code coexist.servicenow.url} is set: changes, incidents and
 * problems are recorded there, and its CMDB is the service directory unless {@code
 * coexist.servicenow.cmdb=false}. Every {@code coexist.servicenow.*} key of the adapter's README
 * applies; a bad setting stops start-up, every problem named.
 */
@AutoConfiguration
@ConditionalOnProperty("coexist.servicenow.url")
public class CoexistServiceNowAutoConfiguration {

  /** The adapter, which {@code Coexist} closes. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public ServiceNowAdapter coexistServiceNowAdapter(Environment environment, ObjectProvider<Clock> clock) {
    ServiceNowConfig config = new SpringConfigSource(environment)::get;
    return ServiceNowAdapter.builder(config).clock(Clocks.of(clock)).build();
  }

  /** Services in memory instead of the CMDB. */
  @Bean
  @ConditionalOnProperty(name = "coexist.servicenow.cmdb", havingValue = "false")
  public CoexistBuilderCustomizer coexistServicesInMemory() {
    return builder -> builder.serviceDirectory(new InMemoryServiceDirectory());
  }
}
