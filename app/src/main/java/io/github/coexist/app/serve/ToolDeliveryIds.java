package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * One tool's delivery ids in a ledger the tools share (the store's one table): each id is kept as
 * {@code tool:id}, so GitHub's and Jira's ids can never be taken for each other's. Thread-safe as
 * the shared ledger is.
 */
final class ToolDeliveryIds implements DeliveryIds {
  private final String prefix;
  private final DeliveryIds shared;

  private ToolDeliveryIds(String prefix, DeliveryIds shared) {
    this.prefix = prefix;
    this.shared = shared;
  }

  /** {@code tool}'s ids in {@code shared}. */
  static DeliveryIds of(String tool, DeliveryIds shared) {
    return new ToolDeliveryIds(Objects.requireNonNull(tool, "tool") + ":", Objects.requireNonNull(shared, "shared"));
  }

  @Override
  public Either<CoexistError, Boolean> claim(String id) {
    return blank(id) ? shared.claim(id) : shared.claim(prefix + id);
  }

  @Override
  public Either<CoexistError, Done> release(String id) {
    return blank(id) ? shared.release(id) : shared.release(prefix + id);
  }

  /** A blank id goes through as it is, so the shared ledger refuses it as blank. */
  private static boolean blank(String id) {
    return id == null || id.isBlank();
  }
}
