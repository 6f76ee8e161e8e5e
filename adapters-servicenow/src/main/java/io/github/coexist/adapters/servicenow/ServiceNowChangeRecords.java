package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeRecords} on ServiceNow's {@code change_request}.
 *
 * <p><b>Idempotency.</b> The idempotency key is the record's {@code correlation_id} (keys longer
 * than the field's 100 characters are replaced by a SHA-256 digest of themselves). {@link #ensure}
 * looks the key up by exact match first; more than one record with the key is a conflict, and
 * rows whose {@code correlation_id} is not exactly the key (ServiceNow ignoring part of a query)
 * are an error, never "take the first". Concurrent calls with one key in one process are
 * serialised, so they create one record.
 *
 * <p><b>States.</b> A change moves along its type's legal path one step at a time, asking {@code
 * nextstate} when the Change Management API is there; moving to the state it already has is a
 * success. The record is read back after every update, because ServiceNow can answer 200 to a
 * state change its business rules refused: a record that did not move is a {@code Conflict}.
 */
final class ServiceNowChangeRecords implements ChangeRecords {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceNowChangeRecords.class);
  static final String SYSTEM = CorrelatedTable.SYSTEM;
  private static final String FIELDS = Fields.list("sys_id", "number", "type", "state", "approval", "risk",
      "impact", "close_code", "close_notes", "correlation_id");
  private static final int MAX_STEPS = 12;
  /** How many records one batched read asks for in one query: its URL stays far below any limit. */
  static final int BATCH = 100;
  /** The model name of a standard change that names no template. */
  static final String GENERIC_STANDARD_MODEL = "standard";

  private final Instance instance;
  private final CorrelatedTable table;
  private final ChangePlacement placement;

  /** Changes on {@code instance}, assigned to {@code defaultGroup} when a service's owner has no group. */
  ServiceNowChangeRecords(Instance instance, References references, TableSchema services,
      Optional<String> defaultGroup) {
    this.instance = instance;
    this.table = new CorrelatedTable(instance, TableSchema.CHANGE_REQUEST, "change record", FIELDS);
    this.placement = new ChangePlacement(references, services, defaultGroup);
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Change change) {
    String correlationId = CorrelatedTable.correlationId(change.idempotencyKey());
    return table.locked(correlationId, () -> table.lookUp(correlationId).flatMap(found -> {
      if (found.isPresent()) {
        return Either.right(CorrelatedTable.key(found.get()));
      }
      return create(change, correlationId).flatMap(key -> change.state() == ChangeState.NEW
          ? Either.right(key)
          : bringInLine(key, change).map(recorded -> key));
    }));
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return table.find(key);
  }

  @Override
  public Either<CoexistError, RecordedChange> read(ExternalKey key) {
    return table.check(key).flatMap(k -> readRecord(key.id())).flatMap(ServiceNowChangeRecords::recorded);
  }

  /**
   * Reads the records in one Table API query per {@value #BATCH} keys ({@code sys_idIN...}), asking
   * only for the fields a read needs; the approval is the record's own {@code approval} field, so no
   * other table is read. A key that is no ServiceNow key, or whose record the query does not return
   * (deleted, or hidden by an ACL), is left out; so is a row the adapter cannot read, which is logged.
   */
  @Override
  public Either<CoexistError, Map<ExternalKey, RecordedChange>> readAll(Collection<ExternalKey> keys) {
    Map<String, ExternalKey> asked = new LinkedHashMap<>();
    for (ExternalKey key : keys) {
      table.check(key).forEach(k -> asked.putIfAbsent(k.id(), k));
    }
    Map<ExternalKey, RecordedChange> read = new LinkedHashMap<>();
    List<String> ids = List.copyOf(asked.keySet());
    for (int from = 0; from < ids.size(); from += BATCH) {
      Either<CoexistError, List<JsonNode>> rows = EncodedQuery.on(TableSchema.CHANGE_REQUEST)
          .in("sys_id", ids.subList(from, Math.min(ids.size(), from + BATCH))).orderBy("sys_id").build()
          .flatMap(query -> instance.findAll(TableSchema.CHANGE_REQUEST, query, FIELDS));
      if (rows.isLeft()) {
        return Either.left(rows.getLeft());
      }
      for (JsonNode row : rows.get()) {
        ExternalKey key = asked.get(Fields.text(row, "sys_id"));
        if (key != null) {
          recorded(row).peekLeft(e -> LOG.warn("ServiceNow change {} could not be read back: {}", key.display(),
              e.message())).forEach(recorded -> read.put(key, recorded));
        }
      }
    }
    return Either.right(read);
  }

  @Override
  public Either<CoexistError, RecordedChange> update(ExternalKey key, Change change) {
    Either<CoexistError, ExternalKey> checked = table.check(key);
    if (checked.isLeft()) {
      return Either.left(checked.getLeft());
    }
    return table.locked(key.id(), () -> bringInLine(key, change));
  }

  /** update() without the lock: ensure() calls it while it holds the key's lock. */
  private Either<CoexistError, RecordedChange> bringInLine(ExternalKey key, Change change) {
    if (change.state() == ChangeState.CLOSED && change.closeCode().isEmpty()) {
      return Either.left(CoexistError.invalid("closing ServiceNow change " + key.display() + " for "
          + change.id() + " needs a close code (successful, successful_issues or unsuccessful)"));
    }
    return readRecord(key.id())
        .flatMap(before -> setAttributes(key, before, change).flatMap(record -> walk(key, before, record, change)))
        .flatMap(ServiceNowChangeRecords::recorded);
  }

  // ---- ensure ----

  private Either<CoexistError, ExternalKey> create(Change change, String correlationId) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("short_description", CorrelatedTable.shorten(change.request().describe(), 160));
    body.put("description", ChangeText.description(change));
    body.put("correlation_id", correlationId);
    body.put("correlation_display",
        CorrelatedTable.shorten(change.idempotencyKey().value(), CorrelatedTable.CORRELATION_ID_LENGTH));
    body.put("risk", Codes.risk(change.risk().level()));
    body.put("impact", Codes.impact(Codes.impactOf(change.risk().level())));
    body.put("start_date", SnDates.format(change.plannedStart()));
    body.put("end_date", SnDates.format(change.plannedEnd()));
    Either<CoexistError, ObjectNode> placed = placement.place(change, body);
    if (placed.isLeft()) {
      return Either.left(placed.getLeft());
    }
    body.put("justification", ChangeText.justification(change));
    Either<CoexistError, JsonNode> created = instance.hasChangeApi().flatMap(api -> api
        ? createWithChangeApi(change, body)
        : createWithTableApi(change, body));
    return created.flatMap(record -> table.created(record, correlationId)).peek(key ->
        LOG.info("ServiceNow change {} created for {}", key.display(), change.id()));
  }

  private Either<CoexistError, JsonNode> createWithTableApi(Change change, ObjectNode body) {
    body.put("type", Codes.changeType(change.type()));
    return instance.create(TableSchema.CHANGE_REQUEST, body, FIELDS);
  }

  private Either<CoexistError, JsonNode> createWithChangeApi(Change change, ObjectNode body) {
    return switch (change.type()) {
      case NORMAL -> instance.changeApiCreate("/normal", body);
      case EMERGENCY -> instance.changeApiCreate("/emergency", body);
      // A standard change without a template name of its own is created like any other record.
      case STANDARD -> GENERIC_STANDARD_MODEL.equalsIgnoreCase(change.model().strip())
          ? createWithTableApi(change, body)
          : standardTemplate(change.model())
              .flatMap(template -> instance.changeApiCreate("/standard/" + template, body));
    };
  }

  private Either<CoexistError, String> standardTemplate(String name) {
    return EncodedQuery.on(TableSchema.STANDARD_TEMPLATE).equal("name", name).orderBy("name").build()
        .flatMap(instance::standardTemplates)
        .flatMap(rows -> {
          List<JsonNode> exact = rows.stream().filter(r -> name.equals(Fields.text(r, "name"))).toList();
          if (exact.isEmpty()) {
            return Either.left(CoexistError.invalid("ServiceNow has no standard change template named '"
                + name + "'"));
          }
          if (exact.size() > 1 || exact.size() != rows.size()) {
            return Either.left(new CoexistError.Conflict("ServiceNow has " + rows.size()
                + " standard change templates matching '" + name + "'; the name must be unique"));
          }
          return Either.right(Fields.text(exact.get(0), "sys_id"));
        });
  }

  // ---- update ----

  private Either<CoexistError, JsonNode> readRecord(String sysId) {
    return table.read(sysId);
  }

  /** Sets risk, impact, approval and close fields where they differ; verifies they took. */
  private Either<CoexistError, JsonNode> setAttributes(ExternalKey key, JsonNode record, Change change) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    CorrelatedTable.putIfDifferent(body, record, "risk", Codes.risk(change.risk().level()));
    CorrelatedTable.putIfDifferent(body, record, "impact", Codes.impact(Codes.impactOf(change.risk().level())));
    Optional<ApprovalStatus> approval = approvalOf(change.decision());
    if (change.closeCode().isPresent()) {
      CorrelatedTable.putIfDifferent(body, record, "close_code", Codes.closeCode(change.closeCode().get()));
      CorrelatedTable.putIfDifferent(body, record, "close_notes", closeNotes(change));
    }
    Either<CoexistError, JsonNode> current = Either.right(record);
    if (approval.isPresent() && !Codes.approval(approval.get()).equals(Fields.text(record, "approval"))) {
      current = approve(key, record, approval.get(), body);
    }
    if (current.isLeft()) {
      return current;
    }
    if (body.isEmpty()) {
      return current;
    }
    return table.patch(key, body)
        .flatMap(after -> {
          for (String field : List.of("risk", "impact", "close_code", "approval")) {
            if (body.has(field) && !body.get(field).asText().equals(Fields.text(after, field))) {
              return Either.left(new CoexistError.Conflict("ServiceNow answered 200 to setting " + field
                  + " of " + key.display() + " to '" + body.get(field).asText() + "' but kept '"
                  + Fields.text(after, field) + "'; a business rule or ACL refused it"));
            }
          }
          return Either.right(after);
        });
  }

  /**
   * Records coexist's final decision: through the Change Management API's approvals call when the
   * change waits for approval there, else by setting {@code approval} with the other fields.
   */
  private Either<CoexistError, JsonNode> approve(ExternalKey key, JsonNode record, ApprovalStatus approval,
      ObjectNode body) {
    boolean waiting = Codes.approval(ApprovalStatus.REQUESTED).equals(Fields.text(record, "approval"));
    if (waiting) {
      Either<CoexistError, Boolean> api = instance.hasChangeApi();
      if (api.isLeft()) {
        return Either.left(api.getLeft());
      }
      if (api.get()) {
        return instance.changeApiApprove(key.id(), Codes.approval(approval)).flatMap(r -> readRecord(key.id()));
      }
    }
    body.put("approval", Codes.approval(approval));
    return Either.right(record);
  }

  /** Moves the record step by step to the change's state, reading it back after each step. */
  private Either<CoexistError, JsonNode> walk(ExternalKey key, JsonNode before, JsonNode record, Change change) {
    ChangeState target = change.state();
    JsonNode current = record;
    for (int step = 0; step < MAX_STEPS; step++) {
      Either<CoexistError, ChangeState> state = Codes.changeState(Fields.text(current, "state"));
      if (state.isLeft()) {
        return Either.left(state.getLeft());
      }
      ChangeState from = state.get();
      if (from == target) {
        return Either.right(current);
      }
      // A type the adapter does not know (a customised model) is walked as the change's own type.
      ChangeType type = Codes.changeType(Fields.text(current, "type")).getOrElse(change.type());
      if (step == 0 && movedPast(type, Fields.text(before, "state"), from, target)) {
        // The instance itself moved the record beyond the target while this update set its
        // attributes (approving a change in Authorize schedules it): the caller sees where it is.
        return Either.right(current);
      }
      Either<CoexistError, ChangeState> next = nextStep(key, type, from, target);
      if (next.isLeft()) {
        return Either.left(next.getLeft());
      }
      Either<CoexistError, JsonNode> moved = move(key, from, next.get(), change);
      if (moved.isLeft()) {
        return moved;
      }
      current = moved.get();
    }
    return Either.left(new CoexistError.Conflict("ServiceNow change " + key.display() + " did not reach "
        + target + " within " + MAX_STEPS + " steps; the instance keeps moving it elsewhere"));
  }

  /** Whether the record went from behind (or at) the target to beyond it on the type's path. */
  private static boolean movedPast(ChangeType type, String beforeCode, ChangeState now, ChangeState target) {
    java.util.List<ChangeState> path = StateModel.path(type);
    ChangeState before = Codes.changeState(beforeCode).getOrElse(now);
    return path.contains(before) && path.contains(now) && path.contains(target)
        && path.indexOf(before) <= path.indexOf(target) && path.indexOf(now) > path.indexOf(target);
  }

  private Either<CoexistError, ChangeState> nextStep(ExternalKey key, ChangeType type, ChangeState from,
      ChangeState to) {
    Either<CoexistError, ChangeState> planned = StateModel.nextStep(type, from, to);
    if (planned.isLeft()) {
      return planned;
    }
    Either<CoexistError, Boolean> api = instance.hasChangeApi();
    if (api.isLeft()) {
      return Either.left(api.getLeft());
    }
    if (!api.get()) {
      return planned;
    }
    return instance.nextStates(key.id()).flatMap(available -> {
      if (available.contains(Codes.changeState(to))) {
        return Either.right(to);
      }
      if (available.contains(Codes.changeState(planned.get()))) {
        return planned;
      }
      return Either.left(StateModel.illegal(from, to, "ServiceNow allows only " + names(available)
          + " from " + from + " now"));
    });
  }

  private Either<CoexistError, JsonNode> move(ExternalKey key, ChangeState from, ChangeState to, Change change) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("state", Codes.changeState(to));
    if (to == ChangeState.CLOSED) {
      body.put("close_code", Codes.closeCode(change.closeCode().orElseThrow()));
      body.put("close_notes", closeNotes(change));
    }
    Either<CoexistError, JsonNode> sent = instance.hasChangeApi().flatMap(api -> api
        ? instance.changeApiUpdate(key.id(), body)
        : instance.update(TableSchema.CHANGE_REQUEST, key.id(), body, "change record", FIELDS));
    return sent.flatMap(answer -> readRecord(key.id())).flatMap(after -> {
      String state = Fields.text(after, "state");
      if (state.equals(Codes.changeState(from))) {
        return Either.left(new CoexistError.Conflict("ServiceNow answered 200 to moving " + key.display()
            + " from " + from + " to " + to + " but the record stayed in " + from
            + "; a business rule, data policy or the state model refused the move"));
      }
      LOG.debug("ServiceNow change {} moved from {} to {}", key.display(), from, state);
      return Either.right(after);
    });
  }

  // ---- helpers ----

  private static Optional<ApprovalStatus> approvalOf(Decision decision) {
    return switch (decision.outcome()) {
      case APPROVED -> Optional.of(ApprovalStatus.APPROVED);
      case REJECTED -> Optional.of(ApprovalStatus.REJECTED);
      case PENDING -> Optional.empty();
    };
  }

  private static String closeNotes(Change change) {
    return change.closeNotes().filter(n -> !n.isBlank())
        .orElseGet(() -> "Closed by coexist: " + describe(change.closeCode().orElse(CloseCode.SUCCESSFUL)));
  }

  private static String describe(CloseCode code) {
    return switch (code) {
      case SUCCESSFUL -> "implemented as planned";
      case SUCCESSFUL_WITH_ISSUES -> "implemented, with issues";
      case UNSUCCESSFUL -> "failed or rolled back";
    };
  }

  private static String names(Set<String> codes) {
    return codes.stream()
        .map(c -> Codes.changeState(c).map(Enum::name).getOrElse(c))
        .toList()
        .toString();
  }

  static Either<CoexistError, RecordedChange> recorded(JsonNode record) {
    String sysId = Fields.text(record, "sys_id");
    if (sysId.isBlank()) {
      return Either.left(new CoexistError.Unavailable("ServiceNow returned a change record without a sys_id"));
    }
    ExternalKey key = CorrelatedTable.key(record);
    return Codes.changeState(Fields.text(record, "state")).flatMap(state ->
        Codes.approval(Fields.text(record, "approval")).flatMap(approval ->
            Codes.closeCode(Fields.text(record, "close_code")).map(close ->
                new RecordedChange(key, state, approval, Codes.risk(Fields.text(record, "risk")), close))));
  }
}
