package io.github.coexist.adapters.github;

import io.github.coexist.adapters.http.HttpSettings;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.service.ServiceId;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A validated {@link GitHubConfig}, read once at start-up.
 *
 * @param http where and how the REST API is called
 * @param token a personal access token, when the adapter uses one
 * @param app the GitHub App, when the adapter uses one
 * @param webhookSecrets the accepted webhook secrets
 * @param production which environments count as production
 * @param services repository (lower-case {@code owner/repo}) to service
 * @param incidentIssues whether labelled issues are incidents
 * @param incidentLabel the incident label
 * @param releaseMarkers whether releases are change markers
 * @param tests check names that count as tests
 * @param review check names that count as review
 * @param security check names that count as security scans
 * @param gateTimeout how long a gate may wait
 * @param timeoutOutcome the answer a timed-out gate gets
 */
record GitHubSettings(
    HttpSettings http,
    Optional<Secret> token,
    Optional<App> app,
    List<Secret> webhookSecrets,
    NamePatterns production,
    Map<String, String> services,
    boolean incidentIssues,
    String incidentLabel,
    boolean releaseMarkers,
    NamePatterns tests,
    NamePatterns review,
    NamePatterns security,
    Duration gateTimeout,
    Decision.Outcome timeoutOutcome) {

  /** A GitHub App's identity. */
  record App(String appId, PrivateKey key, Optional<Long> installation) {
    @Override
    public String toString() {
      return "App[" + appId + ", key=****]";
    }
  }

  /** The settings of {@code config}; it must have passed {@link GitHubConfig#validate()}. */
  static GitHubSettings of(GitHubConfig config) {
    Optional<App> app = config.appId().map(id -> new App(id, key(config), config.installationId()));
    return new GitHubSettings(config.http(), config.token(), app, config.webhookSecrets(),
        new NamePatterns(config.productionEnvironments()), config.repositoryServices(), config.incidentIssues(),
        config.incidentLabel(), config.releaseMarkers(), new NamePatterns(config.testChecks()),
        new NamePatterns(config.reviewChecks()), new NamePatterns(config.securityChecks()), config.gateTimeout(),
        config.gateTimeoutOutcome());
  }

  private static PrivateKey key(GitHubConfig config) {
    return config.privateKey().map(io.vavr.control.Either::<String, Secret>right)
        .orElseGet(() -> PrivateKeys.readFile(config.privateKeyPath().orElseThrow()))
        .flatMap(PrivateKeys::parse)
        .getOrElseThrow(problem -> new IllegalStateException("coexist.github.private-key: " + problem));
  }

  /** The API root, where webhooks' callback URLs must point. */
  URI apiUrl() {
    return http.baseUri();
  }

  /** The service {@code repository} deploys: as configured, else the repository's name. */
  ServiceId serviceOf(Repository repository) {
    return ServiceId.of(services.getOrDefault(repository.fullName().toLowerCase(Locale.ROOT), repository.name()));
  }

  @Override
  public String toString() {
    return "GitHubSettings[" + http.baseUri() + (token.isPresent() ? ", token=****" : "") + app.map(a -> ", " + a).orElse("")
        + ", " + webhookSecrets.size() + " webhook secret(s), gate timeout " + gateTimeout + "]";
  }
}
