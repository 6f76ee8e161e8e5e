package io.github.coexist.spring;

import io.github.coexist.core.Coexist;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** {@link CoexistHealthIndicator} as {@code coexist} in the actuator's health, when the actuator is present. */
@AutoConfiguration(after = CoexistAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(Coexist.class)
@ConditionalOnEnabledHealthIndicator("coexist")
public class CoexistHealthAutoConfiguration {

  /** The indicator. */
  @Bean
  @ConditionalOnMissingBean(name = "coexistHealthIndicator")
  public CoexistHealthIndicator coexistHealthIndicator(Coexist coexist) {
    return new CoexistHealthIndicator(coexist);
  }
}
