package io.github.coexist.core.change;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.internal.records.MemoryRecords;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

  private final MemoryRecords<Stored> records = new MemoryRecords<>(SYSTEM, "CHG", FIRST_NUMBER, "change record");

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
    return Either.right(records.ensure(change.idempotencyKey(), created -> new Stored(change.idempotencyKey(),
        change.type(), new RecordedChange(created, change.state(), approvalOf(change, ApprovalStatus.NOT_REQUESTED),
            Optional.of(change.risk().level()), change.closeCode()))));
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return Either.right(records.find(key));
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
    return records.read(key).map(Stored::recorded);
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
      ExternalKey key, Function<Stored, Either<CoexistError, Stored>> change) {
    return records.update(key, change).map(Stored::recorded);
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
}
