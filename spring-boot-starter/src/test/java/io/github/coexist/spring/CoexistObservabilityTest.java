package io.github.coexist.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.service.Service;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The actuator's view of coexist: its health and its meters. */
class CoexistObservabilityTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(CoexistAutoConfigurationTest.ALL)
      .withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class, MetricsAutoConfiguration.class,
          CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
      .withPropertyValues("coexist.tick-interval=1h");

  @Test
  @DisplayName("health is up and names the durable store and the lease")
  void health(@TempDir Path dir) {
    runner.withPropertyValues("coexist.store=embedded", "coexist.data-dir=" + dir).run(context -> {
      context.getBean(Coexist.class).tick();
      Health health = context.getBean(CoexistHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsKeys("instance", "holdsLease", "inboxBacklog", "deadLetters");
      assertThat(health.getDetails().get("store").toString()).contains(dir.toString());
    });
  }

  @Test
  @DisplayName("health turned off by management.health.coexist.enabled=false")
  void healthOff() {
    runner.withPropertyValues("management.health.coexist.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(CoexistHealthIndicator.class));
  }

  @Test
  @DisplayName("the application's meter registry counts coexist's signals and shows its gauges")
  void meters() {
    runner.run(context -> {
      Coexist coexist = context.getBean(Coexist.class);
      coexist.register(Service.of("shop", "shop-team")).get();
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.find("coexist.gate.pending.changes").gauge()).isNotNull();
      coexist.accept(Gates.request("k-1", "shop", "production")).get();
      assertThat(registry.find("coexist.gate.decisions").counters()).isNotEmpty()
          .allSatisfy(counter -> assertThat(counter.count()).isPositive());
    });
  }
}
