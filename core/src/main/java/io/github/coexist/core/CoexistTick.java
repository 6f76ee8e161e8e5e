package io.github.coexist.core;

import io.github.coexist.core.gate.GateTick;
import java.time.Instant;
import java.util.Objects;

/**
 * What one {@link Coexist#tick()} did.
 *
 * @param at when it ran, by coexist's clock
 * @param gate what the change gate did: expiries, read-backs from the ITSM tool, freezes ending,
 *     retries, pipeline deadlines reached
 * @param slaBreached incidents with a breached SLA clock
 * @param incidentsBehind incidents whose ITSM record is still behind after the resync
 * @param problemsBehind problems whose ITSM record is still behind after the resync
 * @param signalsProcessed signals taken from the inbox and processed (with a store)
 * @param standby whether this instance stood by: another holds the lease, so this tick only
 *     applied what the holder committed and did none of the work above
 */
public record CoexistTick(Instant at, GateTick gate, int slaBreached, int incidentsBehind, int problemsBehind,
    int signalsProcessed, boolean standby) {
  public CoexistTick {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(gate, "gate");
  }

  /** A tick of an instance standing by, at {@code at}. */
  static CoexistTick standingBy(Instant at) {
    return new CoexistTick(at, new GateTick(0, 0, 0, 0, 0, 0, 0), 0, 0, 0, 0, true);
  }
}
