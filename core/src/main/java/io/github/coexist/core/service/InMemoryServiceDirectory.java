package io.github.coexist.core.service;

import io.github.coexist.core.error.CoexistError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The embedded default {@link ServiceDirectory}: services held in memory, registered by the
 * embedding code. Thread-safe; a later {@link #register} of the same id replaces the service. A
 * directory given a {@linkplain Builder#keeper keeper} hands it every service registered, and
 * one {@linkplain #restore restored} from them holds the same services.
 */
public final class InMemoryServiceDirectory implements ServiceDirectory {
  private final ConcurrentSkipListMap<ServiceId, Service> services = new ConcurrentSkipListMap<>();
  private final Consumer<Service> keeper;

  /** An empty directory. */
  public InMemoryServiceDirectory() {
    this(service -> { });
  }

  private InMemoryServiceDirectory(Consumer<Service> keeper) {
    this.keeper = keeper;
  }

  /** A directory holding {@code services}. */
  public static InMemoryServiceDirectory of(Service... services) {
    InMemoryServiceDirectory directory = new InMemoryServiceDirectory();
    for (Service service : services) {
      directory.register(service);
    }
    return directory;
  }

  /** A builder for an empty directory. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds or replaces a service, and hands it to the keeper. */
  public InMemoryServiceDirectory register(Service service) {
    services.put(service.id(), service);
    keeper.accept(service);
    return this;
  }

  /**
   * Puts back services as a store kept them ({@link Builder#keeper}): for a store at start-up, or
   * a standby catching up. Each replaces the service with its id, or is added; none is kept again.
   */
  public void restore(Collection<Service> kept) {
    kept.forEach(service -> services.put(service.id(), service));
  }

  @Override
  public Either<CoexistError, Optional<Service>> find(ServiceId id) {
    return Either.right(Optional.ofNullable(services.get(id)));
  }

  @Override
  public Either<CoexistError, Seq<Service>> all() {
    return Either.right(List.ofAll(services.values()));
  }

  /** Configures an {@link InMemoryServiceDirectory}. */
  public static final class Builder {
    private Consumer<Service> keeper = service -> { };

    private Builder() {}

    /**
     * Who is handed every service registered, on the thread that registered it: it must only take
     * note (put the service in a map), never block or call the directory. Nobody unless set.
     */
    public Builder keeper(Consumer<Service> keeper) {
      this.keeper = Objects.requireNonNull(keeper, "keeper");
      return this;
    }

    /** The directory, empty. */
    public InMemoryServiceDirectory build() {
      return new InMemoryServiceDirectory(keeper);
    }
  }
}
