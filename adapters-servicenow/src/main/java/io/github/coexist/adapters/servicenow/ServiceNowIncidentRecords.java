package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.CausedBy;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.RecordedIncident;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IncidentRecords} on ServiceNow's {@code incident}: created under the incident's record
 * key in {@code correlation_id} (looked up by exact match first, one record per key also under
 * concurrency), with impact and urgency (the instance computes priority), the service's CI and
 * the assignment group when the instance knows them (an incident is recorded even for a service
 * the CMDB lacks), the major-incident flag ({@code major_incident_state} {@code accepted}) and
 * {@code caused_by} pointing at the change, {@code problem_id} pointing at its problem (with a work
 * note giving the known error's workaround, written once when the link is set). States 1 New, 2 In Progress, 3 On Hold, 6 Resolved,
 * 7 Closed, 8 Canceled are walked along core's lifecycle, each step read back.
 */
final class ServiceNowIncidentRecords implements IncidentRecords {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceNowIncidentRecords.class);
  private static final String FIELDS = Fields.list("sys_id", "number", "state", "impact", "urgency", "priority",
      "major_incident_state", "caused_by", "caused_by.number", "correlation_id", "hold_reason", "close_code",
      "problem_id", "problem_id.number");
  static final String MAJOR = "accepted";
  static final String RESOLVED_CODE = "Solved (Permanently)";

  private final CorrelatedTable table;
  private final References references;
  private final TableSchema services;
  private final StateWalk<IncidentState> walk;

  ServiceNowIncidentRecords(Instance instance, References references, TableSchema services) {
    this.table = new CorrelatedTable(instance, TableSchema.INCIDENT, "incident record", FIELDS);
    this.references = references;
    this.services = services;
    this.walk = new StateWalk<>("incident", table, Codes::incidentState, Codes::incidentState, IncidentState::next);
  }

  @Override
  public String system() {
    return CorrelatedTable.SYSTEM;
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Incident incident) {
    String correlationId = CorrelatedTable.correlationId(incident.recordKey());
    return table.locked(correlationId, () -> table.lookUp(correlationId).flatMap(found -> found.isPresent()
        ? Either.right(CorrelatedTable.key(found.get()))
        : create(incident, correlationId)));
  }

  private Either<CoexistError, ExternalKey> create(Incident incident, String correlationId) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("short_description", CorrelatedTable.shorten(incident.title(), 160));
    body.put("description", description(incident));
    body.put("impact", Codes.impact(incident.impact()));
    body.put("urgency", Codes.urgency(incident.urgency()));
    body.put("correlation_id", correlationId);
    body.put("correlation_display", CorrelatedTable.shorten(incident.recordKey().value(),
        CorrelatedTable.CORRELATION_ID_LENGTH));
    body.put("opened_at", SnDates.format(incident.openedAt()));
    Either<CoexistError, Optional<String>> ci = references.sysIdOf(services, incident.service().value());
    if (ci.isLeft()) {
      return Either.left(ci.getLeft());
    }
    ci.get().ifPresentOrElse(id -> body.put("cmdb_ci", id), () -> LOG.info(
        "ServiceNow has no CI named '{}'; incident {} is recorded without one", incident.service(), incident.id()));
    if (incident.assignmentGroup().isPresent()) {
      String name = incident.assignmentGroup().get().value();
      Either<CoexistError, Optional<String>> group = references.sysIdOf(TableSchema.SYS_USER_GROUP, name);
      if (group.isLeft()) {
        return Either.left(group.getLeft());
      }
      group.get().ifPresentOrElse(id -> body.put("assignment_group", id), () -> LOG.warn(
          "ServiceNow has no group named '{}'; incident {} is recorded unassigned", name, incident.id()));
    }
    return table.create(body).peek(key ->
        LOG.info("ServiceNow incident {} created for {}", key.display(), incident.id()));
  }

  private static String description(Incident incident) {
    StringJoiner text = new StringJoiner("\n");
    incident.description().ifPresent(text::add);
    text.add("Service: " + incident.service());
    text.add("Signature: " + incident.signature());
    text.add("Opened by: " + incident.openedBy());
    text.add("coexist incident " + incident.id());
    return text.toString();
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return table.find(key);
  }

  @Override
  public Either<CoexistError, RecordedIncident> read(ExternalKey key) {
    return table.check(key).flatMap(k -> table.read(key.id())).flatMap(ServiceNowIncidentRecords::recorded);
  }

  @Override
  public Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident) {
    Either<CoexistError, Optional<String>> cause = causeSysId(incident.causedBy());
    if (cause.isLeft()) {
      return Either.left(cause.getLeft());
    }
    return table.check(key).flatMap(k -> table.locked(key.id(), () -> table.read(key.id())
        .flatMap(record -> setAttributes(key, record, incident, cause.get()))
        .flatMap(record -> walk.walk(key, record, incident.state(), (state, body) -> enter(state, body, incident)))
        .flatMap(ServiceNowIncidentRecords::recorded)));
  }

  private static Either<CoexistError, Optional<String>> causeSysId(Optional<CausedBy> cause) {
    Optional<ExternalKey> record = cause.flatMap(CausedBy::changeRecord);
    if (record.isPresent() && !CorrelatedTable.SYSTEM.equals(record.get().system())) {
      return Either.left(CoexistError.invalid("the change that caused the incident is kept in "
          + record.get().system() + ", not ServiceNow; caused_by can only point at a ServiceNow change"));
    }
    return Either.right(record.map(ExternalKey::id));
  }

  private Either<CoexistError, JsonNode> setAttributes(ExternalKey key, JsonNode record, Incident incident,
      Optional<String> cause) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    CorrelatedTable.putIfDifferent(body, record, "impact", Codes.impact(incident.impact()));
    CorrelatedTable.putIfDifferent(body, record, "urgency", Codes.urgency(incident.urgency()));
    String major = Fields.text(record, "major_incident_state");
    if (incident.major() && !MAJOR.equals(major)) {
      body.put("major_incident_state", MAJOR);
    } else if (!incident.major() && MAJOR.equals(major)) {
      body.put("major_incident_state", "canceled");
    }
    cause.ifPresent(id -> CorrelatedTable.putIfDifferent(body, record, "caused_by", id));
    problemLink(body, record, incident);
    if (body.isEmpty()) {
      return Either.right(record);
    }
    return table.patch(key, body).flatMap(after -> {
      for (String field : List.of("impact", "urgency", "major_incident_state", "caused_by", "problem_id")) {
        if (body.has(field) && !body.get(field).asText().equals(Fields.text(after, field))) {
          return Either.left(new CoexistError.Conflict("ServiceNow answered 200 to setting " + field + " of "
              + key.display() + " to '" + body.get(field).asText() + "' but kept '" + Fields.text(after, field)
              + "'; a business rule or ACL refused it"));
        }
      }
      return Either.right(after);
    });
  }

  /**
   * Points {@code problem_id} at the incident's problem when the instance holds it, with a work
   * note saying so and giving the known error's workaround: the note is written in the same
   * update that sets the link, so a repeated update (same link) writes no second note.
   */
  private static void problemLink(ObjectNode body, JsonNode record, Incident incident) {
    incident.problem().ifPresent(link -> link.record().filter(r -> CorrelatedTable.SYSTEM.equals(r.system()))
        .filter(problem -> !problem.id().equals(Fields.text(record, "problem_id")))
        .ifPresent(problem -> body.put("problem_id", problem.id()).put("work_notes", link.note())));
  }

  /** What entering {@code state} needs besides the state: a hold reason, a close code and notes. */
  private static void enter(IncidentState state, ObjectNode body, Incident incident) {
    switch (state) {
      case ON_HOLD -> body.put("hold_reason", Codes.holdReason(incident.holdReason()));
      case RESOLVED -> body.put("close_code", RESOLVED_CODE)
          .put("close_notes", incident.resolution().filter(r -> !r.isBlank()).orElse("Resolved by coexist"));
      case CANCELED -> body.put("close_notes", incident.resolution().filter(r -> !r.isBlank())
          .orElse("Canceled by coexist"));
      default -> { }
    }
  }

  @Override
  public boolean linksProblems() {
    return true;
  }

  static Either<CoexistError, RecordedIncident> recorded(JsonNode record) {
    ExternalKey key = CorrelatedTable.key(record);
    Optional<ExternalKey> causedBy = reference(record, "caused_by");
    Optional<ExternalKey> problem = reference(record, "problem_id");
    return Codes.incidentState(Fields.text(record, "state")).flatMap(state ->
        Codes.impact(Fields.text(record, "impact")).flatMap(impact ->
            Codes.urgency(Fields.text(record, "urgency")).flatMap(urgency ->
                Codes.priority(Fields.text(record, "priority")).map(priority ->
                    new RecordedIncident(key, state, impact, urgency, priority,
                        MAJOR.equals(Fields.text(record, "major_incident_state")), causedBy, problem)))));
  }

  /** The record a reference field points at, named by its number when the instance gave it. */
  private static Optional<ExternalKey> reference(JsonNode record, String field) {
    String id = Fields.text(record, field);
    String number = Fields.text(record, field + ".number");
    return id.isBlank() ? Optional.empty()
        : Optional.of(new ExternalKey(CorrelatedTable.SYSTEM, id, number.isBlank() ? id : number));
  }
}
