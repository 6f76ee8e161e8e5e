package io.github.coexist.adapters.github;

import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.adapters.http.HttpSettings;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GitHub adapter's settings, below {@link #prefix()} ({@code coexist.github}). Every setting
 * is a default method reading {@link #get(String)}; override one to compute it instead. Bind to
 * environment variables ({@code COEXIST_GITHUB_API_URL}), system properties or a map with the
 * static factories, and call {@link #validate()} to hear about every bad key at once.
 *
 * <p>Credentials: either {@code token} (a personal access token) or a GitHub App ({@code app-id}
 * plus {@code private-key} or {@code private-key-path}); the gate's protection rule reviews need
 * the App. At least one {@code webhook-secret} is required.
 */
public interface GitHubConfig {

  /** The prefix of every key: {@code coexist.github}. */
  default String prefix() {
    return "coexist.github";
  }

  /** The value of the full dotted key ({@code coexist.github.api-url}), if set and not blank. */
  Optional<String> get(String key);

  /** Settings from a map of full dotted keys. */
  static GitHubConfig of(Map<String, String> values) {
    return from(ConfigSource.of(values));
  }

  /** Settings from environment variables ({@code COEXIST_GITHUB_TOKEN}, ...). */
  static GitHubConfig fromEnvironment() {
    return from(ConfigSource.environment());
  }

  /** Settings from Java system properties ({@code -Dcoexist.github.token=...}). */
  static GitHubConfig fromSystemProperties() {
    return from(ConfigSource.systemProperties());
  }

  /** Settings from any source of dotted keys. */
  static GitHubConfig from(ConfigSource source) {
    return source::get;
  }

  /**
   * {@code api-url}: the REST API root; {@code https://api.github.com} unless set. For GitHub
   * Enterprise Server use {@code https://HOST/api/v3}. Requests, and callback URLs accepted from
   * webhooks, are limited to this host.
   */
  default URI apiUrl() {
    return ConfigKeys.one(this, ConfigKeys::apiUrl);
  }

  /** {@code token}: a personal access token; unset unless given. Never logged. */
  default Optional<Secret> token() {
    return ConfigKeys.one(this, ConfigKeys::token);
  }

  /** {@code app-id}: the GitHub App's id (or client id), the JWT's issuer; unset unless given. */
  default Optional<String> appId() {
    return ConfigKeys.one(this, ConfigKeys::appId);
  }

  /**
   * {@code private-key}: the App's private key as PEM text (PKCS#1 {@code BEGIN RSA PRIVATE KEY}
   * as GitHub issues it, or PKCS#8); literal {@code \n} sequences are read as line breaks so the
   * key fits an environment variable. Unset unless given. Never logged.
   */
  default Optional<Secret> privateKey() {
    return ConfigKeys.one(this, ConfigKeys::privateKey);
  }

  /** {@code private-key-path}: a file holding the App's PEM private key; unset unless given. */
  default Optional<String> privateKeyPath() {
    return ConfigKeys.one(this, ConfigKeys::privateKeyPath);
  }

  /**
   * {@code installation-id}: the App installation used when a call does not come from a webhook
   * that names its installation; unset unless given.
   */
  default Optional<Long> installationId() {
    return ConfigKeys.one(this, ConfigKeys::installationId);
  }

  /**
   * {@code webhook-secret}: the webhook secrets, comma-separated; a delivery signed with any of
   * them is accepted, so a secret can be rotated. Required.
   */
  default List<Secret> webhookSecrets() {
    return ConfigKeys.one(this, ConfigKeys::webhookSecrets);
  }

  /**
   * {@code production-environments}: environment names or glob patterns ({@code *}, {@code ?}),
   * comma-separated, compared without case, whose deployments count as production; {@code
   * production,prod,production-*,prod-*} unless set.
   */
  default List<String> productionEnvironments() {
    return ConfigKeys.one(this, ConfigKeys::productionEnvironments);
  }

  /**
   * {@code repository-services}: which service each repository deploys, as {@code
   * owner/repo=service} pairs, comma-separated; a repository not listed deploys the service named
   * like the repository (without its owner). Empty unless set.
   */
  default Map<String, String> repositoryServices() {
    return ConfigKeys.one(this, ConfigKeys::repositoryServices);
  }

  /** {@code incident-issues}: whether labelled issues are reported as incidents; true unless set. */
  default boolean incidentIssues() {
    return ConfigKeys.one(this, ConfigKeys::incidentIssues);
  }

  /** {@code incident-label}: the label that makes an issue an incident; {@code incident} unless set. */
  default String incidentLabel() {
    return ConfigKeys.one(this, ConfigKeys::incidentLabel);
  }

  /** {@code release-markers}: whether published releases are reported as change markers; true unless set. */
  default boolean releaseMarkers() {
    return ConfigKeys.one(this, ConfigKeys::releaseMarkers);
  }

  /**
   * {@code evidence.tests}: glob patterns of workflow and check names that count as tests; {@code
   * *test*,*ci*,build*} unless set.
   */
  default List<String> testChecks() {
    return ConfigKeys.one(this, ConfigKeys::testChecks);
  }

  /**
   * {@code evidence.review}: glob patterns of check names that count as code review; {@code
   * *review*} unless set. An approving pull request review counts too.
   */
  default List<String> reviewChecks() {
    return ConfigKeys.one(this, ConfigKeys::reviewChecks);
  }

  /**
   * {@code evidence.security}: glob patterns of workflow and check names that count as a security
   * scan; {@code *codeql*,*security*,*scan*,*snyk*,*trivy*,*dependency-review*} unless set. Checked
   * before review and tests, so {@code dependency-review} is a scan.
   */
  default List<String> securityChecks() {
    return ConfigKeys.one(this, ConfigKeys::securityChecks);
  }

  /**
   * {@code gate-timeout}: how long a deployment protection rule may wait for a final answer
   * before {@link #gateTimeoutOutcome()} answers it; {@code 1h} unless set.
   */
  default Duration gateTimeout() {
    return ConfigKeys.one(this, ConfigKeys::gateTimeout);
  }

  /** {@code gate-timeout-outcome}: {@code rejected} or {@code approved}; {@code rejected} unless set. */
  default Decision.Outcome gateTimeoutOutcome() {
    return ConfigKeys.one(this, ConfigKeys::gateTimeoutOutcome);
  }

  /**
   * HTTP settings: {@code connect-timeout} (5s), {@code request-timeout} (10s), {@code
   * max-attempts} (4) and {@code max-retry-after} (30s), defaults in brackets.
   */
  default HttpSettings http() {
    return ConfigKeys.one(this, ConfigKeys::http);
  }

  /** Every problem with these settings at once, or {@code DONE} when they are usable. */
  default Either<CoexistError, Done> validate() {
    return ConfigKeys.validate(this);
  }
}
