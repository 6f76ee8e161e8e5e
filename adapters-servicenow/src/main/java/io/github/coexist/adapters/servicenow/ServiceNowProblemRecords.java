package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.problem.RecordedProblem;
import io.github.coexist.core.problem.Resolution;
import io.vavr.control.Either;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProblemRecords} on ServiceNow's {@code problem}: created under the problem's record key in
 * {@code correlation_id}, with impact and urgency (the instance computes priority); a known error
 * is {@code known_error} with its root cause in {@code cause_notes} and its {@code workaround};
 * the fix goes to {@code fix_notes}; states 101 New, 102 Assess, 103 Root Cause Analysis, 104 Fix
 * in Progress, 106 Resolved, 107 Closed are walked along core's lifecycle; resolving records
 * {@code resolution_code} {@code fix_applied}, closing the problem's resolution (fix_applied,
 * risk_accepted, duplicate, canceled) and its notes.
 */
final class ServiceNowProblemRecords implements ProblemRecords {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceNowProblemRecords.class);
  private static final String FIELDS = Fields.list("sys_id", "number", "state", "impact", "urgency", "priority",
      "known_error", "workaround", "cause_notes", "fix_notes", "resolution_code", "correlation_id");

  private final CorrelatedTable table;
  private final References references;
  private final TableSchema services;
  private final StateWalk<ProblemState> walk;

  ServiceNowProblemRecords(Instance instance, References references, TableSchema services) {
    this.table = new CorrelatedTable(instance, TableSchema.PROBLEM, "problem record", FIELDS);
    this.references = references;
    this.services = services;
    this.walk = new StateWalk<>("problem", table, Codes::problemState, Codes::problemState, ProblemState::next);
  }

  @Override
  public String system() {
    return CorrelatedTable.SYSTEM;
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Problem problem) {
    String correlationId = CorrelatedTable.correlationId(problem.recordKey());
    return table.locked(correlationId, () -> table.lookUp(correlationId).flatMap(found -> found.isPresent()
        ? Either.right(CorrelatedTable.key(found.get()))
        : create(problem, correlationId)));
  }

  private Either<CoexistError, ExternalKey> create(Problem problem, String correlationId) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("short_description", CorrelatedTable.shorten(problem.title(), 160));
    body.put("description", description(problem));
    body.put("impact", Codes.impact(problem.impact()));
    body.put("urgency", Codes.urgency(problem.urgency()));
    body.put("correlation_id", correlationId);
    body.put("correlation_display", CorrelatedTable.shorten(problem.recordKey().value(),
        CorrelatedTable.CORRELATION_ID_LENGTH));
    Either<CoexistError, Optional<String>> ci = references.sysIdOf(services, problem.service().value());
    if (ci.isLeft()) {
      return Either.left(ci.getLeft());
    }
    ci.get().ifPresentOrElse(id -> body.put("cmdb_ci", id), () -> LOG.info(
        "ServiceNow has no CI named '{}'; problem {} is recorded without one", problem.service(), problem.id()));
    return table.create(body).peek(key ->
        LOG.info("ServiceNow problem {} created for {}", key.display(), problem.id()));
  }

  private static String description(Problem problem) {
    StringJoiner text = new StringJoiner("\n");
    text.add("Service: " + problem.service());
    problem.signature().ifPresent(signature -> text.add("Signature: " + signature));
    if (!problem.incidents().isEmpty()) {
      text.add("Incidents: " + String.join(", ", problem.incidents().stream().map(Object::toString).toList()));
    }
    text.add("Raised by: " + problem.openedBy());
    text.add("coexist problem " + problem.id());
    return text.toString();
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return table.find(key);
  }

  @Override
  public Either<CoexistError, RecordedProblem> read(ExternalKey key) {
    return table.check(key).flatMap(k -> table.read(key.id())).flatMap(ServiceNowProblemRecords::recorded);
  }

  @Override
  public Either<CoexistError, RecordedProblem> update(ExternalKey key, Problem problem) {
    if (problem.state() == ProblemState.CLOSED && problem.resolution().isEmpty()) {
      return Either.left(CoexistError.invalid("closing ServiceNow problem " + key.display() + " for "
          + problem.id() + " needs a resolution (fix_applied, risk_accepted, duplicate or canceled)"));
    }
    return table.check(key).flatMap(k -> table.locked(key.id(), () -> table.read(key.id())
        .flatMap(record -> setAttributes(key, record, problem))
        .flatMap(record -> walk.walk(key, record, problem.state(), (state, body) -> enter(state, body, problem)))
        .flatMap(ServiceNowProblemRecords::recorded)));
  }

  private Either<CoexistError, JsonNode> setAttributes(ExternalKey key, JsonNode record, Problem problem) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    CorrelatedTable.putIfDifferent(body, record, "impact", Codes.impact(problem.impact()));
    CorrelatedTable.putIfDifferent(body, record, "urgency", Codes.urgency(problem.urgency()));
    CorrelatedTable.putIfDifferent(body, record, "known_error", Boolean.toString(problem.knownError().isPresent()));
    problem.knownError().ifPresent(known -> {
      CorrelatedTable.putIfDifferent(body, record, "workaround", known.workaround());
      CorrelatedTable.putIfDifferent(body, record, "cause_notes", known.rootCause());
    });
    problem.fix().ifPresent(fix -> CorrelatedTable.putIfDifferent(body, record, "fix_notes", "coexist change " + fix));
    if (body.isEmpty()) {
      return Either.right(record);
    }
    return table.patch(key, body).flatMap(after -> {
      for (String field : List.of("impact", "urgency", "known_error", "workaround")) {
        if (body.has(field) && !body.get(field).asText().equals(Fields.text(after, field))) {
          return Either.left(new CoexistError.Conflict("ServiceNow answered 200 to setting " + field + " of "
              + key.display() + " to '" + body.get(field).asText() + "' but kept '" + Fields.text(after, field)
              + "'; a business rule or ACL refused it"));
        }
      }
      return Either.right(after);
    });
  }

  /** What entering {@code state} needs: a resolution code when resolving or closing, none when reopening. */
  private static void enter(ProblemState state, ObjectNode body, Problem problem) {
    switch (state) {
      case RESOLVED -> body.put("resolution_code", Codes.resolution(Resolution.FIX_APPLIED));
      case CLOSED -> body.put("resolution_code", Codes.resolution(problem.resolution().orElseThrow()))
          .put("close_notes", problem.resolutionNotes().filter(n -> !n.isBlank()).orElse("Closed by coexist"));
      case ROOT_CAUSE_ANALYSIS -> body.put("resolution_code", "");
      default -> { }
    }
  }

  static Either<CoexistError, RecordedProblem> recorded(JsonNode record) {
    ExternalKey key = CorrelatedTable.key(record);
    String workaround = Fields.text(record, "workaround");
    return Codes.problemState(Fields.text(record, "state")).flatMap(state ->
        Codes.priority(Fields.text(record, "priority")).flatMap(priority ->
            Codes.resolution(Fields.text(record, "resolution_code")).map(resolution ->
                new RecordedProblem(key, state, priority, "true".equals(Fields.text(record, "known_error")),
                    workaround.isBlank() ? Optional.empty() : Optional.of(workaround),
                    state == ProblemState.CLOSED ? resolution : Optional.empty()))));
  }
}
