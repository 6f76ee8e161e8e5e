/**
 * Not API: may change in any release. How audit inputs are collected and held: {@link
 * io.github.coexist.core.internal.audit.AuditInputs} (the change gate's collector of a decision's
 * inputs) and {@link io.github.coexist.core.internal.audit.FrozenInputs} (the immutable sorted map
 * every {@code AuditEvent} and {@code AuditEntry} holds). Embedders pass a plain {@code Map} to
 * {@code io.github.coexist.core.audit.AuditEvent}; they never name these types.
 */
@NullMarked
package io.github.coexist.core.internal.audit;

import org.jspecify.annotations.NullMarked;
