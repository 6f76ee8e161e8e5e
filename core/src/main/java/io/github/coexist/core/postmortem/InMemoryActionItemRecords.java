package io.github.coexist.core.postmortem;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded default {@link ActionItemRecords}: tickets held in memory under keys {@code
 * memory:TASK0000001}, {@code memory:TASK0000002}, ... Thread-safe.
 */
public final class InMemoryActionItemRecords implements ActionItemRecords {
  /** The system name of keys this implementation issues. */
  public static final String SYSTEM = "memory";

  private final Map<IdempotencyKey, ExternalKey> byRecordKey = new LinkedHashMap<>();
  private final Map<ExternalKey, TrackedAction> tickets = new LinkedHashMap<>();

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public synchronized Either<CoexistError, ExternalKey> ensure(TrackedAction action) {
    ExternalKey key = byRecordKey.computeIfAbsent(action.recordKey(),
        k -> ExternalKey.of(SYSTEM, "TASK" + String.format(java.util.Locale.ROOT, "%07d", byRecordKey.size() + 1)));
    tickets.putIfAbsent(key, action);
    return Either.right(key);
  }

  @Override
  public synchronized Either<CoexistError, Done> update(ExternalKey key, TrackedAction action) {
    if (!tickets.containsKey(key)) {
      return Either.left(new CoexistError.NotFound("action item ticket", key.display()));
    }
    tickets.put(key, action);
    return Either.right(Done.DONE);
  }

  /** The ticket under {@code key}, as last recorded. */
  public synchronized Optional<TrackedAction> ticket(ExternalKey key) {
    return Optional.ofNullable(tickets.get(key));
  }

  /** Every ticket, in the order created. */
  public synchronized List<TrackedAction> tickets() {
    return List.copyOf(tickets.values());
  }
}
