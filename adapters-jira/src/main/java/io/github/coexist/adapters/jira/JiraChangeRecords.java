package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.adapters.jira.JiraConfig.ChangeField;
import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeRecords} on Jira Service Management: a change is an issue of the change issue type
 * with its change type, risk, planned window and affected services in the site's own custom
 * fields, a description in Atlassian Document Format, a label and an issue property holding the
 * idempotency key. Creation looks up before it creates and is serialised per key in this process;
 * after a create whose answer was lost it waits out Jira's search lag ({@link SettledLookup})
 * before anything creates that key again;
 * updates are serialised per issue (Jira limits writes per issue). Thread-safe.
 */
final class JiraChangeRecords implements ChangeRecords {
  private static final Logger LOG = LoggerFactory.getLogger(JiraChangeRecords.class);
  private static final int SUMMARY_MAX = 255;
  /** How many issues one bulk fetch asks for: Jira's limit for every request shape. */
  static final int BATCH = 100;
  private final JiraHttp http;
  private final JiraSettings settings;
  private final Supplier<Either<CoexistError, ChangeFields>> fields;
  private final KeyIndex index;
  private final SettledLookup settled;
  private final ApprovalReading approvals;
  private final Workflow workflow;
  private final KeyedLocks locks = new KeyedLocks();

  JiraChangeRecords(JiraHttp http, JiraSettings settings, Supplier<Either<CoexistError, ChangeFields>> fields,
      KeyIndex index, RemoteClient.Sleeper sleeper) {
    this.http = http;
    this.settings = settings;
    this.fields = fields;
    this.index = index;
    this.settled = new SettledLookup(KeyLookup.changes(http, settings, index), settings.settleTime, sleeper);
    Approvals requests = new Approvals(http);
    this.approvals = new ApprovalReading(requests, settings);
    this.workflow = new Workflow(new Transitions(http), settings, requests);
  }

  @Override
  public String system() {
    return "jira";
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Change change) {
    IdempotencyKey key = change.idempotencyKey();
    return fields.get().flatMap(ids -> locks.locked("key:" + key.value(),
        () -> settled.findOrCreate(key, () -> create(change, ids))));
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return fields.get().flatMap(ids -> settled.find(key));
  }

  @Override
  public Either<CoexistError, RecordedChange> update(ExternalKey key, Change change) {
    if (!key.system().equals(system())) {
      return Either.left(CoexistError.invalid("key " + key + " is not a Jira key"));
    }
    return fields.get().flatMap(ids -> locks.locked("issue:" + key.id(), () -> issue(key, ids).flatMap(issue -> {
      Optional<String> held = issue.property().map(p -> p.path("key").asText(""));
      if (held.isPresent() && !held.get().equals(change.idempotencyKey().value())) {
        return Either.left(new CoexistError.Conflict("Jira issue " + issue.key().display()
            + " belongs to idempotency key '" + held.get() + "', not '" + change.idempotencyKey() + "'"));
      }
      Either<CoexistError, ChangeState> now = workflow.stateOf(issue.key(), issue.status());
      if (now.isLeft()) {
        return Either.left(now.getLeft());
      }
      if (!now.get().isTerminal()) {
        Either<CoexistError, JsonNode> edited = editFields(issue, change, ids);
        if (edited.isLeft()) {
          return Either.left(edited.getLeft());
        }
      }
      return workflow.move(issue.key(), issue.status(), change)
          .flatMap(status -> recordClose(issue, change))
          .flatMap(done -> read(issue.key(), ids))
          .map(recorded -> decidedMeanwhile(recorded, change));
    })));
  }

  @Override
  public Either<CoexistError, RecordedChange> read(ExternalKey key) {
    if (!key.system().equals(system())) {
      return Either.left(CoexistError.invalid("key " + key + " is not a Jira key"));
    }
    return fields.get().flatMap(ids -> read(key, ids));
  }

  private Either<CoexistError, RecordedChange> read(ExternalKey key, ChangeFields ids) {
    return issue(key, ids).flatMap(issue -> recorded(issue, ids, approvals::of));
  }

  /**
   * Reads the issues with {@code POST /rest/api/3/issue/bulkfetch}, {@value #BATCH} per call and
   * strongly consistent (search is not), asking only for the fields a read needs and the coexist
   * property. The service desk is asked for the approval of an issue only when it changed since
   * it was last read ({@link ApprovalReading#ofUnlessUnchanged}), so a tick of changes nobody
   * answered costs one call per {@value #BATCH} changes. Keys that are no Jira keys, issues Jira
   * does not return (deleted, hidden, or named in {@code issueErrors}) and issues that cannot be
   * read are left out; the latter two are logged.
   */
  @Override
  public Either<CoexistError, Map<ExternalKey, RecordedChange>> readAll(Collection<ExternalKey> keys) {
    Map<String, ExternalKey> asked = new LinkedHashMap<>();
    for (ExternalKey key : keys) {
      if (key.system().equals(system())) {
        asked.putIfAbsent(key.id(), key);
      }
    }
    if (asked.isEmpty()) {
      return Either.right(Map.of());
    }
    return fields.get().flatMap(ids -> {
      Map<ExternalKey, RecordedChange> read = new LinkedHashMap<>();
      List<String> all = List.copyOf(asked.keySet());
      for (int from = 0; from < all.size(); from += BATCH) {
        Either<CoexistError, JsonNode> fetched = bulkFetch(all.subList(from, Math.min(all.size(), from + BATCH)), ids);
        if (fetched.isLeft()) {
          return Either.left(fetched.getLeft());
        }
        for (JsonNode body : fetched.get().path("issues")) {
          Either<CoexistError, RecordedChange> one = IssueView.parse(body, ids, settings.property)
              .flatMap(issue -> recorded(issue, ids, approvals::ofUnlessUnchanged));
          if (one.isLeft() && one.getLeft().isTransient()) {
            return Either.left(one.getLeft());
          }
          ExternalKey key = asked.get(body.path("id").asText());
          if (key != null) {
            one.peekLeft(e -> LOG.warn("jira: change {} could not be read back: {}", key.display(), e.message()))
                .forEach(recorded -> read.put(key, recorded));
          }
        }
        fetched.get().path("issueErrors").forEach(e -> LOG.info("jira: issue {} was not read back in a batch: {}",
            e.path("id").asText("?"), e.path("errorMessage").asText("")));
      }
      return Either.right(read);
    });
  }

  private Either<CoexistError, JsonNode> bulkFetch(List<String> issueIds, ChangeFields ids) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    issueIds.forEach(request.putArray("issueIdsOrKeys")::add);
    for (String field : IssueView.fields(ids).split(",")) {
      request.withArray("fields").add(field);
    }
    request.putArray("properties").add(settings.property);
    return http.call(RemoteRequest.post("/rest/api/3/issue/bulkfetch", Json.write(request)).build());
  }

  /** The record of {@code issue}, its approval read by {@code approval}. */
  private Either<CoexistError, RecordedChange> recorded(IssueView issue, ChangeFields ids,
      BiFunction<IssueView, ChangeState, Either<CoexistError, ApprovalStatus>> approval) {
    return workflow.stateOf(issue.key(), issue.status()).flatMap(state ->
        closeCode(issue, state).flatMap(close -> approval.apply(issue, state).map(status ->
            new RecordedChange(issue.key(), state, status, issue.riskOption().flatMap(ids::riskOf), close))));
  }

  /**
   * A change moved to approval that Jira decided before it was read back (an automation rule
   * approving at once, an approver quicker than coexist) has moved on in Jira's workflow: it is
   * reported in the state coexist moved it to, with Jira's decision, for that decision is what
   * the move asked for; the next update follows the workflow from where Jira holds it.
   */
  private static RecordedChange decidedMeanwhile(RecordedChange recorded, Change change) {
    boolean decided = recorded.approval() == ApprovalStatus.APPROVED || recorded.approval() == ApprovalStatus.REJECTED;
    if (change.state() != ChangeState.AUTHORIZE || recorded.state() == ChangeState.AUTHORIZE || !decided) {
      return recorded;
    }
    LOG.info("jira: change {} was {} in Jira as soon as it awaited approval", recorded.key().display(),
        recorded.approval().name().toLowerCase(java.util.Locale.ROOT));
    return new RecordedChange(recorded.key(), ChangeState.AUTHORIZE, recorded.approval(), recorded.riskLevel(),
        recorded.closeCode());
  }

  private Either<CoexistError, IssueView> issue(ExternalKey key, ChangeFields ids) {
    return http.call(RemoteRequest.get("/rest/api/3/issue/" + JiraHttp.segment(key.id()))
            .query("fields", IssueView.fields(ids)).query("properties", settings.property).build())
        .flatMap(body -> IssueView.parse(body, ids, settings.property));
  }

  private Either<CoexistError, ExternalKey> create(Change change, ChangeFields ids) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode f = body.putObject("fields");
    f.putObject("project").put("key", settings.project);
    f.putObject("issuetype").put("id", ids.issueTypeId());
    f.put("summary", summary(change));
    f.set("description", Adf.describe(change));
    f.putArray("labels").add(settings.label).add(Jql.keyLabel(settings.label, change.idempotencyKey()));
    f.putObject(ids.id(ChangeField.CHANGE_TYPE)).put("id", ids.typeOptions().get(change.type()));
    f.putObject(ids.id(ChangeField.CHANGE_RISK)).put("id", ids.riskOptions().get(change.risk().level()));
    f.put(ids.id(ChangeField.PLANNED_START), IssueView.DATE_TIME.format(change.plannedStart()));
    f.put(ids.id(ChangeField.PLANNED_END), IssueView.DATE_TIME.format(change.plannedEnd()));
    ids.affectedServices().ifPresent(field -> settings.serviceId(change.service().value())
        .ifPresent(service -> f.putArray(field).addObject().put("id", service)));
    ObjectNode property = body.putArray("properties").addObject().put("key", settings.property);
    property.putObject("value")
        .put("key", change.idempotencyKey().value())
        .put("changeId", change.id().value())
        .put("service", change.service().value())
        .put("environment", change.request().environment());
    return http.call(RemoteRequest.post("/rest/api/3/issue", Json.write(body)).build()).flatMap(created -> {
      if (!created.path("id").isTextual() || !created.path("key").isTextual()) {
        return Either.left(new CoexistError.Unavailable("jira created an issue but answered without its id and key"));
      }
      ExternalKey key = new ExternalKey("jira", created.path("id").asText(), created.path("key").asText());
      index.created(change.idempotencyKey(), key);
      LOG.info("jira: created change {} for key {}", key.display(), change.idempotencyKey());
      return Either.right(key);
    });
  }

  /** Sets the change fields that differ from what the issue holds; nothing when none do. */
  private Either<CoexistError, JsonNode> editFields(IssueView issue, Change change, ChangeFields ids) {
    ObjectNode f = Json.MAPPER.createObjectNode();
    String type = ids.typeOptions().get(change.type());
    if (!issue.typeOption().equals(Optional.of(type))) {
      f.putObject(ids.id(ChangeField.CHANGE_TYPE)).put("id", type);
    }
    String risk = ids.riskOptions().get(change.risk().level());
    if (!issue.riskOption().equals(Optional.of(risk))) {
      f.putObject(ids.id(ChangeField.CHANGE_RISK)).put("id", risk);
    }
    if (!sameInstant(issue.plannedStart(), change.plannedStart())) {
      f.put(ids.id(ChangeField.PLANNED_START), IssueView.DATE_TIME.format(change.plannedStart()));
    }
    if (!sameInstant(issue.plannedEnd(), change.plannedEnd())) {
      f.put(ids.id(ChangeField.PLANNED_END), IssueView.DATE_TIME.format(change.plannedEnd()));
    }
    if (f.isEmpty()) {
      return Either.right(f);
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("fields", f);
    return http.call(RemoteRequest.put("/rest/api/3/issue/" + JiraHttp.segment(issue.key().id()), Json.write(body))
        .build());
  }

  /** Writes close code and notes into the coexist property, when they are new. */
  private Either<CoexistError, JsonNode> recordClose(IssueView issue, Change change) {
    if (change.closeCode().isEmpty() && change.closeNotes().isEmpty()) {
      return Either.right(Json.MAPPER.nullNode());
    }
    ObjectNode value = issue.property().filter(JsonNode::isObject).map(p -> ((ObjectNode) p).deepCopy())
        .orElseGet(() -> Json.MAPPER.createObjectNode().put("key", change.idempotencyKey().value()));
    ObjectNode wanted = value.deepCopy();
    change.closeCode().ifPresent(code -> wanted.put("closeCode", code.name()));
    change.closeNotes().ifPresent(notes -> wanted.put("closeNotes", notes));
    if (wanted.equals(value)) {
      return Either.right(value);
    }
    return http.call(RemoteRequest.put("/rest/api/3/issue/" + JiraHttp.segment(issue.key().id()) + "/properties/"
        + JiraHttp.segment(settings.property), Json.write(wanted)).build());
  }

  private Either<CoexistError, Optional<CloseCode>> closeCode(IssueView issue, ChangeState state) {
    if (issue.status().equalsIgnoreCase(settings.statuses.failed)) {
      return Either.right(Optional.of(CloseCode.UNSUCCESSFUL));
    }
    if (state != ChangeState.CLOSED) {
      return Either.right(Optional.empty());
    }
    JsonNode recorded = issue.property().map(p -> p.path("closeCode")).orElse(Json.MAPPER.missingNode());
    if (!recorded.isTextual()) {
      return Either.right(Optional.of(CloseCode.SUCCESSFUL));
    }
    try {
      return Either.right(Optional.of(CloseCode.valueOf(recorded.asText())));
    } catch (IllegalArgumentException e) {
      return Either.left(CoexistError.invalid("change " + issue.key().display() + " holds close code '"
          + recorded.asText() + "' in property " + settings.property + ", which coexist does not know"));
    }
  }

  private static boolean sameInstant(Optional<Instant> held, Instant wanted) {
    return held.map(h -> h.truncatedTo(ChronoUnit.MILLIS).equals(wanted.truncatedTo(ChronoUnit.MILLIS)))
        .orElse(false);
  }

  private static String summary(Change change) {
    String text = change.request().describe().replaceAll("\\s+", " ").strip();
    return text.length() <= SUMMARY_MAX ? text : text.substring(0, SUMMARY_MAX - 1) + "…";
  }
}
