package io.github.coexist.core.change;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded default {@link ChangeRecords}: the system of record is memory. Records get display
 * numbers as ServiceNow's do ({@code CHG0001001}, {@code CHG0001002}, ...). Thread-safe.
 *
 * <p>It keeps the rules a real tool keeps: states move only along the legal path of the change's
 * type (walked step by step, as a tool that moves one step at a time is), and the approval is the
 * tool's own: {@link #setApproval} plays the part of a person approving in the tool, which the
 * gate later reads back.
 */
public final class InMemoryChangeRecords implements ChangeRecords {
  /** The value of {@link #system()}. */
  public static final String SYSTEM = "memory";

  private static final long FIRST_NUMBER = 1001;

  private final ConcurrentHashMap<IdempotencyKey, ExternalKey> keys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Stored> records = new ConcurrentHashMap<>();
  private final AtomicLong numbers = new AtomicLong(FIRST_NUMBER);

  /** An empty system of record. */
  public InMemoryChangeRecords() {}

  /** A record as this store holds it. */
  private record Stored(IdempotencyKey idempotencyKey, ChangeType type, RecordedChange recorded) {}

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Change change) {
    ExternalKey key = keys.computeIfAbsent(change.idempotencyKey(), k -> {
      String number = number(numbers.getAndIncrement());
      ExternalKey created = new ExternalKey(SYSTEM, number, number);
      records.put(number, new Stored(k, change.type(), new RecordedChange(created, change.state(),
          approvalOf(change, ApprovalStatus.NOT_REQUESTED), Optional.of(change.risk().level()),
          change.closeCode())));
      return created;
    });
    return Either.right(key);
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return Either.right(Optional.ofNullable(keys.get(key)));
  }

  @Override
  public Either<CoexistError, RecordedChange> update(ExternalKey key, Change change) {
    return changeStored(key, stored -> {
      if (!stored.idempotencyKey().equals(change.idempotencyKey())) {
        return Either.left(new CoexistError.Conflict("record " + key.display()
            + " belongs to another change (key " + stored.idempotencyKey() + ")"));
      }
      RecordedChange now = stored.recorded();
      Either<CoexistError, List<ChangeState>> walk = ChangeLifecycle.path(change.type(), now.state(), change.state());
      if (walk.isLeft()) {
        return Either.left(walk.getLeft());
      }
      RecordedChange next = new RecordedChange(key, change.state(), approvalOf(change, now.approval()),
          Optional.of(change.risk().level()), change.closeCode());
      return Either.right(new Stored(stored.idempotencyKey(), change.type(), next));
    });
  }

  @Override
  public Either<CoexistError, RecordedChange> read(ExternalKey key) {
    Stored stored = key.system().equals(SYSTEM) ? records.get(key.id()) : null;
    return stored == null ? Either.left(notFound(key)) : Either.right(stored.recorded());
  }

  /**
   * Sets the approval as a person in the tool would: approving or rejecting the record. The gate
   * reads it back on its next tick.
   */
  public Either<CoexistError, RecordedChange> setApproval(ExternalKey key, ApprovalStatus approval) {
    return changeStored(key, stored -> {
      RecordedChange r = stored.recorded();
      return Either.right(new Stored(stored.idempotencyKey(), stored.type(),
          new RecordedChange(r.key(), r.state(), approval, r.riskLevel(), r.closeCode())));
    });
  }

  /** How many records the tool holds. */
  public int size() {
    return records.size();
  }

  private Either<CoexistError, RecordedChange> changeStored(
      ExternalKey key, java.util.function.Function<Stored, Either<CoexistError, Stored>> change) {
    if (!key.system().equals(SYSTEM)) {
      return Either.left(notFound(key));
    }
    // computeIfPresent() runs the change atomically per record; the result travels out through the reference.
    AtomicReference<Either<CoexistError, Stored>> result = new AtomicReference<>();
    records.computeIfPresent(key.id(), (id, stored) -> {
      Either<CoexistError, Stored> changed = change.apply(stored);
      result.set(changed);
      return changed.getOrElse(stored);
    });
    Either<CoexistError, Stored> changed = result.get();
    return changed == null ? Either.left(notFound(key)) : changed.map(Stored::recorded);
  }

  /**
   * The tool's approval after coexist reports {@code change}: a final decision is coexist's; while
   * the change is pending an approval already given in the tool stands, else one is requested.
   */
  private static ApprovalStatus approvalOf(Change change, ApprovalStatus current) {
    return switch (change.decision().outcome()) {
      case APPROVED -> ApprovalStatus.APPROVED;
      case REJECTED -> ApprovalStatus.REJECTED;
      case PENDING -> {
        if (current == ApprovalStatus.APPROVED || current == ApprovalStatus.REJECTED) {
          yield current;
        }
        yield change.decision().authority().isPresent() ? ApprovalStatus.REQUESTED : current;
      }
    };
  }

  private static CoexistError notFound(ExternalKey key) {
    return new CoexistError.NotFound("change record", key.toString());
  }

  private static String number(long n) {
    String digits = Long.toString(n);
    return "CHG" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
  }
}
