/**
 * The change gate: one call takes a deployment request and answers approved, rejected, or
 * pending with what it waits for, creating or reusing the change record. It gathers the risk
 * context, applies the {@link io.github.coexist.core.change.ApprovalPolicy}, records every
 * decision and transition in the audit trail, mirrors the change to the ITSM tool, and tells the
 * pipeline. Later decisions (votes, expiry, the ITSM tool, the end of a freeze) and the
 * deployment's outcome move the change on. The writes a move owes the ITSM tool and the pipeline
 * are part of the change's state, kept before they are delivered; each state goes to a keeper as a
 * {@link io.github.coexist.core.gate.GateRecord}, from which a gate is restored after a restart.
 * Start at {@link io.github.coexist.core.gate.ChangeGate}.
 */
@NullMarked
package io.github.coexist.core.gate;

import org.jspecify.annotations.NullMarked;
