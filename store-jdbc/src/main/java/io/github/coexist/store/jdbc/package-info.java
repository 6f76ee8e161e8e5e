/**
 * Durable state for coexist over JDBC: an embedded SQLite file by default, PostgreSQL when
 * several instances share one database. {@link io.github.coexist.store.jdbc.JdbcStore} is the
 * entry point; the schema is migrated by Flyway when a store opens. It hands out:
 *
 * <ul>
 *   <li>{@code stateStore(clock)}: core's {@code StateStore} (with its {@code Inbox} and
 *       {@code Lease}). Records are kept as JSON, one row per kind and key, each stamped with the
 *       revision of the commit that last wrote it; a commit is one transaction fenced by the lease
 *       token and serialised on a one-row revision counter, so revisions follow commit order across
 *       instances. The JSON is derived from core's declared types (records, Immutables values,
 *       sealed types by their cases' simple names), names no class, and is read back through each
 *       value's public constructor or builder.
 *   <li>{@code auditStore()}: core's {@code AuditStore}, the hash-chained trail.
 *   <li>{@code deliveryIds(clock)}: adapters-http's {@code DeliveryIds}, webhook delivery ids
 *       remembered for a retention.
 * </ul>
 *
 * <p>The embedded file commits in WAL mode with {@code synchronous=FULL}: a commit that returned
 * survives the process being killed and the machine losing power; each write transaction begins
 * immediate, so writers queue on the file's lock instead of failing.
 */
package io.github.coexist.store.jdbc;
