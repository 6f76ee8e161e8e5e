package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One task table ({@code change_request}, {@code incident}, {@code problem}) whose records coexist
 * creates under an idempotency key kept in {@code correlation_id}: the exact-match lookup, the
 * per-key serialisation that makes concurrent creates in one process create one record, reads and
 * writes of one record, and ServiceNow keys. Thread-safe.
 */
final class CorrelatedTable {
  static final String SYSTEM = "servicenow";
  static final int CORRELATION_ID_LENGTH = 100;

  private final Instance instance;
  private final TableSchema table;
  private final String what;
  private final String fields;
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  /**
   * @param what the record in words for errors ({@code change record})
   * @param fields the fields every read asks for; must include sys_id, number and correlation_id
   */
  CorrelatedTable(Instance instance, TableSchema table, String what, String fields) {
    this.instance = instance;
    this.table = table;
    this.what = what;
    this.fields = fields;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  Instance instance() {
    return instance;
  }

  TableSchema table() {
    return table;
  }

  String fields() {
    return fields;
  }

  /**
   * The record carrying {@code correlationId}, if exactly one does. Rows carrying another id (the
   * instance did not apply the query as written) and several rows with the id are conflicts.
   */
  Either<CoexistError, Optional<JsonNode>> lookUp(String correlationId) {
    return EncodedQuery.on(table)
        .equal("correlation_id", correlationId)
        .orderBy("sys_created_on")
        .build()
        .flatMap(query -> instance.findAll(table, query, fields))
        .flatMap(rows -> {
          List<JsonNode> exact = rows.stream()
              .filter(r -> correlationId.equals(Fields.text(r, "correlation_id")))
              .toList();
          if (exact.size() != rows.size()) {
            return Either.left(new CoexistError.Conflict("ServiceNow answered the lookup of correlation id '"
                + correlationId + "' in " + table.name() + " with " + (rows.size() - exact.size())
                + " records carrying another id; the instance did not apply the query as written "
                + "(check glide.invalid_query.returns_no_rows and field ACLs)"));
          }
          if (exact.size() > 1) {
            return Either.left(new CoexistError.Conflict(exact.size() + " ServiceNow " + table.name() + " records ("
                + String.join(", ", exact.stream().map(r -> Fields.text(r, "number")).toList())
                + ") carry correlation id '" + correlationId + "'; cancel all but one"));
          }
          return Either.right(exact.stream().findFirst());
        });
  }

  /** The key of the record carrying {@code key}, if there is one. */
  Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return lookUp(correlationId(key)).map(found -> found.map(CorrelatedTable::key));
  }

  /** Creates a record with the Table API and checks that it kept its correlation id. */
  Either<CoexistError, ExternalKey> create(ObjectNode body) {
    return instance.create(table, body, fields).flatMap(record -> created(record, body.path("correlation_id").asText()));
  }

  /** The key of a record just created, once it is sure to carry {@code correlationId}. */
  Either<CoexistError, ExternalKey> created(JsonNode record, String correlationId) {
    String echoed = Fields.text(record, "correlation_id");
    if (!echoed.isEmpty() && !correlationId.equals(echoed)) {
      return Either.left(new CoexistError.Conflict("ServiceNow stored correlation id '" + echoed
          + "' instead of '" + correlationId + "' in " + table.name() + "; a business rule rewrites it"));
    }
    if (Fields.text(record, "sys_id").isBlank()) {
      return Either.left(new CoexistError.Unavailable("ServiceNow created a " + what + " but did not return its sys_id"));
    }
    return Either.right(key(record));
  }

  /** The record {@code sysId}; {@code NotFound} when it does not exist or ACLs hide it. */
  Either<CoexistError, JsonNode> read(String sysId) {
    return instance.get(table, sysId, what, fields);
  }

  /** Sets {@code body} on the record and reads it back (an answer of 200 proves nothing). */
  Either<CoexistError, JsonNode> patch(ExternalKey key, ObjectNode body) {
    return instance.update(table, key.id(), body, what, fields).flatMap(answer -> read(key.id()));
  }

  /** Runs {@code action} while no other call of this process holds {@code key}. */
  <T> T locked(String key, Supplier<T> action) {
    ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), stripes.length)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code key} when it is a ServiceNow key; an id that no record can have is {@code NotFound} and
   * is never sent, so it cannot reach another path of the API.
   */
  Either<CoexistError, ExternalKey> check(ExternalKey key) {
    if (!SYSTEM.equals(key.system())) {
      return Either.left(CoexistError.invalid("key " + key + " is not a ServiceNow key"));
    }
    if (!key.id().matches("[0-9A-Za-z_-]{1,64}")) {
      return Either.left(new CoexistError.NotFound(what, key.id()));
    }
    return Either.right(key);
  }

  /** The key of a record: its sys_id, shown as its number. */
  static ExternalKey key(JsonNode record) {
    String sysId = Fields.text(record, "sys_id");
    String number = Fields.text(record, "number");
    return new ExternalKey(SYSTEM, sysId, number.isBlank() ? sysId : number);
  }

  /**
   * The {@code correlation_id} for an idempotency key: the key itself when it fits the field's 100
   * characters, else {@code coexist:sha256:} and the key's SHA-256 digest (still one per key).
   */
  static String correlationId(IdempotencyKey key) {
    String value = key.value();
    if (value.length() <= CORRELATION_ID_LENGTH) {
      return value;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return "coexist:sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** {@code text} cut to {@code max} characters. */
  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Puts {@code value} into {@code body} when the record holds something else. */
  static void putIfDifferent(ObjectNode body, JsonNode record, String field, String value) {
    if (!value.equals(Fields.text(record, field))) {
      body.put(field, value);
    }
  }
}
