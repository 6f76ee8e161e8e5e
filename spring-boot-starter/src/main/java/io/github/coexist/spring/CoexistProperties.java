package io.github.coexist.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The starter's own settings below {@code coexist}, the same keys {@code serve} reads from its
 * environment variables ({@code coexist.tick-interval} is {@code COEXIST_TICK_INTERVAL}). The
 * adapters' settings ({@code coexist.github.*}, {@code coexist.servicenow.*}, {@code
 * coexist.jira.*}) are read by the adapters themselves, with the same relaxed binding.
 *
 * @param tickInterval how often time moves on: approvals read back, expiries, retries, time-outs
 * @param productionEnvironments the production environments, comma-separated ({@code production}
 *     unless set)
 * @param store where coexist keeps its state: {@code datasource} (the application's PostgreSQL
 *     data source; the default when there is one), {@code embedded} (its own file in {@code
 *     data-dir}), {@code postgres} (the database at {@code database.url}) or {@code memory} (the
 *     default without a data source)
 * @param dataDir the folder of the embedded file
 * @param database the PostgreSQL database of {@code store=postgres}, and the schema of {@code
 *     store=datasource}
 * @param webhooks the webhook endpoints
 */
@ConfigurationProperties("coexist")
public record CoexistProperties(
    @DefaultValue("5s") Duration tickInterval,
    @DefaultValue("") String productionEnvironments,
    @DefaultValue("") String store,
    @DefaultValue("coexist-data") Path dataDir,
    @DefaultValue Database database,
    @DefaultValue Webhooks webhooks) {

  /** {@link #store()} as a kind, when set; a value that names no kind is a start-up error naming the kinds. */
  public Optional<StoreKind> storeKind() {
    if (store.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(StoreKind.valueOf(store.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("coexist.store must be one of memory, embedded, postgres, datasource; was '"
          + store + "'");
    }
  }

  /** Where coexist keeps its state. */
  public enum StoreKind {
    /** In memory: lost when the application stops. */
    MEMORY,
    /** coexist's own SQLite file in {@code coexist.data-dir}: one instance. */
    EMBEDDED,
    /** The PostgreSQL database at {@code coexist.database.url}: any number of instances. */
    POSTGRES,
    /** The application's own PostgreSQL data source, in schema {@code coexist.database.schema}. */
    DATASOURCE
  }

  /**
   * A PostgreSQL database of coexist's.
   *
   * @param url {@code jdbc:postgresql://host:5432/database}, for {@code store=postgres}
   * @param user who logs in; must own the database
   * @param password the user's password; never printed
   * @param schema the schema coexist keeps its tables in, in the application's data source
   */
  public record Database(@DefaultValue("") String url, @DefaultValue("") String user,
      @DefaultValue("") String password, @DefaultValue("coexist") String schema) {
    @Override
    public String toString() {
      return "Database[" + (url.isBlank() ? "no url" : url.replaceFirst("\\?.*", "")) + ", schema " + schema
          + ", password " + (password.isBlank() ? "none" : "****") + "]";
    }
  }

  /**
   * The webhook endpoints, served by Spring MVC when the application is a servlet web application.
   *
   * @param enabled whether to serve them
   * @param githubPath where GitHub delivers ({@code deployment_protection_rule}, deployments, pull requests)
   * @param jiraPath where Jira delivers issue events, when Jira is the ITSM tool
   */
  public record Webhooks(@DefaultValue("true") boolean enabled, @DefaultValue("/webhooks/github") String githubPath,
      @DefaultValue("/webhooks/jira") String jiraPath) {}
}
