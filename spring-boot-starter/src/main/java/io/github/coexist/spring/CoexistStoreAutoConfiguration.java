package io.github.coexist.spring;

import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.spring.CoexistProperties.StoreKind;
import io.github.coexist.store.jdbc.JdbcStore;
import io.vavr.control.Either;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * coexist's durable store ({@link JdbcStore}): in the application's PostgreSQL {@link DataSource}
 * when it has one (in schema {@code coexist.database.schema}, so coexist's tables and schema history
 * never meet the application's), or as {@code coexist.store} says: {@code embedded} (its own file
 * in {@code coexist.data-dir}), {@code postgres} ({@code coexist.database.url}), {@code memory}
 * (no store). Opening migrates the schema; a store that cannot be opened stops start-up with the
 * reason.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnClass(JdbcStore.class)
@EnableConfigurationProperties(CoexistProperties.class)
public class CoexistStoreAutoConfiguration {

  /** The store {@code coexist.store} (or the presence of a data source) asks for. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @Conditional(Durable.class)
  public JdbcStore coexistJdbcStore(CoexistProperties properties, ObjectProvider<DataSource> dataSources) {
    StoreKind kind = properties.storeKind().orElse(StoreKind.DATASOURCE);
    CoexistProperties.Database database = properties.database();
    Either<CoexistError, JdbcStore> store = switch (kind) {
      case EMBEDDED -> JdbcStore.embedded(properties.dataDir());
      case POSTGRES -> JdbcStore.postgres(database.url(), database.user(), Secret.of(database.password()));
      case DATASOURCE -> {
        DataSource dataSource = dataSources.getIfUnique();
        yield dataSource == null
            ? Either.left(CoexistError.invalid("coexist.store=datasource needs exactly one DataSource bean"))
            : JdbcStore.postgres(dataSource, database.schema());
      }
      case MEMORY -> throw new IllegalStateException("no durable store with coexist.store=memory");
    };
    return store.getOrElseThrow(error -> new IllegalStateException("coexist cannot open its " + kind.name()
        .toLowerCase(java.util.Locale.ROOT) + " store: " + error.message()
        + (kind == StoreKind.DATASOURCE ? " (set coexist.store to embedded, postgres or memory to keep coexist's"
            + " state elsewhere)" : "")));
  }

  /**
   * Whether the state is durable: {@code coexist.store} names a durable kind, or it is not set and
   * the application has a {@link DataSource}.
   */
  static final class Durable extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String store = context.getEnvironment().getProperty("coexist.store", "").strip();
      if (!store.isEmpty()) {
        return store.equalsIgnoreCase("memory") ? ConditionOutcome.noMatch("coexist.store=memory")
            : ConditionOutcome.match("coexist.store=" + store);
      }
      boolean dataSource = context.getBeanFactory() != null
          && context.getBeanFactory().getBeanNamesForType(DataSource.class, true, false).length > 0;
      return dataSource ? ConditionOutcome.match("the application has a DataSource")
          : ConditionOutcome.noMatch("no coexist.store and no DataSource: state in memory");
    }
  }
}
