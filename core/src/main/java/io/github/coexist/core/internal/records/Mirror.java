package io.github.coexist.core.internal.records;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each record in the ITSM tool in step with the book's latest snapshot. One record is synced
 * by one thread at a time, always with the snapshot current at that moment, so a slow update can
 * never overwrite a newer one; other records, and the book's commands, do not wait. A record whose
 * sync failed stays pending, with its error, until a later sync succeeds; nothing is dropped.
 */
final class Mirror<I, R, S> {
  private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

  private final SystemOfRecord<R, S> tool;
  private final String kind;
  private final Function<I, Optional<R>> latest;
  private final BiConsumer<I, ExternalKey> keyIssued;
  private final Map<I, Object> locks = new ConcurrentHashMap<>();
  private final Map<I, S> sent = new ConcurrentHashMap<>();
  private final Map<I, CoexistError> pending = new ConcurrentHashMap<>();

  Mirror(SystemOfRecord<R, S> tool, String kind, Function<I, Optional<R>> latest, BiConsumer<I, ExternalKey> keyIssued) {
    this.tool = tool;
    this.kind = kind;
    this.latest = latest;
    this.keyIssued = keyIssued;
  }

  /** Syncs one record; a failure stays pending. */
  void sync(I id) {
    synchronized (locks.computeIfAbsent(id, k -> new Object())) {
      Optional<R> current = latest.apply(id);
      if (current.isEmpty()) {
        return;
      }
      Either<CoexistError, S> outcome = push(id, current.get());
      if (outcome.isLeft()) {
        pending.put(id, outcome.getLeft());
        LOG.warn("{} {} is not yet mirrored to {}: {}", kind, id, tool.system().get(), outcome.getLeft().message());
      } else {
        pending.remove(id);
      }
    }
  }

  private Either<CoexistError, S> push(I id, R record) {
    Optional<ExternalKey> known = tool.keyOf().apply(record);
    if (known.isEmpty()) {
      Either<CoexistError, ExternalKey> ensured = tool.ensure().apply(record);
      if (ensured.isLeft()) {
        return Either.left(ensured.getLeft());
      }
      keyIssued.accept(id, ensured.get());
      sent.put(id, tool.created().apply(ensured.get(), record));
      known = Optional.of(ensured.get());
    }
    S wanted = tool.recorded().apply(known.get(), record);
    if (wanted.equals(sent.get(id))) {
      return Either.right(wanted);
    }
    return tool.update().apply(known.get(), record).peek(done -> sent.put(id, wanted));
  }

  /** The records that are behind, with the last error of each. */
  Map<I, CoexistError> pending() {
    return Map.copyOf(pending);
  }
}
