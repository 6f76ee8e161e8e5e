/**
 * Audit readiness: the hash-chained {@link io.github.coexist.core.audit.AuditTrail} of every
 * decision and transition, and the {@link io.github.coexist.core.audit.AuditStore} port that keeps
 * its entries.
 */
@NullMarked
package io.github.coexist.core.audit;

import org.jspecify.annotations.NullMarked;
