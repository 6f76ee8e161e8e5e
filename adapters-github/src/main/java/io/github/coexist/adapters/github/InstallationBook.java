package io.github.coexist.adapters.github;

import java.util.Locale;
import java.util.Optional;

/**
 * Which GitHub App installation each repository belongs to, as webhooks name it, so that calls
 * not started by a webhook (deployment statuses, commit ranges) use the right installation token.
 * Bounded; thread-safe.
 */
final class InstallationBook {
  private final Bounded<String, Long> byRepository;

  InstallationBook(int capacity) {
    this.byRepository = new Bounded<>(capacity);
  }

  synchronized void seen(Repository repository, long installation) {
    byRepository.put(repository.fullName().toLowerCase(Locale.ROOT), installation);
  }

  synchronized Optional<Long> of(Repository repository) {
    return Optional.ofNullable(byRepository.get(repository.fullName().toLowerCase(Locale.ROOT)));
  }
}
