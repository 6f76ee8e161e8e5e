/**
 * Durable state: the ports through which coexist keeps what it knows, so that a restart, a
 * crash or a second instance finds it again.
 *
 * <ul>
 *   <li>{@link StateStore}: the records the application keeps (changes with their votes,
 *       decisions and pending writes; incidents and problems with theirs, the incidents counted
 *       towards a problem, requests, surveys, services, postmortems; KPI facts), written a {@link Batch} at a time, atomically, and read back at start-up (or by a
 *       standby, since a revision); blocks of fresh numbers for ids.
 *   <li>{@link Inbox}: every signal accepted from outside is kept before it is acknowledged; its
 *       entry is marked done in the same batch as the state its processing produced, so a crash
 *       between the two processes it again, and processing is idempotent.
 *   <li>{@link Lease}: with several instances on one database, the one that holds the lease
 *       processes the inbox, runs {@code tick()} and delivers pending writes; the others keep
 *       accepting signals. A commit carries the holder's fencing token, so an instance that lost
 *       the lease cannot write over its successor.
 * </ul>
 *
 * <p>The outbox is not a separate table: a record's pending writes (the answer a pipeline is
 * owed, the snapshot an ITSM tool has not taken yet) are part of the record, written in the same
 * batch as the state change that causes them, and delivered by the lease holder's ticks until the
 * tool takes them. The audit trail keeps its own port, {@link io.github.coexist.core.audit.AuditStore};
 * the store holds one ({@link StateStore#audit()}) and a {@link Batch} appends to it in the same
 * commit as the state the entries record. An inbox entry that cannot be processed is set aside as
 * a dead letter; records that no longer matter are deleted by a batch.
 *
 * <p>Implementations ship in {@code coexist-store-jdbc} (an embedded file, or PostgreSQL) and in
 * core for memory; each passes {@code StateStoreCompatibilityKit} from coexist-testkit.
 */
@NullMarked
package io.github.coexist.core.store;

import org.jspecify.annotations.NullMarked;
