package io.github.coexist.core.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Something people can ask for in the self-service catalog: the fields it asks, whether it needs
 * approval and by whom, and the fulfilment tasks each approved request creates.
 */
@Value.Immutable
public abstract class CatalogItem {

  /** The item's id. */
  public abstract CatalogItemId id();

  /** Its name in the catalog, such as "New staging environment". */
  public abstract String name();

  /** What it gives the requester. */
  @Value.Default
  public String description() {
    return "";
  }

  /** The fields a request must or may fill in, in the order they are asked. */
  public abstract List<FieldSpec> fields();

  /** Who approves requests; {@link Approval#none()} unless set. */
  @Value.Default
  public Approval approval() {
    return Approval.none();
  }

  /** The tasks fulfilment creates, in order. */
  public abstract List<TaskTemplate> tasks();

  @Value.Check
  void check() {
    Objects.requireNonNull(id(), "id");
    Objects.requireNonNull(name(), "name");
    if (name().isBlank()) {
      throw new IllegalStateException("catalog item " + id() + " needs a name");
    }
    Set<String> names = new HashSet<>();
    for (FieldSpec field : fields()) {
      if (!names.add(field.name())) {
        throw new IllegalStateException("catalog item " + id() + " asks for field " + field.name() + " twice");
      }
    }
    Set<String> taskNames = new HashSet<>();
    for (TaskTemplate task : tasks()) {
      if (!taskNames.add(task.name())) {
        throw new IllegalStateException("catalog item " + id() + " has task " + task.name() + " twice");
      }
    }
  }

  /**
   * A builder; {@code id} and {@code name} are required: {@code build()} throws {@link IllegalStateException} naming every
   * one left out, and a {@code null} argument throws {@link NullPointerException} naming it.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CatalogItem}. */
  public static final class Builder extends ImmutableCatalogItem.Builder {}
}
