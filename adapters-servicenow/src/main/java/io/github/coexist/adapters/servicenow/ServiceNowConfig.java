package io.github.coexist.adapters.servicenow;

import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.adapters.http.HttpSettings;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the ServiceNow adapter, read below {@link #prefix()} ({@code coexist.servicenow})
 * from environment variables, system properties or a map. Each setting is a default method whose
 * Javadoc states its default; {@link #validate()} lists every bad setting at once.
 *
 * <p>Environment variables are the dotted key upper-cased with dots and dashes as underscores:
 * {@code coexist.servicenow.url} is {@code COEXIST_SERVICENOW_URL}, {@code
 * coexist.servicenow.oauth.client-id} is {@code COEXIST_SERVICENOW_OAUTH_CLIENT_ID}.
 *
 * <p>Secrets ({@code password}, {@code oauth.client-secret}, {@code oauth.refresh-token}, {@code
 * api-key}) are returned as {@link Secret}s and never appear in a problem or a log line.
 */
public interface ServiceNowConfig {

  /** How the adapter authenticates to the instance. */
  enum AuthMode {
    /** HTTP Basic with {@code user} and {@code password}. */
    BASIC,
    /** OAuth 2.0 bearer tokens from {@code /oauth_token.do}, refreshed before they expire. */
    OAUTH,
    /** Only the {@code x-sn-apikey} header. */
    API_KEY
  }

  /** The OAuth grant used to get a first token. */
  enum OAuthGrant {
    /** Resource-owner password: {@code user} and {@code password} with the client's id and secret. */
    PASSWORD,
    /** Client credentials: the client's id and secret only (newer releases). */
    CLIENT_CREDENTIALS,
    /** A refresh token obtained elsewhere ({@code oauth.refresh-token}). */
    REFRESH_TOKEN
  }

  /** Whether to use the Change Management API ({@code /api/sn_chg_rest}). */
  enum ChangeApi {
    /** Probe the instance once and use it when it answers. */
    AUTO,
    /** Always use it (fails when the plugin is missing). */
    ALWAYS,
    /** Never use it: the Table API only. */
    NEVER
  }

  /** The prefix of every key; {@code coexist.servicenow} unless overridden. */
  default String prefix() {
    return "coexist.servicenow";
  }

  /** The raw value of a full dotted key, if set and not blank. */
  Optional<String> get(String key);

  /** Settings from the process environment ({@code COEXIST_SERVICENOW_URL}, ...). */
  static ServiceNowConfig fromEnvironment() {
    ConfigSource source = ConfigSource.environment();
    return source::get;
  }

  /** Settings from an environment given as a map of variable names (tests pass their own). */
  static ServiceNowConfig fromEnvironment(Map<String, String> environment) {
    ConfigSource source = ConfigSource.environment(environment);
    return source::get;
  }

  /** Settings from Java system properties ({@code -Dcoexist.servicenow.url=...}). */
  static ServiceNowConfig fromSystemProperties() {
    ConfigSource source = ConfigSource.systemProperties();
    return source::get;
  }

  /** Settings from a map of full dotted keys ({@code coexist.servicenow.url}). */
  static ServiceNowConfig fromMap(Map<String, String> values) {
    ConfigSource source = ConfigSource.of(values);
    return source::get;
  }

  /** The instance's base URL, such as {@code https://acme.service-now.com}. Required; no default. */
  default Optional<URI> url() {
    return reader().uri("url");
  }

  /** {@code auth}: {@code basic}, {@code oauth} or {@code api-key}; {@code basic} by default. */
  default AuthMode auth() {
    return parseEnum(AuthMode.class, reader().optional("auth").orElse("basic")).orElse(AuthMode.BASIC);
  }

  /** {@code user}: the integration user (Basic, OAuth password grant). No default. */
  default Optional<String> user() {
    return reader().optional("user");
  }

  /** {@code password}: the integration user's password. No default. */
  default Optional<Secret> password() {
    return reader().secret("password");
  }

  /**
   * {@code oauth.grant}: {@code password}, {@code client-credentials} or {@code refresh-token};
   * {@code password} by default.
   */
  default OAuthGrant oauthGrant() {
    return parseEnum(OAuthGrant.class, reader().optional("oauth.grant").orElse("password"))
        .orElse(OAuthGrant.PASSWORD);
  }

  /** {@code oauth.client-id}: the OAuth application's client id. No default. */
  default Optional<String> oauthClientId() {
    return reader().optional("oauth.client-id");
  }

  /** {@code oauth.client-secret}: the OAuth application's client secret. No default. */
  default Optional<Secret> oauthClientSecret() {
    return reader().secret("oauth.client-secret");
  }

  /** {@code oauth.refresh-token}: a refresh token, for the {@code refresh-token} grant. No default. */
  default Optional<Secret> oauthRefreshToken() {
    return reader().secret("oauth.refresh-token");
  }

  /**
   * {@code api-key}: sent as {@code x-sn-apikey} on every request, alone ({@code auth=api-key}) or
   * besides Basic or OAuth. No default.
   */
  default Optional<Secret> apiKey() {
    return reader().secret("api-key");
  }

  /** {@code change-api}: {@code auto}, {@code always} or {@code never}; {@code auto} by default. */
  default ChangeApi changeApi() {
    return parseEnum(ChangeApi.class, reader().optional("change-api").orElse("auto")).orElse(ChangeApi.AUTO);
  }

  /** {@code page-size}: rows per page of a list read, 1 to 10000; 100 by default. */
  default int pageSize() {
    return reader().integer("page-size", 100, 1, 10_000);
  }

  /**
   * {@code cmdb.cache-ttl}: how long the service directory reuses what it read from the CMDB; the
   * change gate reads the directory on every decision. 5 minutes by default.
   */
  default Duration cmdbCacheTtl() {
    return reader().duration("cmdb.cache-ttl", Duration.ofMinutes(5));
  }

  /**
   * {@code cmdb.service-table}: the table services are read from; its subclasses (business,
   * application, technical services) come with it. {@code cmdb_ci_service} by default.
   */
  default String cmdbServiceTable() {
    return reader().optional("cmdb.service-table").orElse("cmdb_ci_service");
  }

  /**
   * {@code cmdb.relation-types}: comma-separated {@code cmdb_rel_type} names whose parent depends on
   * its child; {@code Depends on::Used by} by default.
   */
  default List<String> cmdbRelationTypes() {
    return Arrays.stream(reader().optional("cmdb.relation-types").orElse("Depends on::Used by").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * {@code cmdb.default-owner}: the team owning a service that has neither a support group nor a
   * managed-by group; {@code unassigned} by default.
   */
  default String cmdbDefaultOwner() {
    return reader().optional("cmdb.default-owner").orElse("unassigned");
  }

  /**
   * {@code change.default-group}: the assignment group of a change whose service's owning group
   * ServiceNow does not know (a repository missing from the CMDB, or an owner without a group of
   * that name); none by default, and the change is then recorded without an assignment group
   * (not mandatory on {@code change_request}), with a work note saying so.
   */
  default Optional<String> changeDefaultGroup() {
    return reader().optional("change.default-group").map(String::strip).filter(s -> !s.isEmpty());
  }

  /** {@code approval.poll-initial}: the first wait when polling for an approval; 5 s by default. */
  default Duration approvalPollInitial() {
    return reader().duration("approval.poll-initial", Duration.ofSeconds(5));
  }

  /** {@code approval.poll-max}: the longest wait between two approval polls; 60 s by default. */
  default Duration approvalPollMax() {
    return reader().duration("approval.poll-max", Duration.ofSeconds(60));
  }

  /**
   * HTTP settings for {@code url}: {@code connect-timeout} (5 s), {@code request-timeout} (10 s),
   * {@code max-attempts} (4) and {@code max-retry-after} (30 s) below the prefix.
   */
  default HttpSettings http(URI url) {
    return reader().http(url);
  }

  /**
   * This configuration when every setting is usable, else every problem found: a missing or
   * malformed URL, an unknown auth mode, grant or change-api value, credentials missing for the
   * chosen auth, and malformed numbers and durations.
   */
  default Either<CoexistError, ServiceNowConfig> validate() {
    ConfigReader read = reader();
    Optional<URI> url = read.requiredUri("url");
    url.ifPresent(read::http);
    read.integer("page-size", 100, 1, 10_000);
    read.duration("cmdb.cache-ttl", Duration.ofMinutes(5));
    read.duration("approval.poll-initial", Duration.ofSeconds(5));
    read.duration("approval.poll-max", Duration.ofSeconds(60));
    Optional<AuthMode> auth = checkEnum(read, "auth", AuthMode.class, "basic");
    checkEnum(read, "change-api", ChangeApi.class, "auto");
    if (read.optional("cmdb.service-table").map(t -> !t.matches("[a-z][a-z0-9_]*")).orElse(false)) {
      read.problem(read.key("cmdb.service-table") + " must be a table name such as cmdb_ci_service");
    }
    if (auth.isPresent()) {
      switch (auth.get()) {
        case BASIC -> {
          read.required("user");
          read.requiredSecret("password");
        }
        case API_KEY -> read.requiredSecret("api-key");
        case OAUTH -> {
          Optional<OAuthGrant> grant = checkEnum(read, "oauth.grant", OAuthGrant.class, "password");
          read.required("oauth.client-id");
          read.requiredSecret("oauth.client-secret");
          if (grant.isPresent() && grant.get() == OAuthGrant.PASSWORD) {
            read.required("user");
            read.requiredSecret("password");
          }
          if (grant.isPresent() && grant.get() == OAuthGrant.REFRESH_TOKEN) {
            read.requiredSecret("oauth.refresh-token");
          }
        }
      }
    }
    return read.result(() -> this);
  }

  private ConfigReader reader() {
    return new ConfigReader(this::get, prefix());
  }

  private static <E extends Enum<E>> Optional<E> checkEnum(
      ConfigReader read, String key, Class<E> type, String fallback) {
    String value = read.optional(key).orElse(fallback);
    Optional<E> parsed = parseEnum(type, value);
    if (parsed.isEmpty()) {
      read.problem(read.key(key) + " (" + ConfigSource.envName(read.key(key)) + ") must be one of "
          + Arrays.stream(type.getEnumConstants()).map(ServiceNowConfig::spell).toList() + ", was '" + value + "'");
    }
    return parsed;
  }

  private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String value) {
    String normalised = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(normalised)).findFirst();
  }

  private static String spell(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
