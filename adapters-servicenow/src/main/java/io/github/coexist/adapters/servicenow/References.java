package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves names to sys_ids for reference fields ({@code assignment_group}, {@code cmdb_ci}):
 * ServiceNow stores references as sys_ids, and a name written into one would not link. A name
 * must match exactly one record; two records with one name are a conflict, never "take the
 * first". Found sys_ids are remembered (they never change); misses are asked again next time.
 */
final class References {
  private final Instance instance;
  private final ConcurrentHashMap<String, String> known = new ConcurrentHashMap<>();

  References(Instance instance) {
    this.instance = instance;
  }

  /** The sys_id of the one {@code table} record whose {@code name} is exactly {@code name}. */
  Either<CoexistError, Optional<String>> sysIdOf(TableSchema table, String name) {
    String cacheKey = table.name() + "\u0000" + name;
    String cached = known.get(cacheKey);
    if (cached != null) {
      return Either.right(Optional.of(cached));
    }
    Either<CoexistError, String> query = EncodedQuery.on(table).equal("name", name).orderBy("sys_id").build();
    if (query.isLeft()) {
      return Either.left(query.getLeft());
    }
    return instance.findAll(table, query.get(), Fields.list("sys_id", "name")).flatMap(rows -> {
      List<JsonNode> exact = rows.stream().filter(r -> name.equals(Fields.text(r, "name"))).toList();
      if (exact.size() != rows.size()) {
        return Either.left(new CoexistError.Conflict("ServiceNow answered a lookup of " + table.name()
            + " named '" + name + "' with rows of other names; the query was not applied as written"));
      }
      if (exact.size() > 1) {
        return Either.left(new CoexistError.Conflict(exact.size() + " " + table.name()
            + " records are named '" + name + "'; rename one so the name is unique"));
      }
      if (exact.isEmpty()) {
        return Either.right(Optional.empty());
      }
      String sysId = Fields.text(exact.get(0), "sys_id");
      known.put(cacheKey, sysId);
      return Either.right(Optional.of(sysId));
    });
  }
}
