package io.github.coexist.core.service;

import io.github.coexist.core.error.CoexistError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The embedded default {@link ServiceDirectory}: services held in memory, registered by the
 * embedding code. Thread-safe; a later {@link #register} of the same id replaces the service.
 */
public final class InMemoryServiceDirectory implements ServiceDirectory {
  private final ConcurrentSkipListMap<ServiceId, Service> services = new ConcurrentSkipListMap<>();

  /** An empty directory. */
  public InMemoryServiceDirectory() {}

  /** A directory holding {@code services}. */
  public static InMemoryServiceDirectory of(Service... services) {
    InMemoryServiceDirectory directory = new InMemoryServiceDirectory();
    for (Service service : services) {
      directory.register(service);
    }
    return directory;
  }

  /** Adds or replaces a service. */
  public InMemoryServiceDirectory register(Service service) {
    services.put(service.id(), service);
    return this;
  }

  @Override
  public Either<CoexistError, Optional<Service>> find(ServiceId id) {
    return Either.right(Optional.ofNullable(services.get(id)));
  }

  @Override
  public Either<CoexistError, Seq<Service>> all() {
    return Either.right(List.ofAll(services.values()));
  }
}
