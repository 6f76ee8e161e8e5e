package io.github.coexist.standins.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The state of the stand-in site and the operations of its REST API: issues with fields, labels,
 * properties and workflow status; createmeta; JQL search with {@code nextPageToken} paging and
 * eventual consistency; service desk approvals. Every method is synchronized.
 */
final class JiraSite {
  static final Set<String> SEARCH_KEYS = Set.of("jql", "nextPageToken", "maxResults", "fields", "expand",
      "properties", "fieldsByKeys", "failFast", "reconcileIssues");
  static final String INCIDENT_TYPE = "10002";
  static final String CHANGE_TYPE = "10005";
  static final String PROBLEM_TYPE = "10006";
  private static final Map<String, String> ISSUE_TYPES = new LinkedHashMap<>();

  static {
    ISSUE_TYPES.put("10001", "Service request");
    ISSUE_TYPES.put("10002", "Incident");
    ISSUE_TYPES.put("10005", "Change");
    ISSUE_TYPES.put("10006", "Problem");
  }

  /** One issue. */
  static final class Issue {
    final String id;
    final String key;
    final String typeId;
    String status = SiteWorkflow.OPEN;
    ObjectNode fields;
    final Map<String, JsonNode> properties = new LinkedHashMap<>();
    final List<Approval> approvals = new ArrayList<>();
    final long searchableAfter;
    /** Whether it is a customer request (raised through a request type): only those have approvals in the service desk API. */
    boolean request = true;
    long createdMillis;
    /** When it last changed (fields, labels, properties, status, approvals): its {@code updated} field. */
    long updatedMillis;

    Issue(String id, String key, String typeId, ObjectNode fields, long searchableAfter) {
      this.id = id;
      this.key = key;
      this.typeId = typeId;
      this.fields = fields;
      this.searchableAfter = searchableAfter;
    }

    SiteWorkflow.Kind kind() {
      return switch (typeId) {
        case INCIDENT_TYPE -> SiteWorkflow.Kind.INCIDENT;
        case PROBLEM_TYPE -> SiteWorkflow.Kind.PROBLEM;
        default -> SiteWorkflow.Kind.CHANGE;
      };
    }

    boolean isStandard() {
      return "Standard".equals(fields.path(standardFieldId).path("value").asText());
    }

    private String standardFieldId = "";
  }

  /** One approval of an issue. */
  static final class Approval {
    final String id;
    final String name;
    String finalDecision = "pending";
    final Map<String, String> decisions = new LinkedHashMap<>();
    final Instant created;
    Instant completed;

    Approval(String id, String name, List<String> approvers, Instant created) {
      this.id = id;
      this.name = name;
      approvers.forEach(a -> decisions.put(a, "pending"));
      this.created = created;
    }
  }

  /** A status change, for webhooks. */
  record StatusChange(String issueId, String issueKey, String from, String to, String accountId, List<String> labels) {}

  private final String project;
  private final String projectId = "10000";
  private final SiteFields fields;
  private final SiteWorkflow workflow = new SiteWorkflow();
  private final List<String> approvers;
  private final int approvalsNeeded;
  private final int searchPage;
  private final int metaPage;
  private final int searchLag;
  private final Set<String> indexedProperties;
  private final Clock clock;
  private final SiteQuirks quirks;
  private final Consumer<StatusChange> onStatusChange;
  private final Map<String, Issue> byId = new LinkedHashMap<>();
  private final Map<String, Issue> byKey = new LinkedHashMap<>();
  private int nextIssue = 1;
  /** The latest {@code updated} handed out: every change gets a later one, as Jira's never repeats for an issue. */
  private long lastUpdate;
  private int nextApproval = 1;
  private long searches;
  private Optional<Map.Entry<String, Boolean>> race = Optional.empty();
  private final List<Link> links = new ArrayList<>();
  private static final Map<String, String[]> LINK_TYPES = new LinkedHashMap<>();

  static {
    LINK_TYPES.put("Blocks", new String[] {"10000", "is blocked by", "blocks"});
    LINK_TYPES.put("Relates", new String[] {"10003", "relates to", "relates to"});
    LINK_TYPES.put("Problem/Incident", new String[] {"10006", "is caused by", "causes"});
  }

  /**
   * A link as {@code POST /rest/api/3/issueLink} makes it. Jira's naming runs backwards: the
   * {@code inwardIssue} of the request reads the type's outward text ("OPS-1 causes OPS-2"), the
   * {@code outwardIssue} its inward text ("OPS-2 is caused by OPS-1").
   */
  record Link(String id, String type, String inwardId, String outwardId) {}
  String base = "";

  JiraSite(String project, SiteFields fields, List<String> approvers, int approvalsNeeded, int searchPage,
      int metaPage, int searchLag, Set<String> indexedProperties, Clock clock, SiteQuirks quirks,
      Consumer<StatusChange> onStatusChange) {
    this.project = project;
    this.fields = fields;
    this.approvers = List.copyOf(approvers);
    this.approvalsNeeded = approvalsNeeded;
    this.searchPage = searchPage;
    this.metaPage = metaPage;
    this.searchLag = searchLag;
    this.indexedProperties = Set.copyOf(indexedProperties);
    this.clock = clock;
    this.quirks = quirks;
    this.onStatusChange = onStatusChange;
  }

  SiteWorkflow workflow() {
    return workflow;
  }

  SiteFields fields() {
    return fields;
  }

  // ------------------------------------------------------------------ createmeta

  synchronized Reply issueTypes(String projectKey, int startAt, int max) {
    if (!isProject(projectKey)) {
      return Reply.platform(404, "No project could be found with key '" + projectKey + "'.");
    }
    List<ObjectNode> types = new ArrayList<>();
    ISSUE_TYPES.forEach((id, name) -> types.add(Reply.JSON.createObjectNode()
        .put("self", base + "/rest/api/3/issuetype/" + id).put("id", id).put("name", name).put("subtask", false)));
    return page(types, "issueTypes", startAt, max);
  }

  synchronized Reply createFields(String projectKey, String typeId, int startAt, int max) {
    if (!isProject(projectKey)) {
      return Reply.platform(404, "No project could be found with key '" + projectKey + "'.");
    }
    if (!ISSUE_TYPES.containsKey(typeId)) {
      return Reply.platform(404, "Issue type with id '" + typeId + "' does not exist or is not in project " + projectKey);
    }
    List<ObjectNode> all = fields.all().stream().map(f -> fields.describe(f, base)).toList();
    return page(all, "fields", startAt, max);
  }

  private Reply page(List<ObjectNode> items, String key, int startAt, int max) {
    int size = Math.max(1, Math.min(max, metaPage));
    ObjectNode body = Reply.JSON.createObjectNode().put("maxResults", size).put("startAt", startAt)
        .put("total", items.size());
    ArrayNode list = body.putArray(key);
    items.stream().skip(Math.max(0, startAt)).limit(size).forEach(list::add);
    return Reply.json(200, body);
  }

  private boolean isProject(String keyOrId) {
    return project.equalsIgnoreCase(keyOrId) || projectId.equals(keyOrId);
  }

  // ------------------------------------------------------------------ issues

  synchronized Reply create(JsonNode body, String accountId) {
    if (!body.path("fields").isObject()) {
      return Reply.platform(400, "Invalid request payload. Refer to the REST API documentation and try again.");
    }
    ObjectNode values = (ObjectNode) body.path("fields");
    Map<String, String> errors = SiteFields.orderedErrors();
    JsonNode p = values.path("project");
    if (!isProject(p.path("key").asText(p.path("id").asText("")))) {
      errors.put("project", "valid project is required");
    }
    JsonNode t = values.path("issuetype");
    String typeId = t.path("id").isTextual() ? t.path("id").asText()
        : ISSUE_TYPES.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(t.path("name").asText("")))
            .map(Map.Entry::getKey).findFirst().orElse("");
    if (!ISSUE_TYPES.containsKey(typeId)) {
      errors.put("issuetype", "Specify an issue type");
    }
    if (!values.path("summary").isTextual()) {
      errors.put("summary", "You must specify a summary of the issue.");
    }
    ObjectNode stored = fields.check(values, errors, base);
    fields.all().stream().filter(f -> f.required() && f.custom() != null && !values.hasNonNull(f.id()))
        .forEach(f -> errors.put(f.id(), f.name() + " is required."));
    List<Map.Entry<String, JsonNode>> props = new ArrayList<>();
    for (JsonNode prop : body.path("properties")) {
      if (!prop.path("key").isTextual() || prop.path("key").asText().length() > 255
          || !prop.path("value").isObject() || prop.path("value").isEmpty()) {
        errors.put("properties", "Issue property key must be 1 to 255 characters and its value a non-empty JSON object.");
      } else {
        props.add(Map.entry(prop.path("key").asText(), prop.path("value")));
      }
    }
    if (!errors.isEmpty()) {
      return Reply.platform(400, errors);
    }
    Issue issue = add(typeId, stored);
    issue.request = !(quirks.plainChanges && typeId.equals(CHANGE_TYPE));
    props.forEach(e -> issue.properties.put(e.getKey(), e.getValue()));
    return Reply.json(201, Reply.JSON.createObjectNode().put("id", issue.id).put("key", issue.key)
        .put("self", base + "/rest/api/3/issue/" + issue.id));
  }

  /** Adds an issue without checks (people and automation create issues too). */
  synchronized Issue add(String typeId, ObjectNode stored) {
    String id = Integer.toString(10000 + nextIssue);
    String key = project + "-" + nextIssue++;
    if (!stored.has("labels")) {
      stored.putArray("labels");
    }
    quirks.automationLabel.ifPresent(label -> ((ArrayNode) stored.path("labels")).add(label));
    Issue issue = new Issue(id, key, typeId, stored, searches + searchLag);
    issue.createdMillis = clock.millis();
    touch(issue);
    issue.standardFieldId = fields.byName("Change type").map(SiteFields.Field::id).orElse("");
    byId.put(id, issue);
    byKey.put(key, issue);
    return issue;
  }

  synchronized Optional<Issue> issue(String idOrKey) {
    return Optional.ofNullable(byId.getOrDefault(idOrKey, byKey.get(idOrKey)));
  }

  static Reply noIssue() {
    return Reply.platform(404, "Issue does not exist or you do not have permission to see it.");
  }

  /** {@code issue} changed now: a later {@code updated} than any before, even on a clock that stands still. */
  private void touch(Issue issue) {
    lastUpdate = Math.max(clock.millis(), lastUpdate + 1);
    issue.updatedMillis = lastUpdate;
  }

  /**
   * {@code POST /rest/api/3/issue/bulkfetch}: the issues named in {@code issueIdsOrKeys} (1 to 100),
   * strongly consistent (no search lag), in ascending id order, with the {@code fields} and {@code
   * properties} asked for. Issues that do not exist are left out, not reported, as Jira does.
   */
  synchronized Reply bulkFetch(JsonNode body) {
    JsonNode ids = body.path("issueIdsOrKeys");
    if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
      return Reply.platform(400, "issueIdsOrKeys must name between 1 and 100 issues.");
    }
    Optional<String> wantedFields = names(body.path("fields"));
    Optional<String> wantedProperties = names(body.path("properties"));
    List<Issue> found = new ArrayList<>();
    for (JsonNode id : ids) {
      issue(id.asText()).filter(i -> !found.contains(i)).ifPresent(found::add);
    }
    found.sort(java.util.Comparator.comparingLong(i -> Long.parseLong(i.id)));
    ObjectNode out = Reply.JSON.createObjectNode().put("expand", "");
    ArrayNode issues = out.putArray("issues");
    found.forEach(i -> issues.add(view(i, wantedFields, wantedProperties)));
    out.putArray("issueErrors");
    return Reply.json(200, out);
  }

  /** A list of names in a request body as the comma-separated form the GET parameters take. */
  private static Optional<String> names(JsonNode list) {
    if (!list.isArray() || list.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    list.forEach(n -> names.add(n.asText()));
    return Optional.of(String.join(",", names));
  }

  synchronized Reply read(String idOrKey, Optional<String> wantedFields, Optional<String> wantedProperties) {
    Optional<Issue> found = issue(idOrKey);
    if (found.isEmpty()) {
      return noIssue();
    }
    return Reply.json(200, view(found.get(), wantedFields, wantedProperties));
  }

  private ObjectNode view(Issue issue, Optional<String> wantedFields, Optional<String> wantedProperties) {
    ObjectNode body = Reply.JSON.createObjectNode().put("id", issue.id).put("key", issue.key)
        .put("self", base + "/rest/api/3/issue/" + issue.id);
    ObjectNode out = body.putObject("fields");
    List<String> wanted = wantedFields.map(w -> List.of(w.split(","))).orElse(List.of("*all"));
    boolean all = wanted.contains("*all") || wanted.contains("*navigable");
    if (all || wanted.contains("status")) {
      SiteWorkflow.Status s = workflow.status(issue.status);
      out.putObject("status").put("self", base + "/rest/api/3/status/" + s.id()).put("id", s.id())
          .put("name", s.name()).putObject("statusCategory").put("key", s.category());
    }
    if (all || wanted.contains("updated")) {
      out.put("updated", SiteFields.JIRA_DATE_TIME.format(Instant.ofEpochMilli(issue.updatedMillis)
          .atOffset(java.time.ZoneOffset.UTC)));
    }
    if (all || wanted.contains("issuetype")) {
      out.putObject("issuetype").put("id", issue.typeId).put("name", ISSUE_TYPES.get(issue.typeId));
    }
    if (all || wanted.contains("project")) {
      out.putObject("project").put("id", projectId).put("key", project);
    }
    if (all || wanted.contains("issuelinks")) {
      ArrayNode list = out.putArray("issuelinks");
      for (Link link : links) {
        boolean inward = link.inwardId().equals(issue.id);
        if (!inward && !link.outwardId().equals(issue.id)) {
          continue;
        }
        String[] type = LINK_TYPES.get(link.type());
        ObjectNode entry = list.addObject().put("id", link.id());
        entry.putObject("type").put("id", type[0]).put("name", link.type()).put("inward", type[1]).put("outward", type[2]);
        Issue other = byId.get(inward ? link.outwardId() : link.inwardId());
        entry.putObject(inward ? "outwardIssue" : "inwardIssue").put("id", other.id).put("key", other.key);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> it = issue.fields.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (all || wanted.contains(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    }
    wantedProperties.ifPresent(w -> {
      ObjectNode props = body.putObject("properties");
      for (String key : w.split(",")) {
        JsonNode value = issue.properties.get(key.strip());
        if (value != null) {
          props.set(key.strip(), value);
        } else if (key.strip().equals("*all")) {
          issue.properties.forEach(props::set);
        }
      }
    });
    return body;
  }

  synchronized Reply edit(String idOrKey, JsonNode body) {
    Optional<Issue> found = issue(idOrKey);
    if (found.isEmpty()) {
      return noIssue();
    }
    JsonNode set = body.path("fields");
    JsonNode update = body.path("update");
    if (!set.isObject() && !update.isObject() || !set.isMissingNode() && !set.isObject()
        || !update.isMissingNode() && !update.isObject()) {
      return Reply.platform(400, "Invalid request payload. Refer to the REST API documentation and try again.");
    }
    Map<String, String> errors = SiteFields.orderedErrors();
    ObjectNode stored = set.isObject() ? fields.check((ObjectNode) set, errors, base) : Reply.JSON.createObjectNode();
    Optional<ArrayNode> labels = update.isObject()
        ? SiteFields.updateLabels(found.get().fields.path("labels"), set, update, errors) : Optional.empty();
    if (!errors.isEmpty()) {
      return Reply.platform(400, errors);
    }
    found.get().fields.setAll(stored);
    labels.ifPresent(l -> found.get().fields.set("labels", l));
    touch(found.get());
    return Reply.noContent();
  }

  synchronized Reply property(String idOrKey, String key) {
    Optional<Issue> found = issue(idOrKey);
    if (found.isEmpty()) {
      return noIssue();
    }
    JsonNode value = found.get().properties.get(key);
    if (value == null) {
      return Reply.platform(404, "The property with key '" + key + "' does not exist.");
    }
    return Reply.json(200, Reply.JSON.createObjectNode().put("key", key).set("value", value));
  }

  synchronized Reply setProperty(String idOrKey, String key, JsonNode value) {
    Optional<Issue> found = issue(idOrKey);
    if (found.isEmpty()) {
      return noIssue();
    }
    if (key.isEmpty() || key.length() > 255 || value == null || value.isMissingNode()) {
      return Reply.platform(400, "The property key must be 1 to 255 characters and the value valid JSON.");
    }
    boolean existed = found.get().properties.put(key, value) != null;
    touch(found.get());
    return existed ? Reply.json(200, Reply.JSON.createObjectNode()) : Reply.json(201, Reply.JSON.createObjectNode());
  }

  synchronized Reply link(JsonNode body) {
    String type = body.path("type").path("name").asText("");
    if (!LINK_TYPES.containsKey(type)) {
      return Reply.platform(404, "No issue link type with name '" + type + "' found.");
    }
    Optional<Issue> inward = issue(body.path("inwardIssue").path("key").asText(body.path("inwardIssue").path("id").asText("")));
    Optional<Issue> outward = issue(body.path("outwardIssue").path("key").asText(body.path("outwardIssue").path("id").asText("")));
    if (inward.isEmpty() || outward.isEmpty()) {
      return noIssue();
    }
    boolean exists = links.stream().anyMatch(l -> l.type().equals(type) && l.inwardId().equals(inward.get().id)
        && l.outwardId().equals(outward.get().id));
    if (!exists) {
      links.add(new Link(Integer.toString(20000 + links.size()), type, inward.get().id, outward.get().id));
    }
    return new Reply(201, null, Map.of());
  }

  /** The links of {@code issue} as people read them. */
  synchronized List<String> linksOf(Issue issue) {
    List<String> out = new ArrayList<>();
    for (Link link : links) {
      String[] type = LINK_TYPES.get(link.type());
      if (link.inwardId().equals(issue.id)) {
        out.add(type[2] + " " + byId.get(link.outwardId()).key);
      } else if (link.outwardId().equals(issue.id)) {
        out.add(type[1] + " " + byId.get(link.inwardId()).key);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ workflow

  synchronized Reply transitions(String idOrKey) {
    Optional<Issue> found = issue(idOrKey);
    if (found.isEmpty()) {
      return noIssue();
    }
    ObjectNode body = Reply.JSON.createObjectNode().put("expand", "transitions");
    ArrayNode list = body.putArray("transitions");
    for (SiteWorkflow.Transition t : workflow.from(found.get().kind(), found.get().status, found.get().isStandard(), found.get().request)) {
      SiteWorkflow.Status to = workflow.status(t.to());
      ObjectNode node = list.addObject().put("id", t.id()).put("name", t.name());
      node.putObject("to").put("self", base + "/rest/api/3/status/" + to.id()).put("id", to.id()).put("name", to.name())
          .putObject("statusCategory").put("key", to.category());
      node.put("hasScreen", false).put("isGlobal", false).put("isInitial", false).put("isAvailable", true)
          .put("isConditional", t.standardOnly()).put("isLooped", false);
    }
    return Reply.json(200, body);
  }

  synchronized Reply transition(String idOrKey, JsonNode body, String accountId) {
    Optional<Issue> found = issue(idOrKey);
    if (found.isEmpty()) {
      return noIssue();
    }
    String id = body.path("transition").path("id").asText("");
    if (id.isEmpty()) {
      return Reply.platform(400, "Missing 'transition' identifier");
    }
    Optional<SiteWorkflow.Transition> t = workflow.byId(found.get().kind(), found.get().status, found.get().isStandard(), found.get().request, id);
    if (t.isEmpty()) {
      return Reply.platform(400, "Transition id '" + id + "' is not valid for this issue.");
    }
    move(found.get(), t.get().to(), accountId);
    return Reply.noContent();
  }

  /** Moves an issue as a person would with the transition named {@code name}. */
  synchronized boolean transitionByName(String idOrKey, String name, String accountId) {
    Optional<Issue> found = issue(idOrKey);
    Optional<SiteWorkflow.Transition> t = found.flatMap(i -> workflow.byName(i.kind(), i.status, i.isStandard(), i.request, name));
    t.ifPresent(tr -> move(found.get(), tr.to(), accountId));
    return t.isPresent();
  }

  private void move(Issue issue, String to, String accountId) {
    String from = issue.status;
    issue.status = to;
    touch(issue);
    SiteWorkflow.resolution(to).ifPresentOrElse(
        r -> issue.fields.putObject("resolution").put("id", SiteWorkflow.resolutionId(r)).put("name", r),
        () -> issue.fields.putNull("resolution"));
    boolean approval = to.equals(SiteWorkflow.AWAITING_APPROVAL) && issue.kind() == SiteWorkflow.Kind.CHANGE;
    if (approval && issue.request) {
      issue.approvals.add(new Approval(Integer.toString(nextApproval++), "Change manager approval", approvers,
          clock.instant()));
    }
    List<String> labels = new ArrayList<>();
    issue.fields.path("labels").forEach(l -> labels.add(l.asText()));
    onStatusChange.accept(new StatusChange(issue.id, issue.key, from, to, accountId, labels));
    if (approval && quirks.automationApproves) {
      approveByAutomation(issue);
    }
  }

  /** An automation rule approving a change the moment it awaits approval (JSM rules do). */
  private void approveByAutomation(Issue issue) {
    if (issue.request) {
      Approval a = issue.approvals.get(issue.approvals.size() - 1);
      a.decisions.put(SiteQuirks.AUTOMATION, "approved");
      a.finalDecision = "approved";
      a.completed = clock.instant();
    }
    move(issue, SiteWorkflow.AWAITING_IMPLEMENTATION, SiteQuirks.AUTOMATION);
  }

  // ------------------------------------------------------------------ search

  synchronized Reply search(JsonNode body) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      if (!SEARCH_KEYS.contains(names.next())) {
        return Reply.platform(400, "Invalid request payload. Refer to the REST API documentation and try again.");
      }
    }
    if (!body.path("jql").isTextual()) {
      return Reply.platform(400, "The JQL query is required.");
    }
    String jql = body.path("jql").asText();
    JqlQuery query;
    try {
      query = JqlQuery.parse(jql);
    } catch (JqlQuery.Refused refused) {
      return Reply.platform(400, refused.getMessage());
    }
    if (!query.bounded()) {
      return Reply.platform(400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
    }
    for (String property : query.properties()) {
      if (!indexedProperties.contains(property)) {
        return Reply.platform(400, "Field 'issue.property[" + property + "]' does not exist or you do not have "
            + "permission to view it.");
      }
    }
    long now = ++searches;
    List<String> reconcile = new ArrayList<>();
    body.path("reconcileIssues").forEach(id -> reconcile.add(id.asText()));
    List<Issue> matches = byId.values().stream()
        .filter(i -> i.searchableAfter < now && clock.millis() - i.createdMillis >= quirks.searchLag.toMillis()
            || reconcile.contains(i.id))
        .filter(i -> matches(i, query)).toList();
    int offset = 0;
    if (body.path("nextPageToken").isTextual()) {
      Optional<Integer> decoded = decodeToken(body.path("nextPageToken").asText(), jql);
      if (decoded.isEmpty()) {
        return Reply.platform(400, "The provided next page token is invalid or expired.");
      }
      offset = decoded.get();
    }
    int size = Math.max(1, Math.min(body.path("maxResults").asInt(50), searchPage));
    ObjectNode out = Reply.JSON.createObjectNode();
    ArrayNode issues = out.putArray("issues");
    Optional<String> wanted = body.path("fields").isArray() && !body.path("fields").isEmpty()
        ? Optional.of(String.join(",", toList(body.path("fields")))) : Optional.of("id");
    Optional<String> props = body.path("properties").isArray() && !body.path("properties").isEmpty()
        ? Optional.of(String.join(",", toList(body.path("properties")))) : Optional.empty();
    matches.stream().skip(offset).limit(size).forEach(i -> issues.add(view(i, wanted, props)));
    boolean last = offset + size >= matches.size();
    if (!last) {
      out.put("nextPageToken", encodeToken(offset + size, jql));
    }
    out.put("isLast", last);
    return Reply.json(200, out);
  }

  private boolean matches(Issue issue, JqlQuery query) {
    for (JqlQuery.Clause c : query.clauses()) {
      boolean ok = switch (c.field()) {
        case "project" -> isProject(c.value());
        case "key" -> issue.key.equalsIgnoreCase(c.value());
        case "issuetype" -> ISSUE_TYPES.getOrDefault(issue.typeId, "").equalsIgnoreCase(c.value());
        case "labels" -> toList(issue.fields.path("labels")).contains(c.value());
        case "property" -> Optional.ofNullable(issue.properties.get(c.property()))
            .map(v -> v.at("/" + c.path().replace('.', '/'))).filter(JsonNode::isValueNode)
            .map(JsonNode::asText).filter(c.value()::equals).isPresent();
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static List<String> toList(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String encodeToken(int offset, String jql) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((offset + ":" + jql.hashCode()).getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<Integer> decodeToken(String token, String jql) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
      return parts.length == 2 && parts[1].equals(Integer.toString(jql.hashCode()))
          ? Optional.of(Integer.parseInt(parts[0])) : Optional.empty();
    } catch (IllegalArgumentException bad) {
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------ approvals

  synchronized Reply approvals(String idOrKey, int start, int limit, String accountId) {
    Optional<Issue> found = issue(idOrKey);
    if (found.isEmpty() || !found.get().request) {
      return noRequest();
    }
    List<Approval> all = found.get().approvals;
    int size = Math.max(1, Math.min(limit, 50));
    ObjectNode body = Reply.JSON.createObjectNode();
    ArrayNode values = Reply.JSON.createArrayNode();
    all.stream().skip(Math.max(0, start)).limit(size).forEach(a -> values.add(approval(found.get(), a, accountId)));
    body.put("size", values.size()).put("start", start).put("limit", size)
        .put("isLastPage", start + values.size() >= all.size()).set("values", values);
    body.putObject("_links").put("self", base + "/rest/servicedeskapi/request/" + found.get().id + "/approval");
    return Reply.json(200, body);
  }

  synchronized Reply approval(String idOrKey, String approvalId, String accountId) {
    Optional<Issue> found = issue(idOrKey);
    if (found.isEmpty() || !found.get().request) {
      return noRequest();
    }
    return found.get().approvals.stream().filter(a -> a.id.equals(approvalId)).findFirst()
        .map(a -> Reply.json(200, approval(found.get(), a, accountId)))
        .orElseGet(() -> Reply.serviceDesk(404, "The approval does not exist.", "sd.approval.error.not.found"));
  }

  synchronized Reply decide(String idOrKey, String approvalId, JsonNode body, String accountId) {
    Optional<Issue> found = issue(idOrKey);
    if (found.isEmpty() || !found.get().request) {
      return noRequest();
    }
    Optional<Approval> approval = found.get().approvals.stream().filter(a -> a.id.equals(approvalId)).findFirst();
    if (approval.isEmpty()) {
      return Reply.serviceDesk(404, "The approval does not exist.", "sd.approval.error.not.found");
    }
    String decision = body.path("decision").asText("");
    if (!decision.equals("approve") && !decision.equals("decline")) {
      return Reply.serviceDesk(400, "The decision must be approve or decline.", "sd.approval.error.invalid.decision");
    }
    Approval a = approval.get();
    if (race.isPresent()) {
      decideAs(found.get(), a, race.get().getKey(), race.get().getValue());
      race = Optional.empty();
    }
    if (!a.decisions.containsKey(accountId)) {
      return Reply.serviceDesk(403, "You are not an approver of this request.", "sd.approval.error.not.approver");
    }
    if (!a.finalDecision.equals("pending") || !a.decisions.get(accountId).equals("pending")) {
      return Reply.serviceDesk(409, "This approval has already been decided.", "sd.approval.error.already.decided");
    }
    decideAs(found.get(), a, accountId, decision.equals("approve"));
    return Reply.json(200, approval(found.get(), a, accountId));
  }

  /** The next answer to an approval loses a race: {@code accountId} decides it just before. */
  synchronized void raceNextAnswer(String accountId, boolean approve) {
    race = Optional.of(Map.entry(accountId, approve));
  }

  /** Records an approver's decision, completing the approval and moving the issue when it is decided. */
  synchronized boolean decideAs(Issue issue, Approval a, String accountId, boolean approve) {
    if (!a.finalDecision.equals("pending") || !"pending".equals(a.decisions.get(accountId))) {
      return false;
    }
    a.decisions.put(accountId, approve ? "approved" : "declined");
    touch(issue);
    long approvedCount = a.decisions.values().stream().filter("approved"::equals).count();
    if (!approve) {
      a.finalDecision = "declined";
    } else if (approvedCount >= approvalsNeeded) {
      a.finalDecision = "approved";
    }
    if (!a.finalDecision.equals("pending")) {
      a.completed = clock.instant();
      move(issue, approve ? SiteWorkflow.AWAITING_IMPLEMENTATION : SiteWorkflow.DECLINED, accountId);
    }
    return true;
  }

  private ObjectNode approval(Issue issue, Approval a, String accountId) {
    ObjectNode node = Reply.JSON.createObjectNode().put("id", a.id).put("name", a.name)
        .put("finalDecision", a.finalDecision)
        .put("canAnswerApproval", a.finalDecision.equals("pending") && "pending".equals(a.decisions.get(accountId)));
    ArrayNode list = node.putArray("approvers");
    a.decisions.forEach((who, d) -> {
      ObjectNode entry = list.addObject();
      entry.putObject("approver").put("accountId", who).put("displayName", "User " + who);
      entry.put("approverDecision", d);
    });
    date(node.putObject("createdDate"), a.created);
    if (a.completed != null) {
      date(node.putObject("completedDate"), a.completed);
    }
    node.putObject("_links").put("self", base + "/rest/servicedeskapi/request/" + issue.id + "/approval/" + a.id);
    return node;
  }

  private static void date(ObjectNode node, Instant at) {
    node.put("iso8601", at.toString()).put("epochMillis", at.toEpochMilli())
        .put("jira", SiteFields.JIRA_DATE_TIME.format(at.atOffset(java.time.ZoneOffset.UTC)));
  }

  static Reply noRequest() {
    return Reply.serviceDesk(404, "The request does not exist or you do not have permission to see it.",
        "sd.request.error.not.found");
  }

  synchronized List<Issue> issues() {
    return List.copyOf(byId.values());
  }
}
