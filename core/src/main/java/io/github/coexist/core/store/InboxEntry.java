package io.github.coexist.core.store;

import io.github.coexist.core.signal.Signal;
import java.time.Instant;
import java.util.Objects;

/**
 * A signal kept in the {@link Inbox}.
 *
 * @param sequence its place in the inbox, growing, unique across instances
 * @param deliveryKey the source's delivery id, prefixed by the source
 * @param signal what was received
 * @param receivedAt when it was received
 */
public record InboxEntry(long sequence, String deliveryKey, Signal signal, Instant receivedAt) {
  public InboxEntry {
    Objects.requireNonNull(deliveryKey, "deliveryKey");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
