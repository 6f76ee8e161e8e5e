package io.github.coexist.spring;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.ItsmAdapter;
import io.github.coexist.core.TickScheduler;
import io.github.coexist.core.calendar.ChangeCalendar;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.store.jdbc.JdbcStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link Coexist} of a Spring Boot application: built from {@code coexist.*} properties, the
 * ITSM tool, store and GitHub replies the other auto-configurations made (in memory when there are
 * none), the application's {@link ApprovalPolicy}, {@link ChangeCalendar} and {@link Service}
 * beans when it has them, then every {@link CoexistBuilderCustomizer}; and a {@link TickScheduler}
 * moving its time on ({@code coexist.tick-interval}; off with {@code coexist.tick.enabled=false}).
 * Every bean backs off when the application defines its own.
 */
@AutoConfiguration(after = {CoexistStoreAutoConfiguration.class, CoexistServiceNowAutoConfiguration.class,
    CoexistJiraAutoConfiguration.class, CoexistGitHubAutoConfiguration.class})
@EnableConfigurationProperties(CoexistProperties.class)
public class CoexistAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(CoexistAutoConfiguration.class);

  /** Changes, incidents and problems in memory, when no ITSM tool is configured. */
  @Bean(destroyMethod = "") // closed by Coexist
  @ConditionalOnMissingBean
  public ItsmAdapter coexistItsmAdapter() {
    return ItsmAdapter.inMemory();
  }

  /** The durable store's state when there is one, else in memory. */
  @Bean(destroyMethod = "") // closed by Coexist
  @ConditionalOnMissingBean
  public StateStore coexistStateStore(ObjectProvider<JdbcStore> durable, ObjectProvider<Clock> clock) {
    Clock time = Clocks.of(clock);
    return durable.getIfAvailable() != null ? durable.getObject().stateStore(time) : new InMemoryStateStore(time);
  }

  /** coexist itself; closed with the application context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Coexist coexist(CoexistProperties properties, List<ItsmAdapter> itsm, StateStore store,
      ObjectProvider<GateReplies> replies, ObjectProvider<ApprovalPolicy> policy,
      ObjectProvider<ChangeCalendar> calendar, ObjectProvider<Service> services,
      ObjectProvider<CoexistBuilderCustomizer> customizers, ObjectProvider<Clock> clock) {
    if (itsm.size() > 1) {
      throw new IllegalStateException("coexist records in one ITSM tool, but " + itsm.size()
          + " are configured (coexist.servicenow.url and coexist.jira.url both set?)");
    }
    ProductionEnvironments production = production(properties);
    Coexist.Builder builder = Coexist.builder()
        .clock(Clocks.of(clock))
        .itsm(itsm.get(0))
        .store(store)
        .production(production)
        .approvalPolicy(policy.getIfAvailable(() -> defaultPolicy(production)));
    replies.ifAvailable(builder::gateReplies);
    calendar.ifAvailable(builder::calendar);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    Coexist coexist = builder.build();
    services.orderedStream().forEach(service -> coexist.register(service).peekLeft(error ->
        LOG.warn("service {} not registered: {}", service.id(), error.message())));
    return coexist;
  }

  /** Moves coexist's time on, and processes its inbox at once. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "coexist.tick", name = "enabled", matchIfMissing = true)
  public TickScheduler coexistTicker(Coexist coexist, CoexistProperties properties) {
    return TickScheduler.start(coexist, properties.tickInterval());
  }

  private static ProductionEnvironments production(CoexistProperties properties) {
    if (properties.productionEnvironments().isBlank()) {
      return ProductionEnvironments.defaults();
    }
    return ProductionEnvironments.parse(properties.productionEnvironments()).getOrElseThrow(error ->
        new IllegalStateException("coexist.production-environments: " + error.message()));
  }

  /** The default policy, knowing the production environments, as {@code serve}'s without a policy file. */
  private static ApprovalPolicy defaultPolicy(ProductionEnvironments production) {
    ApprovalPolicy.Builder policy = ApprovalPolicy.defaults().toBuilder();
    production.names().forEach(policy::productionEnvironment);
    return policy.build().getOrElseThrow(error -> new IllegalStateException(error.message()));
  }
}
