package io.github.coexist.spring;

import io.github.coexist.adapters.http.RemoteCalls;
import io.github.coexist.core.Coexist;
import io.github.coexist.micrometer.CoexistMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * coexist's meters ({@link CoexistMetrics}, described in {@code docs/metrics.md}) when Micrometer is
 * present: a {@code MeterBinder} the actuator binds to the application's registries, the listeners
 * it adds to {@code Coexist}, its gauges watching the built {@code Coexist}, and every call the
 * adapters make to the tools.
 */
@AutoConfiguration(before = CoexistAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
public class CoexistMetricsAutoConfiguration {

  /** The meters. */
  @Bean
  @ConditionalOnMissingBean
  public CoexistMetrics coexistMetrics() {
    return CoexistMetrics.builder().build();
  }

  /** Counts decisions and signals as {@code Coexist} makes and takes them. */
  @Bean
  public CoexistBuilderCustomizer coexistMetricsListeners(CoexistMetrics metrics) {
    return metrics::instrument;
  }

  /** Publishes the gauges once {@code Coexist} is built. */
  @Bean
  public SmartInitializingSingleton coexistMetricsGauges(CoexistMetrics metrics, ObjectProvider<Coexist> coexist) {
    return () -> coexist.ifAvailable(metrics::watch);
  }

  /** Times every call to GitHub and the ITSM tool; ended with the context. */
  @Bean(destroyMethod = "close")
  public RemoteCalls.Registration coexistToolCalls(CoexistMetrics metrics) {
    return RemoteCalls.observe(call -> metrics.toolCall(call.tool(), call.method(), call.status(), call.failed(),
        call.duration()));
  }
}
