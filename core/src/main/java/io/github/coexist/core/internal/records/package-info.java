/**
 * Not API: may change in any release. The record-keeping engine the desks share (incidents, problems, catalog requests,
 * surveys); embedders use the desks, never these types.
 *
 * <p>One command runs as one {@link io.github.coexist.core.internal.records.RecordBook#write
 * write}: validate and commit under the book's lock (audit first, then store and index, events
 * queued in commit order); then, outside the lock, mirror the touched records to the ITSM tool
 * and deliver the events. A slow tool or listener therefore never holds up another command.
 */
@NullMarked
package io.github.coexist.core.internal.records;

import org.jspecify.annotations.NullMarked;
