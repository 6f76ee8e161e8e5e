package io.github.coexist.spring;

import io.github.coexist.adapters.github.GitHubAdapter;
import io.github.coexist.adapters.github.GitHubConfig;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.core.change.GateReplies;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The GitHub adapter, when GitHub credentials are set ({@code coexist.github.token}, or {@code
 * coexist.github.app-id} with its private key): the gate's answers go to GitHub as deployment
 * protection rule reviews, and deliveries become coexist's signals. Every {@code coexist.github.*}
 * key of the adapter's README applies; {@code coexist.production-environments} is its fallback for
 * the production environments. A bad setting stops start-up, every problem named.
 */
@AutoConfiguration
@Conditional(CoexistGitHubAutoConfiguration.Credentials.class)
public class CoexistGitHubAutoConfiguration {

  /** The adapter, on the application's clock. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public GitHubAdapter coexistGitHubAdapter(Environment environment, ObjectProvider<Clock> clock) {
    ConfigSource properties = new SpringConfigSource(environment);
    ConfigSource fallback = key -> key.equals("coexist.github.production-environments")
        ? properties.get("coexist.production-environments") : Optional.empty();
    return GitHubAdapter.builder(GitHubConfig.from(ConfigSource.firstOf(properties, fallback)))
        .clock(Clocks.of(clock))
        .build();
  }

  /** Where the gate's answers go: GitHub. */
  @Bean
  @ConditionalOnMissingBean
  public GateReplies coexistGateReplies(GitHubAdapter github) {
    return github.gateReplies();
  }

  /** How deliveries become signals; a deployment without commits gets them from the compare API. */
  @Bean
  @ConditionalOnMissingBean
  public GitHubSignals coexistGitHubSignals(GitHubAdapter github) {
    return GitHubSignals.comparingWith(github.deployments());
  }

  /** A token or a GitHub App id is set. */
  static final class Credentials extends AnyNestedCondition {
    Credentials() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("coexist.github.token")
    static final class Token {}

    @ConditionalOnProperty("coexist.github.app-id")
    static final class App {}
  }
}
