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
 */
public record CoexistTick(Instant at, GateTick gate, int slaBreached, int incidentsBehind, int problemsBehind) {
  public CoexistTick {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(gate, "gate");
  }
}
