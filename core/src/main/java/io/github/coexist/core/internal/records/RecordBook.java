package io.github.coexist.core.internal.records;

import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Durability;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Not API. The record-keeping engine of the desks: the records of one kind (incidents, problems,
 * requests, surveys) with their indexes, an optional audit trail, an optional mirror in the ITSM
 * tool and a listener.
 *
 * <p>A {@link #write} validates and commits under the book's lock, so commands on one book are
 * serialised and each sees the last one's result; the audit entry is recorded before a step takes
 * effect. After the lock is released the touched records are mirrored to the tool (here, or on
 * the {@linkplain Builder#deliverOn workers}) and the events are delivered, so a slow tool or a
 * listener that calls back into the desk blocks no command.
 * Events reach the listener in commit order.
 *
 * <p>A book given a {@linkplain Builder#keeper keeper} hands it every new state of a record under
 * its lock: each commit, each key the tool issues, and each change of whether the tool holds the
 * latest snapshot (pending from the commit until a sync succeeds), so a store can keep what the
 * tool is still owed. {@link Transaction#restore} puts records back as a store kept them. Thread-safe.
 *
 * @param <I> the record id
 * @param <R> the record type, an immutable snapshot
 * @param <E> the event type
 */
public final class RecordBook<I, R, E> {
  /** Why a record committed but not yet tried is behind the tool. */
  static final CoexistError NOT_YET_SENT = new CoexistError.Unavailable("not yet sent to the ITSM tool");

  private final String kind;
  private final Function<R, I> idOf;
  private final Optional<AuditTrail> audit;
  private final List<Index<R>> indexes;
  private final EventQueue<E> events;
  private final Optional<Mirror<I, R, ?>> mirror;
  private final Optional<BiConsumer<? super R, Optional<CoexistError>>> keeper;
  private final Optional<Executor> workers;
  private final Durability durability;

  private final Object lock = new Object();
  private final Map<I, R> records = new LinkedHashMap<>();
  /** The records the tool does not hold yet, with the last error; tracked only for a keeper. */
  private final Map<I, CoexistError> behind = new HashMap<>();

  private RecordBook(Builder<I, R, E> b) {
    this.kind = b.kind;
    this.idOf = b.idOf;
    this.audit = b.audit;
    this.indexes = List.copyOf(b.indexes);
    this.events = new EventQueue<>(b.kind, b.listener);
    this.keeper = b.keeper;
    this.workers = b.workers;
    this.durability = b.durability;
    this.mirror = b.tool.<Mirror<I, R, ?>>map(this::mirror);
  }

  private <S> Mirror<I, R, S> mirror(SystemOfRecord<R, S> tool) {
    return new Mirror<>(tool, kind, this::find, (id, key) -> keyIssued(tool, id, key), new Mirror.Settled<>() {
      @Override
      public void synced(I id, Predicate<R> held) {
        settle(id, current -> held.test(current) ? Optional.empty() : Optional.ofNullable(behind.get(id)));
      }

      @Override
      public void failed(I id, CoexistError error) {
        settle(id, current -> Optional.of(error));
      }
    }, workers, durability);
  }

  /** A builder for a book of {@code kind} records ({@code incident}, {@code problem}, ...), each identified by {@code idOf}. */
  public static <I, R, E> Builder<I, R, E> builder(String kind, Function<R, I> idOf) {
    return new Builder<>(kind, idOf);
  }

  /**
   * Runs {@code command} under the lock, then mirrors what it committed and delivers the events
   * queued. Steps committed before a command fails stay committed, and are mirrored and announced.
   */
  public <T> Either<CoexistError, T> write(Function<Transaction<I, R, E>, Either<CoexistError, T>> command) {
    Transaction<I, R, E> txn = new Transaction<>(this);
    Either<CoexistError, T> result;
    synchronized (lock) {
      result = command.apply(txn);
    }
    mirror.ifPresent(m -> {
      // The keeper took the touched records under the lock: their syncs wait for that commit.
      long mark = durability.mark();
      txn.touched().forEach(id -> {
        m.owed(id, mark);
        m.deliver(id);
      });
    });
    events.deliver();
    return result;
  }

  /**
   * Applies {@code step} to the record {@code id} ({@link CoexistError.NotFound} when there is
   * none) as one {@link #write}, and returns the record as it is after the mirror.
   */
  public Either<CoexistError, R> update(I id, Function<R, Either<CoexistError, Step<R, E>>> step) {
    return write(txn -> txn.find(id).flatMap(step).flatMap(txn::commit)).map(this::latest);
  }

  /** Commits {@code step} as one {@link #write}, and returns the record as it is after the mirror. */
  public Either<CoexistError, R> commit(Step<R, E> step) {
    return write(txn -> txn.commit(step)).map(this::latest);
  }

  /**
   * Puts back what a store kept, under the lock: {@code each} restores one item, through {@link
   * Transaction#restore} and whatever the desk keeps beside its records. Nothing is mirrored now
   * or announced.
   */
  public <T> void restore(Collection<T> kept, BiConsumer<Transaction<I, R, E>, T> each) {
    Transaction<I, R, E> txn = new Transaction<>(this);
    synchronized (lock) {
      kept.forEach(item -> each.accept(txn, item));
    }
  }

  /** Answers {@code query} under the lock: a consistent view of the records and the indexes. */
  public <T> T read(Function<RecordView<I, R>, T> query) {
    synchronized (lock) {
      return query.apply(new Transaction<>(this));
    }
  }

  /** The record with this id, if there is one. */
  public Optional<R> find(I id) {
    return read(view -> view.get(id));
  }

  /** Every record, oldest first. */
  public List<R> all() {
    return read(view -> List.copyOf(view.all()));
  }

  /** The records whose mirror in the tool is behind, each with the error that stopped it. */
  public Map<I, CoexistError> unsynced() {
    return mirror.map(Mirror::pending).orElse(Map.of());
  }

  /**
   * Tries again to mirror every record that is behind; returns those still behind (with workers,
   * those not delivered yet).
   */
  public Map<I, CoexistError> resync() {
    mirror.ifPresent(m -> new ArrayList<>(m.pending().keySet()).forEach(m::deliver));
    return unsynced();
  }

  /** The record's latest snapshot: the one given, or newer (a key the tool issued meanwhile). */
  public R latest(R record) {
    return find(idOf.apply(record)).orElse(record);
  }

  I idOf(R record) {
    return idOf.apply(record);
  }

  CoexistError notFound(I id) {
    return new CoexistError.NotFound(kind, String.valueOf(id));
  }

  // The methods below run under the lock: the transaction calls them.

  Optional<R> stored(I id) {
    return Optional.ofNullable(records.get(id));
  }

  Collection<R> storedAll() {
    return Collections.unmodifiableCollection(records.values());
  }

  void store(Optional<R> before, R after) {
    I id = idOf.apply(after);
    records.put(id, after);
    indexes.forEach(index -> index.put(before, after));
    if (keeper.isPresent()) {
      if (mirror.isPresent()) {
        behind.putIfAbsent(id, NOT_YET_SENT);
      }
      handOver(after);
    }
  }

  /** Puts back a record as a store kept it: no audit, no event, no keeper; the mirror retries it if it is behind. */
  void restore(R record, Optional<CoexistError> unsynced) {
    I id = idOf.apply(record);
    Optional<R> before = stored(id);
    records.put(id, record);
    indexes.forEach(index -> index.put(before, record));
    mirror.ifPresent(m -> m.restored(id, record, unsynced));
    if (keeper.isPresent() && mirror.isPresent()) {
      unsynced.ifPresentOrElse(error -> behind.put(id, error), () -> behind.remove(id));
    }
  }

  /** Hands the keeper the record's state again (something kept beside it changed). */
  void keep(I id) {
    if (keeper.isPresent()) {
      stored(id).ifPresent(this::handOver);
    }
  }

  private void handOver(R record) {
    keeper.get().accept(record, Optional.ofNullable(behind.get(idOf.apply(record))));
  }

  /** Records how a sync of {@code id} ended, as {@code unsynced} of the record now held says, and keeps it. */
  private void settle(I id, Function<R, Optional<CoexistError>> unsynced) {
    if (keeper.isEmpty()) {
      return;
    }
    synchronized (lock) {
      stored(id).ifPresent(current -> {
        Optional<CoexistError> now = unsynced.apply(current);
        if (!now.equals(Optional.ofNullable(behind.get(id)))) {
          now.ifPresentOrElse(error -> behind.put(id, error), () -> behind.remove(id));
          handOver(current);
        }
      });
    }
  }

  Optional<CoexistError> audit(AuditEvent event) {
    return audit.flatMap(trail -> trail.record(event).swap().toJavaOptional());
  }

  void queue(E event) {
    events.add(event);
  }

  private <S> void keyIssued(SystemOfRecord<R, S> tool, I id, ExternalKey key) {
    synchronized (lock) {
      stored(id).ifPresent(current -> store(Optional.of(current), tool.withKey().apply(current, key)));
    }
  }

  /** Configures a {@link RecordBook}; no audit, no mirror, no indexes and nobody listening unless set. */
  public static final class Builder<I, R, E> {
    private final String kind;
    private final Function<R, I> idOf;
    private Optional<AuditTrail> audit = Optional.empty();
    private final List<Index<R>> indexes = new ArrayList<>();
    private Consumer<? super E> listener = event -> { };
    private Optional<SystemOfRecord<R, ?>> tool = Optional.empty();
    private Optional<BiConsumer<? super R, Optional<CoexistError>>> keeper = Optional.empty();
    private Optional<Executor> workers = Optional.empty();
    private Durability durability = Durability.immediate();

    private Builder(String kind, Function<R, I> idOf) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.idOf = Objects.requireNonNull(idOf, "idOf");
    }

    /** The audit trail each audited step is recorded in first, when there is one. */
    public Builder<I, R, E> audit(Optional<AuditTrail> audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /** An index kept up to date on every commit. */
    public Builder<I, R, E> index(Index<R> index) {
      indexes.add(Objects.requireNonNull(index, "index"));
      return this;
    }

    /** Who hears the events, in commit order, outside the lock. */
    public Builder<I, R, E> listener(Consumer<? super E> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Where committed records are mirrored, outside the lock. */
    public Builder<I, R, E> mirror(SystemOfRecord<R, ?> tool) {
      this.tool = Optional.of(tool);
      return this;
    }

    /**
     * Who is handed every new state of a record, under the lock, with the error that keeps the
     * tool behind it (an {@link CoexistError.Unavailable} until the first try), or empty once the tool holds it.
     */
    public Builder<I, R, E> keeper(BiConsumer<? super R, Optional<CoexistError>> keeper) {
      this.keeper = Optional.of(Objects.requireNonNull(keeper, "keeper"));
      return this;
    }

    /**
     * Where records are mirrored: on {@code workers} when present, so a write returns once it is
     * committed; on the writer's thread, before the write returns, when empty (the default).
     */
    public Builder<I, R, E> deliverOn(Optional<Executor> workers) {
      this.workers = Objects.requireNonNull(workers, "workers");
      return this;
    }

    /** Mirrors a record only once the state the keeper took is durable; at once unless set. */
    public Builder<I, R, E> deliverWhenDurable(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /** The book. */
    public RecordBook<I, R, E> build() {
      return new RecordBook<>(this);
    }
  }
}
