package io.github.coexist.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.github.GitHubAdapter;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.adapters.jira.JiraAdapter;
import io.github.coexist.adapters.servicenow.ServiceNowAdapter;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.ItsmAdapter;
import io.github.coexist.core.TickScheduler;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.store.jdbc.JdbcStore;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sqlite.SQLiteDataSource;

class CoexistAutoConfigurationTest {
  static final AutoConfigurations ALL = AutoConfigurations.of(CoexistStoreAutoConfiguration.class,
      CoexistGitHubAutoConfiguration.class, CoexistServiceNowAutoConfiguration.class,
      CoexistJiraAutoConfiguration.class, CoexistMetricsAutoConfiguration.class, CoexistAutoConfiguration.class,
      CoexistHealthAutoConfiguration.class, CoexistWebhooksAutoConfiguration.class);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(ALL)
      .withPropertyValues("coexist.tick-interval=1h");

  private static Decision decide(Coexist coexist, String key, String service) {
    return coexist.gate().change(coexist.accept(Gates.request(key, service, "production")).get().change().orElseThrow())
        .orElseThrow().change().decision();
  }

  @Test
  @DisplayName("with no property set: coexist in memory, with the in-memory ITSM tool and a ticker, and no GitHub")
  void inMemoryByDefault() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Coexist.class).hasSingleBean(TickScheduler.class)
          .hasSingleBean(ItsmAdapter.class).doesNotHaveBean(JdbcStore.class).doesNotHaveBean(GitHubAdapter.class)
          .doesNotHaveBean(GitHubWebhookController.class);
      assertThat(context.getBean(StateStore.class)).isInstanceOf(InMemoryStateStore.class);
      assertThat(context.getBean(ItsmAdapter.class).name()).isEqualTo("inmemory");
    });
  }

  @Test
  @DisplayName("the application's own Coexist wins, and the ticker can be turned off")
  void backsOff() {
    runner.withUserConfiguration(OwnCoexist.class).withPropertyValues("coexist.tick.enabled=false").run(context -> {
      assertThat(context).hasSingleBean(Coexist.class).doesNotHaveBean(TickScheduler.class);
      assertThat(context.getBean(Coexist.class)).isSameAs(context.getBean(OwnCoexist.class).coexist);
    });
  }

  @Test
  @DisplayName("the application's policy and services are used, and its customizers run last")
  void policyServicesAndCustomizers() {
    runner.withUserConfiguration(PolicyAndServices.class).run(context -> {
      Coexist coexist = context.getBean(Coexist.class);
      assertThat(coexist.services()).isSameAs(context.getBean(PolicyAndServices.class).directory);
      assertThat(coexist.services().find(ServiceId.of("shop")).get()).isPresent();
      Decision decision = decide(coexist, "k-1", "shop");
      assertThat(decision.policyVersion()).isEqualTo("from-the-application");
    });
  }

  @Test
  @DisplayName("a production environment named in the properties is production to the default policy")
  void productionEnvironments() {
    runner.withPropertyValues("coexist.production-environments=live").run(context -> {
      Coexist coexist = context.getBean(Coexist.class);
      coexist.register(Service.of("shop", "shop-team")).get();
      assertThat(coexist.accept(Gates.request("k-2", "shop", "live")).get().decision()).isPresent();
    });
    runner.withPropertyValues("coexist.production-environments=,,").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("coexist.production-environments"));
  }

  @Nested
  @DisplayName("GitHub")
  class GitHub {
    @Test
    @DisplayName("with a token and a webhook secret: the adapter, its gate replies and signals, and the webhook endpoint")
    void configured() {
      runner.withPropertyValues("coexist.github.token=ghp_test", "coexist.github.webhook-secret=s3cret").run(context -> {
        assertThat(context).hasSingleBean(GitHubAdapter.class).hasSingleBean(GitHubSignals.class);
        assertThat(context.getBean(GateReplies.class)).isSameAs(context.getBean(GitHubAdapter.class).gateReplies());
      });
    }

    @Test
    @DisplayName("with a bad setting: start-up fails naming the key, and never shows the token")
    void badSettings() {
      runner.withPropertyValues("coexist.github.token=ghp_never_shown").run(context -> {
        assertThat(context).hasFailed();
        assertThat(context).getFailure().rootCause().hasMessageContaining("coexist.github.webhook-secret")
            .message().doesNotContain("ghp_never_shown");
      });
    }
  }

  @Nested
  @DisplayName("the ITSM tool")
  class ItsmTool {
    @Test
    @DisplayName("ServiceNow when its URL is set, recording coexist's changes; its CMDB unless turned off")
    void serviceNow() {
      runner.withPropertyValues("coexist.servicenow.url=https://acme.service-now.com", "coexist.servicenow.user=coexist",
          "coexist.servicenow.password=pw").run(context -> {
            assertThat(context.getBean(ItsmAdapter.class)).isInstanceOf(ServiceNowAdapter.class);
            assertThat(context.getBean(ItsmAdapter.class).name()).isEqualTo("servicenow");
            assertThat(context).doesNotHaveBean("coexistServicesInMemory");
          });
      runner.withPropertyValues("coexist.servicenow.url=https://acme.service-now.com", "coexist.servicenow.user=coexist",
          "coexist.servicenow.password=pw", "coexist.servicenow.cmdb=false").run(context ->
              assertThat(context.getBean(Coexist.class).services()).isInstanceOf(InMemoryServiceDirectory.class));
    }

    @Test
    @DisplayName("two tools at once stop start-up, saying coexist records in one")
    void twoTools() {
      runner.withPropertyValues("coexist.servicenow.url=https://acme.service-now.com", "coexist.servicenow.user=coexist",
          "coexist.servicenow.password=pw", "coexist.jira.url=http://127.0.0.1:1", "coexist.jira.email=a@b.c",
          "coexist.jira.api-token=t", "coexist.jira.project=CHG", "coexist.jira.webhook.secrets=s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure().rootCause().hasMessageContaining("one ITSM tool");
          });
    }
  }

  @Nested
  @DisplayName("the store")
  class Store {
    @Test
    @DisplayName("embedded: coexist's own file in coexist.data-dir, and Coexist keeps its state there")
    void embedded(@TempDir Path dir) {
      runner.withPropertyValues("coexist.store=embedded", "coexist.data-dir=" + dir).run(context -> {
        assertThat(context.getBean(JdbcStore.class).kind()).isEqualTo("sqlite");
        assertThat(context.getBean(Coexist.class).storeStatus().orElseThrow().location()).contains(dir.toString());
      });
    }

    @Test
    @DisplayName("the application's PostgreSQL data source: coexist's state in its own schema, beside the application's Flyway")
    void dataSource() throws Exception {
      try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
        runner.withBean(javax.sql.DataSource.class, postgres::getPostgresDatabase)
            .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
            .run(context -> {
              assertThat(context).hasNotFailed();
              JdbcStore store = context.getBean(JdbcStore.class);
              assertThat(store.kind()).isEqualTo("postgresql");
              assertThat(store.location()).endsWith("(schema coexist)");
              assertThat(context.getBean(Coexist.class).storeStatus().orElseThrow().problem()).isEmpty();
            });
      }
    }

    @Test
    @DisplayName("a data source that is not PostgreSQL stops start-up with the reason and the way out")
    void notPostgres(@TempDir Path dir) {
      runner.withUserConfiguration(SqliteDataSource.class).withPropertyValues("test.dir=" + dir).run(context -> {
        assertThat(context).hasFailed();
        assertThat(context).getFailure().rootCause().hasMessageContaining("SQLite")
            .hasMessageContaining("coexist.store");
      });
    }

    @Test
    @DisplayName("coexist.store=memory keeps the state in memory even beside a data source")
    void memory(@TempDir Path dir) {
      runner.withUserConfiguration(SqliteDataSource.class).withPropertyValues("test.dir=" + dir, "coexist.store=memory")
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcStore.class));
    }

    @Test
    @DisplayName("a store kind that does not exist stops start-up naming the kinds")
    void badKind() {
      runner.withPropertyValues("coexist.store=mongo").run(context ->
          assertThat(context).getFailure().rootCause().hasMessageContaining("memory, embedded, postgres, datasource"));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnCoexist {
    final Coexist coexist = Coexist.builder().clock(java.time.Clock.systemUTC()).build();

    @Bean
    Coexist mine() {
      return coexist;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class PolicyAndServices {
    final InMemoryServiceDirectory directory = new InMemoryServiceDirectory();

    @Bean
    ApprovalPolicy policy() {
      return ApprovalPolicy.defaults().toBuilder().version("from-the-application").build().get();
    }

    @Bean
    Service shop() {
      return Service.of("shop", "shop-team");
    }

    @Bean
    CoexistBuilderCustomizer directory() {
      return builder -> builder.serviceDirectory(directory);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SqliteDataSource {
    @Bean
    javax.sql.DataSource dataSource(org.springframework.core.env.Environment environment) {
      SQLiteDataSource sqlite = new SQLiteDataSource();
      sqlite.setUrl("jdbc:sqlite:" + environment.getProperty("test.dir") + "/app.db");
      return sqlite;
    }
  }
}
