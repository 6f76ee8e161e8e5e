package io.github.coexist.adapters.github;

import io.github.coexist.core.service.ServiceId;
import java.time.Clock;
import java.util.Optional;

/**
 * What every event handler shares: the settings, the clock, and the adapter's memory between
 * deliveries (evidence, pushes, deployments, installations, watched gates).
 */
final class Intake {
  /** Entries each memory keeps at most. */
  static final int MEMORY = 10_000;

  final GitHubSettings settings;
  final Clock clock;
  final EvidenceBook evidence;
  final CommitBook commits = new CommitBook(MEMORY);
  final DeploymentBook deployments = new DeploymentBook(MEMORY);
  final InstallationBook installations;
  final GateTimeouts timeouts;

  Intake(GitHubSettings settings, Clock clock, InstallationBook installations, GateTimeouts timeouts) {
    this.settings = settings;
    this.clock = clock;
    this.installations = installations;
    this.timeouts = timeouts;
    this.evidence = new EvidenceBook(settings.tests(), settings.review(), settings.security(), MEMORY);
  }

  /** The payload's {@code repository.full_name}; a problem when it is missing or malformed. */
  Optional<Repository> repository(Fields payload) {
    String fullName = payload.requireText("/repository/full_name");
    if (fullName.isEmpty()) {
      return Optional.empty();
    }
    return Repository.parse(fullName).fold(problem -> {
      payload.problem("repository.full_name: " + problem);
      return Optional.empty();
    }, Optional::of);
  }

  /** Remembers the installation the payload names for its repository. */
  Optional<Long> installation(Fields payload, Repository repository) {
    Optional<Long> id = payload.number("/installation/id").filter(i -> i > 0);
    id.ifPresent(i -> installations.seen(repository, i));
    return id;
  }

  ServiceId serviceOf(Repository repository) {
    return settings.serviceOf(repository);
  }

  boolean isProduction(String environment) {
    return settings.production().matches(environment);
  }
}
