/**
 * The change gate: one call takes a deployment request and answers approved, rejected, or
 * pending with what it waits for, creating or reusing the change record. It gathers the risk
 * context, applies the {@link io.github.coexist.core.change.ApprovalPolicy}, records every
 * decision and transition in the audit trail, mirrors the change to the ITSM tool, and tells the
 * pipeline. Later decisions (votes, expiry, the ITSM tool, the end of a freeze) and the
 * deployment's outcome move the change on. Start at {@link io.github.coexist.core.gate.ChangeGate}.
 */
package io.github.coexist.core.gate;
