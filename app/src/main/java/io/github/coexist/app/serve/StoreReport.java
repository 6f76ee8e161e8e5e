package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.store.jdbc.JdbcStore;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /health} says about the store: its kind ({@code embedded}, {@code postgres} or
 * {@code memory}), the database, where it is (never with a password), its schema version, and
 * what it keeps durably.
 *
 * @param kind the {@code COEXIST_STORE} in use
 * @param database {@code sqlite} or {@code postgresql}; empty in memory
 * @param location the database's URL without its query; empty in memory
 * @param schemaVersion the schema version the database is at; empty in memory
 */
record StoreReport(String kind, Optional<String> database, Optional<String> location,
    Optional<String> schemaVersion) {

  /** What the store keeps across restarts. */
  static final List<String> DURABLE = List.of("changes with their votes, decisions and pending writes",
      "incidents", "problems", "requests", "surveys", "services registered", "KPI facts", "the inbox of signals",
      "the audit trail");

  /** The report on {@code settings}' store, opened as {@code store} (empty in memory). */
  static StoreReport of(StoreSettings settings, Optional<JdbcStore> store) {
    return new StoreReport(settings.kind(), store.map(JdbcStore::kind), store.map(JdbcStore::location),
        store.map(JdbcStore::schemaVersion));
  }

  /** Writes the report into {@code node}. */
  void into(ObjectNode node) {
    node.put("kind", kind);
    node.put("database", database.orElse(null));
    node.put("location", location.orElse(null));
    node.put("schemaVersion", schemaVersion.orElse(null));
    var durable = node.putArray("durable");
    if (database.isPresent()) {
      DURABLE.forEach(durable::add);
    }
  }
}
