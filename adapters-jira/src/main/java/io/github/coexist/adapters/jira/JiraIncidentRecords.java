package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.adapters.jira.Transitions.Transition;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.CausedBy;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.incident.RecordedIncident;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IncidentRecords} on Jira Service Management: an incident is a customer request of the
 * incident request type ({@code POST /rest/servicedeskapi/request}) with Impact, Urgency and
 * Priority mapped, marked afterwards with a label and an issue property holding its record key
 * (request forms take only their own fields); the major flag is a label and the causing change an
 * issue link. Creation looks up before it creates and is serialised per key; updates per issue.
 * Thread-safe.
 */
final class JiraIncidentRecords implements IncidentRecords {
  private static final Logger LOG = LoggerFactory.getLogger(JiraIncidentRecords.class);
  private static final int MAX_STEPS = 10;
  private static final int SUMMARY_MAX = 255;
  private final JiraHttp http;
  private final JiraSettings settings;
  private final Supplier<Either<CoexistError, IncidentFields>> fields;
  private final KeyIndex index;
  private final KeyLookup lookup;
  private final Transitions transitions;
  /** Requests created whose marks could not be written yet, by record key. */
  private final Map<IdempotencyKey, ExternalKey> unmarked = new ConcurrentHashMap<>();
  private final KeyedLocks locks = new KeyedLocks();

  JiraIncidentRecords(JiraHttp http, JiraSettings settings, Supplier<Either<CoexistError, IncidentFields>> fields) {
    this.http = http;
    this.settings = settings;
    this.fields = fields;
    this.index = new KeyIndex(10_000);
    this.lookup = new KeyLookup(http, settings, settings.incidentLabel, settings.incidentProperty, index);
    this.transitions = new Transitions(http);
  }

  /** What the adapter reads of an incident issue. */
  private record View(ExternalKey key, String status, JsonNode fields) {}

  @Override
  public String system() {
    return "jira";
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Incident incident) {
    IdempotencyKey key = incident.recordKey();
    return fields.get().flatMap(f -> locks.locked("key:" + key.value(), () -> {
      ExternalKey pending = unmarked.get(key);
      if (pending != null) {
        return mark(key, incident, pending);
      }
      Either<CoexistError, Optional<ExternalKey>> found = lookup.find(key);
      if (found.isLeft() || found.get().isPresent()) {
        return found.map(Optional::get);
      }
      return raise(incident, f).flatMap(created -> mark(key, incident, created));
    }));
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return fields.get().flatMap(f -> lookup.find(key));
  }

  @Override
  public Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident) {
    if (!key.system().equals(system())) {
      return Either.left(CoexistError.invalid("key " + key + " is not a Jira key"));
    }
    return fields.get().flatMap(f -> locks.locked("issue:" + key.id(), () -> view(key, f).flatMap(now -> {
      Either<CoexistError, IncidentState> state = state(now);
      if (state.isLeft()) {
        return Either.left(state.getLeft());
      }
      Either<CoexistError, JsonNode> edited = state.get().isTerminal() ? Either.right(Json.MAPPER.nullNode())
          : edit(now, incident, f);
      return edited.flatMap(done -> move(now.key(), now.status(), state.get(), incident.state()))
          .flatMap(moved -> link(now, incident))
          .flatMap(linked -> read(now.key(), f));
    })));
  }

  @Override
  public Either<CoexistError, RecordedIncident> read(ExternalKey key) {
    if (!key.system().equals(system())) {
      return Either.left(CoexistError.invalid("key " + key + " is not a Jira key"));
    }
    return fields.get().flatMap(f -> read(key, f));
  }

  // ------------------------------------------------------------------ creating

  private Either<CoexistError, ExternalKey> raise(Incident incident, IncidentFields f) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("serviceDeskId", f.serviceDeskId())
        .put("requestTypeId", f.requestTypeId());
    ObjectNode values = body.putObject("requestFieldValues");
    String title = incident.title().replaceAll("\\s+", " ").strip();
    values.put("summary", title.length() <= SUMMARY_MAX ? title : title.substring(0, SUMMARY_MAX - 1) + "…");
    values.put("description", incident.description().orElse(incident.title()) + "\n\nService " + incident.service()
        + ", coexist incident " + incident.id() + ".");
    values.putObject("priority").put("id", f.priority().write(JiraSettings.key(incident.priority())));
    values.putObject(f.impact().id()).put("id", f.impact().write(JiraSettings.key(incident.impact())));
    values.putObject(f.urgency().id()).put("id", f.urgency().write(JiraSettings.key(incident.urgency())));
    return http.call(RemoteRequest.post("/rest/servicedeskapi/request", Json.write(body)).build()).flatMap(created -> {
      if (!created.path("issueId").isTextual() || !created.path("issueKey").isTextual()) {
        return Either.left(new CoexistError.Unavailable("jira raised a request but answered without its issue id and key"));
      }
      ExternalKey key = new ExternalKey("jira", created.path("issueId").asText(), created.path("issueKey").asText());
      LOG.info("jira: raised incident {} for {}", key.display(), incident.recordKey());
      return Either.right(key);
    });
  }

  /** Writes the property and labels that find the request again; remembers it until they are written. */
  private Either<CoexistError, ExternalKey> mark(IdempotencyKey key, Incident incident, ExternalKey issue) {
    unmarked.put(key, issue);
    ObjectNode property = Json.MAPPER.createObjectNode().put("key", key.value())
        .put("incidentId", incident.id().value()).put("service", incident.service().value());
    // Added with the update verb: setting fields.labels would drop the labels people and
    // automation rules gave the request meanwhile.
    ObjectNode labels = Json.MAPPER.createObjectNode();
    labels.putObject("update").putArray("labels")
        .add(Json.MAPPER.createObjectNode().put("add", settings.incidentLabel))
        .add(Json.MAPPER.createObjectNode().put("add", Jql.keyLabel(settings.incidentLabel, key)));
    Either<CoexistError, JsonNode> marked = http.call(RemoteRequest.put(issuePath(issue) + "/properties/"
            + JiraHttp.segment(settings.incidentProperty), Json.write(property)).build())
        .flatMap(done -> http.call(RemoteRequest.put(issuePath(issue), Json.write(labels)).build()));
    if (marked.isLeft()) {
      LOG.warn("jira: incident {} raised as {} but not yet marked: {}", key, issue.display(), marked.getLeft().message());
      return Either.left(marked.getLeft());
    }
    unmarked.remove(key);
    index.created(key, issue);
    return Either.right(issue);
  }

  // ------------------------------------------------------------------ reading

  private Either<CoexistError, View> view(ExternalKey key, IncidentFields f) {
    return http.call(RemoteRequest.get(issuePath(key)).query("fields", String.join(",", "status", "labels", "priority",
            "issuelinks", f.impact().id(), f.urgency().id())).build())
        .flatMap(body -> {
          JsonNode status = body.path("fields").path("status").path("name");
          if (!body.path("id").isTextual() || !body.path("key").isTextual() || !status.isTextual()) {
            return Either.left(new CoexistError.Unavailable("jira answered an issue without id, key or status name"));
          }
          return Either.right(new View(new ExternalKey("jira", body.path("id").asText(), body.path("key").asText()),
              status.asText(), body.path("fields")));
        });
  }

  private Either<CoexistError, RecordedIncident> read(ExternalKey key, IncidentFields f) {
    return view(key, f).flatMap(v -> state(v).flatMap(state ->
        option(v, f.impact(), "Impact", Impact::valueOf).flatMap(impact ->
            option(v, f.urgency(), "Urgency", Urgency::valueOf).flatMap(urgency ->
                option(v, f.priority(), "Priority", Priority::valueOf).map(priority ->
                    new RecordedIncident(v.key(), state, impact, urgency, priority, labels(v).contains(majorLabel()),
                        cause(v)))))));
  }

  private Either<CoexistError, IncidentState> state(View v) {
    return settings.incidentStatuses.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(v.status()))
        .map(Map.Entry::getKey).findFirst().<Either<CoexistError, IncidentState>>map(Either::right)
        .orElseGet(() -> Either.left(CoexistError.invalid("incident " + v.key().display() + " is in Jira status '"
            + v.status() + "', which stands for no incident state; map it with coexist.jira.incident.status.<state>")));
  }

  private <E extends Enum<E>> Either<CoexistError, E> option(View v, FieldResolver.Found field, String name,
      Function<String, E> parse) {
    String id = v.fields().path(field.id()).path("id").asText("");
    return field.optionKey(id).<Either<CoexistError, E>>map(k -> Either.right(parse.apply(k.toUpperCase(java.util.Locale.ROOT)
            .replace('-', '_'))))
        .orElseGet(() -> Either.left(CoexistError.invalid("incident " + v.key().display() + " has "
            + (id.isEmpty() ? "no " + name : name + " option " + id + ", which coexist does not map")
            + "; set coexist.jira.option." + name.toLowerCase(java.util.Locale.ROOT) + ".<level>")));
  }

  private static List<String> labels(View v) {
    List<String> labels = new ArrayList<>();
    v.fields().path("labels").forEach(l -> labels.add(l.asText()));
    return labels;
  }

  /** The change linked as the cause: from the incident, the link's inward issue ("is caused by"). */
  private Optional<ExternalKey> cause(View v) {
    for (JsonNode link : v.fields().path("issuelinks")) {
      JsonNode change = link.path("inwardIssue");
      if (link.path("type").path("name").asText("").equalsIgnoreCase(settings.config.causeLinkType())
          && change.path("id").isTextual() && change.path("key").isTextual()) {
        return Optional.of(new ExternalKey("jira", change.path("id").asText(), change.path("key").asText()));
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ updating

  private Either<CoexistError, JsonNode> edit(View now, Incident incident, IncidentFields f) {
    ObjectNode changes = Json.MAPPER.createObjectNode();
    setOption(now, changes, f.impact(), JiraSettings.key(incident.impact()));
    setOption(now, changes, f.urgency(), JiraSettings.key(incident.urgency()));
    setOption(now, changes, f.priority(), JiraSettings.key(incident.priority()));
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (labels(now).contains(majorLabel()) != incident.major()) {
      // One label added or removed (the update verb), never the list replaced: labels given
      // between the read and this write stay.
      body.putObject("update").putArray("labels")
          .add(Json.MAPPER.createObjectNode().put(incident.major() ? "add" : "remove", majorLabel()));
    }
    if (changes.isEmpty() && body.isEmpty()) {
      return Either.right(changes);
    }
    if (!changes.isEmpty()) {
      body.set("fields", changes);
    }
    return http.call(RemoteRequest.put(issuePath(now.key()), Json.write(body)).build());
  }

  private static void setOption(View now, ObjectNode changes, FieldResolver.Found field, String optionKey) {
    String held = now.fields().path(field.id()).path("id").asText("");
    if (!field.options().get(optionKey).contains(held)) {
      changes.putObject(field.id()).put("id", field.write(optionKey));
    }
  }

  /**
   * Walks the workflow to {@code target}: a configured transition or one leading straight there
   * first, else one to a neighbouring state on a shortest path of the incident lifecycle (Open to
   * Closed goes by Resolved).
   */
  private Either<CoexistError, String> move(ExternalKey issue, String status, IncidentState from, IncidentState target) {
    String current = status;
    IncidentState now = from;
    for (int step = 0; step < MAX_STEPS && now != target; step++) {
      if (now.isTerminal()) {
        return Either.left(new CoexistError.IllegalTransition("incident " + issue.display(), current,
            settings.incidentStatuses.get(target), "the Jira issue is already " + now.name().toLowerCase(java.util.Locale.ROOT)));
      }
      Either<CoexistError, List<Transition>> offered = transitions.offered(issue);
      if (offered.isLeft()) {
        return Either.left(offered.getLeft());
      }
      Optional<Transition> next = towards(offered.get(), target);
      for (IncidentState hop : hops(now, target)) {
        next = next.or(() -> towards(offered.get(), hop));
      }
      if (next.isEmpty()) {
        return Either.left(new CoexistError.IllegalTransition("incident " + issue.display(), current,
            settings.incidentStatuses.get(target), "Jira offers no transition towards it; available: "
                + Transitions.describe(offered.get())));
      }
      Either<CoexistError, String> taken = transitions.take(issue, next.get());
      if (taken.isLeft()) {
        return taken;
      }
      current = taken.get();
      String reached = current;
      now = settings.incidentStatuses.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(reached))
          .map(Map.Entry::getKey).findFirst().orElse(now);
    }
    return now == target ? Either.right(current) : Either.left(new CoexistError.IllegalTransition("incident "
        + issue.display(), current, settings.incidentStatuses.get(target), "no path was found within " + MAX_STEPS
        + " transitions"));
  }

  private Optional<Transition> towards(List<Transition> offered, IncidentState state) {
    return Transitions.named(offered, settings.config.incidentTransition(state))
        .or(() -> Transitions.leadingTo(offered, settings.incidentStatuses.get(state)));
  }

  /** The states one move from {@code from}, nearest to {@code target} first (lifecycle distance). */
  static List<IncidentState> hops(IncidentState from, IncidentState target) {
    Map<IncidentState, Integer> distance = new EnumMap<>(IncidentState.class);
    distance.put(target, 0);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (IncidentState s : IncidentState.values()) {
        for (IncidentState n : s.next()) {
          if (distance.containsKey(n) && distance.getOrDefault(s, Integer.MAX_VALUE) > distance.get(n) + 1) {
            distance.put(s, distance.get(n) + 1);
            grew = true;
          }
        }
      }
    }
    return from.next().stream().filter(distance::containsKey)
        .sorted(Comparator.comparing(distance::get)).toList();
  }

  /** Links the causing change, when the incident names its record and the link is not there yet. */
  private Either<CoexistError, JsonNode> link(View now, Incident incident) {
    Optional<ExternalKey> change = incident.causedBy().flatMap(CausedBy::changeRecord)
        .filter(c -> c.system().equals(system()));
    if (change.isEmpty() || cause(now).map(c -> c.id().equals(change.get().id())).orElse(false)) {
      return Either.right(Json.MAPPER.nullNode());
    }
    // Jira's naming runs backwards: the request's inwardIssue "causes" its outwardIssue.
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putObject("type").put("name", settings.config.causeLinkType());
    body.putObject("inwardIssue").put("id", change.get().id());
    body.putObject("outwardIssue").put("id", now.key().id());
    return http.call(RemoteRequest.post("/rest/api/3/issueLink", Json.write(body)).build());
  }

  private String majorLabel() {
    return settings.config.majorLabel();
  }

  private static String issuePath(ExternalKey key) {
    return "/rest/api/3/issue/" + JiraHttp.segment(key.id());
  }
}
