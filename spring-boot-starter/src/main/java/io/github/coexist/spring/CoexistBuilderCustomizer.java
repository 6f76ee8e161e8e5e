package io.github.coexist.spring;

import io.github.coexist.core.Coexist;

/**
 * Changes the {@link Coexist.Builder} the starter configured before {@code coexist} is built: a
 * bean of this type is applied after the starter's own settings (adapters, store, policy beans),
 * in {@link org.springframework.core.Ordered order}, so it can add a listener, a risk assessor or
 * an SLA policy, or replace any part.
 *
 * <pre>{@code
 * @Bean
 * CoexistBuilderCustomizer slas() {
 *   return builder -> builder.slaPolicy(mySlas);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CoexistBuilderCustomizer {

  /** Changes {@code builder} in place. */
  void customize(Coexist.Builder builder);
}
