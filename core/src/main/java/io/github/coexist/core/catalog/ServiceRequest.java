package io.github.coexist.core.catalog;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import org.immutables.value.Value;

/** A request for a catalog item: one immutable snapshot, a new one for every command. */
@Value.Immutable
public abstract class ServiceRequest {

  /** coexist's own id of the request. */
  public abstract RequestId id();

  /** The item as it was when the request was submitted. */
  public abstract CatalogItem item();

  /** Who asked. */
  public abstract Actor requester();

  /** The requester's answers, by field name, validated against the item's fields. */
  @Value.NaturalOrder
  public abstract SortedMap<String, String> answers();

  /** Where the request is in its lifecycle. */
  public abstract RequestState state();

  /** The fulfilment tasks, once fulfilment started. */
  public abstract List<FulfilmentTask> tasks();

  /** When it was submitted. */
  public abstract Instant submittedAt();

  /** Who approved it, once approved. */
  public abstract Optional<Actor> approvedBy();

  /** When it was approved, once approved. */
  public abstract Optional<Instant> approvedAt();

  /** Why it was rejected or canceled, if it was. */
  public abstract Optional<String> reason();

  /** When it was fulfilled, once fulfilled. */
  public abstract Optional<Instant> fulfilledAt();

  /** When it reached a final state other than fulfilled. */
  public abstract Optional<Instant> endedAt();

  /** Everything that happened to it, oldest first. */
  public abstract List<RequestActivity> activity();

  /** When it last changed. */
  public abstract Instant updatedAt();

  /** The tasks not yet done. */
  public List<FulfilmentTask> openTasks() {
    return tasks().stream().filter(t -> !t.isDone()).toList();
  }

  @Value.Check
  void check() {
    Objects.requireNonNull(id(), "id");
    Objects.requireNonNull(item(), "item");
    Objects.requireNonNull(requester(), "requester");
    Objects.requireNonNull(state(), "state");
    Objects.requireNonNull(submittedAt(), "submittedAt");
    Objects.requireNonNull(updatedAt(), "updatedAt");
  }

  /**
   * A builder; every attribute that is not optional or a collection is required: {@code build()} throws {@link IllegalStateException} naming every
   * one left out, and a {@code null} argument throws {@link NullPointerException} naming it.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ServiceRequest}. */
  public static final class Builder extends ImmutableServiceRequest.Builder {}
}
