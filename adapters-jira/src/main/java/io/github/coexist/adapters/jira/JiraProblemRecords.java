package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.problem.RecordedProblem;
import io.vavr.control.Either;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProblemRecords} on Jira Service Management: a problem (and a known error) is an issue of
 * the problem issue type ({@code problem.issue-type}) with the incidents' Impact, Urgency and
 * Priority fields, linked to the Jira issues of its incidents by the {@code Problem/Incident}
 * link type (the problem "causes" them); its record key, root cause, workaround, fix and
 * resolution live in the issue property {@code problem.property}, a known error also carries the
 * label {@code problem.known-error-label}. Created under a label derived from the record key
 * with the property set in the create, found again like changes (search, property read back,
 * search lag waited out after a lost create answer); its status walks core's problem lifecycle.
 * Serialised per key and per issue in this process. Thread-safe.
 */
final class JiraProblemRecords implements ProblemRecords {
  private static final Logger LOG = LoggerFactory.getLogger(JiraProblemRecords.class);
  private static final int SUMMARY_MAX = 255;
  private final JiraHttp http;
  private final JiraSettings settings;
  private final Supplier<Either<CoexistError, IncidentFields>> fields;
  private final Function<IdempotencyKey, Either<CoexistError, Optional<ExternalKey>>> incidents;
  private final KeyIndex index;
  private final SettledLookup lookup;
  private final ProblemWorkflow workflow;
  private final KeyedLocks locks = new KeyedLocks();
  private final Set<IncidentId> unlinked = ConcurrentHashMap.newKeySet();
  private volatile String issueTypeId;

  /**
   * Problems through {@code http}, written with the incident {@code fields}; {@code incidents}
   * finds the Jira issue of an incident's record key, for the links.
   */
  JiraProblemRecords(JiraHttp http, JiraSettings settings, Supplier<Either<CoexistError, IncidentFields>> fields,
      Function<IdempotencyKey, Either<CoexistError, Optional<ExternalKey>>> incidents, KeyIndex index,
      RemoteClient.Sleeper sleeper) {
    this.http = http;
    this.settings = settings;
    this.fields = fields;
    this.incidents = incidents;
    this.index = index;
    this.lookup = new SettledLookup(new KeyLookup(http, settings, settings.problemLabel, settings.problemProperty,
        index), settings.settleTime, sleeper);
    this.workflow = new ProblemWorkflow(new Transitions(http), settings.problemStatuses);
  }

  @Override
  public String system() {
    return "jira";
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Problem problem) {
    IdempotencyKey key = problem.recordKey();
    return fields.get().flatMap(f -> issueType().flatMap(type -> locks.locked("key:" + key.value(),
        () -> lookup.findOrCreate(key, () -> create(problem, f, type)
            .flatMap(issue -> link(issue, problem, Set.of()).map(done -> issue))))));
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return lookup.find(key);
  }

  @Override
  public Either<CoexistError, RecordedProblem> read(ExternalKey key) {
    return checked(key).flatMap(k -> fields.get().flatMap(f -> view(key).flatMap(v ->
        v.recorded(settings.problemStatuses, f.priority()))));
  }

  @Override
  public Either<CoexistError, RecordedProblem> update(ExternalKey key, Problem problem) {
    return checked(key).flatMap(k -> fields.get().flatMap(f -> locks.locked("issue:" + key.id(), () ->
        view(key).flatMap(now -> owned(now, problem)).flatMap(now -> now.recorded(settings.problemStatuses,
                f.priority())
            .flatMap(held -> edit(now, problem, f)
                .flatMap(done -> writeProperty(now, problem))
                .flatMap(done -> link(key, problem, now.linked()))
                .flatMap(done -> workflow.move(key, held.state(), problem.state()))
                .flatMap(done -> read(key)))))));
  }

  private Either<CoexistError, ExternalKey> checked(ExternalKey key) {
    return key.system().equals(system()) ? Either.right(key)
        : Either.left(CoexistError.invalid("key " + key + " is not a Jira key"));
  }

  private Either<CoexistError, String> issueType() {
    String known = issueTypeId;
    if (known != null) {
      return Either.right(known);
    }
    return new FieldResolver(http, settings).issueType(settings.config.problemIssueType(), "problem.issue-type")
        .peek(id -> issueTypeId = id);
  }

  private Either<CoexistError, ExternalKey> create(Problem problem, IncidentFields f, String type) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode values = body.putObject("fields");
    values.putObject("project").put("key", settings.project);
    values.putObject("issuetype").put("id", type);
    String title = problem.title().replaceAll("\\s+", " ").strip();
    values.put("summary", title.length() <= SUMMARY_MAX ? title : title.substring(0, SUMMARY_MAX - 1) + "…");
    values.set("description", Adf.describe(problem));
    values.putArray("labels").add(settings.problemLabel).add(Jql.keyLabel(settings.problemLabel, problem.recordKey()));
    problem.knownError().ifPresent(known -> values.withArray("labels").add(settings.config.knownErrorLabel()));
    values.putObject(f.impact().id()).put("id", f.impact().write(JiraSettings.key(problem.impact())));
    values.putObject(f.urgency().id()).put("id", f.urgency().write(JiraSettings.key(problem.urgency())));
    values.putObject(f.priority().id()).put("id", f.priority().write(JiraSettings.key(problem.priority())));
    body.putArray("properties").addObject().put("key", settings.problemProperty)
        .set("value", ProblemView.property(problem));
    return http.call(RemoteRequest.post("/rest/api/3/issue", Json.write(body)).build()).flatMap(created -> {
      if (!created.path("id").isTextual() || !created.path("key").isTextual()) {
        return Either.left(new CoexistError.Unavailable("jira created an issue but answered without its id and key"));
      }
      ExternalKey key = new ExternalKey("jira", created.path("id").asText(), created.path("key").asText());
      index.created(problem.recordKey(), key);
      LOG.info("jira: created problem {} for {}", key.display(), problem.id());
      return Either.right(key);
    });
  }

  private Either<CoexistError, ProblemView> view(ExternalKey key) {
    return fields.get().flatMap(f -> http.call(RemoteRequest.get(issuePath(key))
            .query("fields", String.join(",", "status", "labels", "issuelinks", f.priority().id()))
            .query("properties", settings.problemProperty).build())
        .flatMap(body -> ProblemView.parse(body, settings.problemProperty)));
  }

  private Either<CoexistError, ProblemView> owned(ProblemView now, Problem problem) {
    JsonNode held = now.property().path("key");
    if (held.isTextual() && !held.asText().equals(problem.recordKey().value())) {
      return Either.left(new CoexistError.Conflict("Jira issue " + now.key().display() + " belongs to key '"
          + held.asText() + "', not to problem " + problem.id()));
    }
    return Either.right(now);
  }

  /** Sets impact, urgency and priority where they differ, and adds or removes the known-error label. */
  private Either<CoexistError, JsonNode> edit(ProblemView now, Problem problem, IncidentFields f) {
    ObjectNode changes = Json.MAPPER.createObjectNode();
    setOption(now, changes, f.impact(), JiraSettings.key(problem.impact()));
    setOption(now, changes, f.urgency(), JiraSettings.key(problem.urgency()));
    setOption(now, changes, f.priority(), JiraSettings.key(problem.priority()));
    ObjectNode body = Json.MAPPER.createObjectNode();
    String label = settings.config.knownErrorLabel();
    if (now.labels().contains(label) != problem.knownError().isPresent()) {
      body.putObject("update").putArray("labels")
          .add(Json.MAPPER.createObjectNode().put(problem.knownError().isPresent() ? "add" : "remove", label));
    }
    if (!changes.isEmpty()) {
      body.set("fields", changes);
    }
    return body.isEmpty() ? Either.right(body)
        : http.call(RemoteRequest.put(issuePath(now.key()), Json.write(body)).build());
  }

  private static void setOption(ProblemView now, ObjectNode changes, FieldResolver.Found field, String optionKey) {
    String held = now.fields().path(field.id()).path("id").asText("");
    if (!field.options().get(optionKey).contains(held)) {
      changes.putObject(field.id()).put("id", field.write(optionKey));
    }
  }

  private Either<CoexistError, JsonNode> writeProperty(ProblemView now, Problem problem) {
    ObjectNode wanted = ProblemView.property(problem);
    if (wanted.equals(now.property())) {
      return Either.right(wanted);
    }
    return http.call(RemoteRequest.put(issuePath(now.key()) + "/properties/"
        + JiraHttp.segment(settings.problemProperty), Json.write(wanted)).build());
  }

  /** Links the problem to the Jira issue of each of its incidents not linked yet; incidents Jira does not hold are skipped. */
  private Either<CoexistError, Boolean> link(ExternalKey issue, Problem problem, Set<String> linked) {
    for (IncidentId incident : problem.incidents()) {
      Either<CoexistError, Optional<ExternalKey>> found =
          incidents.apply(IdempotencyKey.of("coexist:incident:" + incident.value()));
      if (found.isLeft()) {
        return Either.left(found.getLeft());
      }
      if (found.get().isEmpty()) {
        if (unlinked.add(incident)) {
          LOG.info("jira: incident {} of problem {} is not recorded in Jira; it is not linked", incident, problem.id());
        }
        continue;
      }
      if (linked.contains(found.get().get().id())) {
        continue;
      }
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.putObject("type").put("name", settings.config.causeLinkType());
      body.putObject("inwardIssue").put("key", issue.display());
      body.putObject("outwardIssue").put("key", found.get().get().display());
      Either<CoexistError, JsonNode> done = http.call(RemoteRequest.post("/rest/api/3/issueLink", Json.write(body))
          .build());
      if (done.isLeft()) {
        return Either.left(done.getLeft());
      }
    }
    return Either.right(true);
  }

  private static String issuePath(ExternalKey key) {
    return "/rest/api/3/issue/" + JiraHttp.segment(key.id());
  }
}
