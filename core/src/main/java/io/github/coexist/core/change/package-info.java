/**
 * Change enablement: change types, models and lifecycle, decisions, and the ports that record
 * changes in the ITSM tool ({@link io.github.coexist.core.change.ChangeRecords}) and answer the
 * pipeline ({@link io.github.coexist.core.change.GateReplies}).
 */
@ValueStyle
@NullMarked
package io.github.coexist.core.change;

import org.jspecify.annotations.NullMarked;

import io.github.coexist.core.internal.style.ValueStyle;
