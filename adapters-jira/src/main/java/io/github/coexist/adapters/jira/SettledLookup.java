package io.github.coexist.adapters.jira;

import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search that decides whether an issue exists after a create whose answer was lost (a
 * time-out, a 5xx, a reset connection: Jira may have made the issue). {@code /search/jql} is
 * eventually consistent and only {@code reconcileIssues} gives read-after-write, which needs the
 * id the lost answer held; so the search by label and property ({@link KeyLookup}, reconciling
 * every issue id this process knows) is repeated with doubling waits until it finds the issue or
 * the settle time ({@code search.settle-time}) has been waited out; only then may coexist create
 * again. Keys whose create was ambiguous are remembered until settled, so the next attempt (the
 * next tick) waits out the lag too. Thread-safe.
 */
final class SettledLookup {
  private static final Logger LOG = LoggerFactory.getLogger(SettledLookup.class);
  private static final Duration FIRST_WAIT = Duration.ofMillis(250);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);
  private final KeyLookup lookup;
  private final Duration settleTime;
  private final RemoteClient.Sleeper sleeper;
  private final Set<IdempotencyKey> ambiguous = ConcurrentHashMap.newKeySet();

  SettledLookup(KeyLookup lookup, Duration settleTime, RemoteClient.Sleeper sleeper) {
    this.lookup = lookup;
    this.settleTime = settleTime;
    this.sleeper = sleeper;
  }

  /** The issue of {@code key}: one search, or a settled one when an earlier create of it was ambiguous. */
  Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return ambiguous.contains(key) ? settle(key) : lookup.find(key);
  }

  /**
   * The issue of {@code key}, found, or else made by {@code create}. When the create fails in a
   * way that may have made the issue all the same (Jira did not answer, or answered 5xx; not a
   * rate limit or a 4xx, which Jira did not process), the search lag is waited out for it before
   * the failure is returned, and the next call does the same before it creates again.
   */
  Either<CoexistError, ExternalKey> findOrCreate(IdempotencyKey key, Supplier<Either<CoexistError, ExternalKey>> create) {
    Either<CoexistError, Optional<ExternalKey>> found = find(key);
    if (found.isLeft() || found.get().isPresent()) {
      return found.map(Optional::get);
    }
    Either<CoexistError, ExternalKey> created = create.get();
    if (created.isRight() || !(created.getLeft() instanceof CoexistError.Unavailable)) {
      return created;
    }
    ambiguous.add(key);
    LOG.info("jira: the answer to creating the issue of {} was lost ({}); searching before creating again",
        key, created.getLeft().message());
    Either<CoexistError, Optional<ExternalKey>> again = settle(key);
    return again.isRight() && again.get().isPresent() ? Either.right(again.get().get()) : created;
  }

  /**
   * Searches until the issue of {@code key} is found or the settle time is waited out; a found
   * issue or a search that came up empty after the whole wait settles the key. An error of the
   * search itself is returned, and the key stays unsettled.
   */
  Either<CoexistError, Optional<ExternalKey>> settle(IdempotencyKey key) {
    Duration waited = Duration.ZERO;
    Duration wait = FIRST_WAIT;
    while (true) {
      Either<CoexistError, Optional<ExternalKey>> found = lookup.find(key);
      if (found.isLeft() || found.get().isPresent()) {
        found.forEach(issue -> ambiguous.remove(key));
        return found;
      }
      if (waited.compareTo(settleTime) >= 0) {
        LOG.info("jira: no issue carries {} after {} ms of search lag; it was not created", key, waited.toMillis());
        ambiguous.remove(key);
        return found;
      }
      Duration next = min(wait, settleTime.minus(waited));
      if (!sleeper.sleep(next)) {
        return Either.left(new CoexistError.Unavailable("interrupted while waiting for Jira's search to list "
            + "the issue of " + key));
      }
      waited = waited.plus(next);
      wait = min(wait.multipliedBy(2), LONGEST_WAIT);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
