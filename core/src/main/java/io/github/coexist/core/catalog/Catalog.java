package io.github.coexist.core.catalog;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** The catalog of items people can request. Thread-safe; registering an id again replaces the item. */
public final class Catalog {
  private final ConcurrentSkipListMap<CatalogItemId, CatalogItem> items = new ConcurrentSkipListMap<>();

  /** An empty catalog. */
  public Catalog() {}

  /** A catalog holding {@code items}. */
  public static Catalog of(CatalogItem... items) {
    Catalog catalog = new Catalog();
    for (CatalogItem item : items) {
      catalog.register(item);
    }
    return catalog;
  }

  /** Adds or replaces an item. Requests already submitted keep the item as it was. */
  public Catalog register(CatalogItem item) {
    items.put(item.id(), item);
    return this;
  }

  /** The item with this id, or {@link CoexistError.NotFound}. */
  public Either<CoexistError, CatalogItem> item(CatalogItemId id) {
    CatalogItem item = items.get(id);
    return item == null ? Either.left(new CoexistError.NotFound("catalog item", id.value())) : Either.right(item);
  }

  /** Every item, by id. */
  public List<CatalogItem> items() {
    return List.copyOf(items.values());
  }
}
