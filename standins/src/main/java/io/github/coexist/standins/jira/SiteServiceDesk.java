package io.github.coexist.standins.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The customer side of the stand-in's service desk ({@code /rest/servicedeskapi}): the service
 * desk and its request types, requests raised through a request type (only the fields on the
 * type's form are accepted), and CSAT feedback, an experimental API that needs {@code
 * X-ExperimentalApi: opt-in}.
 */
final class SiteServiceDesk {
  static final String DESK_ID = "1";
  private static final Set<String> FORM_FIELDS = Set.of("summary", "description", "priority");
  private static final List<String[]> ALL_REQUEST_TYPES = List.of(
      new String[] {"11", "Report an incident", JiraSite.INCIDENT_TYPE},
      new String[] {"12", "Request a change", JiraSite.CHANGE_TYPE},
      new String[] {"13", "Get IT help", "10001"});
  /** The request types this desk has: id, name, issue type id. */
  private final List<String[]> requestTypes;
  private final JiraSite site;
  private final String project;
  private final Clock clock;
  private final Map<String, JsonNode> feedback = new LinkedHashMap<>();
  private final Map<String, String> reporters = new LinkedHashMap<>();

  SiteServiceDesk(JiraSite site, String project, Clock clock, Set<String> withoutRequestTypes) {
    this.requestTypes = ALL_REQUEST_TYPES.stream().filter(t -> !withoutRequestTypes.contains(t[1])).toList();
    this.site = site;
    this.project = project;
    this.clock = clock;
  }

  Reply desks() {
    ObjectNode desk = Reply.JSON.createObjectNode().put("id", DESK_ID).put("projectId", "10000")
        .put("projectName", "IT Operations").put("projectKey", project);
    return page(List.of(desk));
  }

  Reply requestTypes(String deskId) {
    if (!DESK_ID.equals(deskId)) {
      return Reply.serviceDesk(404, "The service desk does not exist.", "sd.servicedesk.error.not.found");
    }
    return page(requestTypes.stream().map(t -> (JsonNode) Reply.JSON.createObjectNode().put("id", t[0]).put("name", t[1])
        .put("description", t[1]).put("issueTypeId", t[2]).put("serviceDeskId", DESK_ID)).toList());
  }

  /**
   * Raises a request: the fields must be on the request type's form (summary, description,
   * priority and the custom fields of the create screen); description is plain text unless
   * {@code isAdfRequest}.
   */
  Reply raise(JsonNode body, String accountId) {
    if (!DESK_ID.equals(body.path("serviceDeskId").asText())) {
      return Reply.serviceDesk(400, "The service desk id is not valid.", "sd.request.create.error.servicedesk");
    }
    Optional<String[]> type = requestTypes.stream().filter(t -> t[0].equals(body.path("requestTypeId").asText()))
        .findFirst();
    if (type.isEmpty()) {
      return Reply.serviceDesk(400, "The request type id is not valid.", "sd.request.create.error.requesttype");
    }
    JsonNode values = body.path("requestFieldValues");
    if (!values.isObject() || !values.path("summary").isTextual() || values.path("summary").asText().isBlank()) {
      return Reply.serviceDesk(400, "Summary: You must specify a summary of the issue.", "sd.request.create.error.summary");
    }
    ObjectNode form = Reply.JSON.createObjectNode();
    for (var it = values.fields(); it.hasNext();) {
      var e = it.next();
      if (!FORM_FIELDS.contains(e.getKey()) && !e.getKey().startsWith("customfield_")) {
        return Reply.serviceDesk(400, "The field '" + e.getKey() + "' is not on the form of this request type.",
            "sd.request.create.error.field");
      }
      form.set(e.getKey(), e.getValue());
    }
    boolean adf = body.path("isAdfRequest").asBoolean(false);
    JsonNode description = form.path("description");
    if (!description.isMissingNode()) {
      if (adf != description.isObject()) {
        return Reply.serviceDesk(400, "Description must be " + (adf ? "an ADF document" : "text") + ".",
            "sd.request.create.error.description");
      }
      if (!adf) {
        form.set("description", textDocument(description.asText()));
      }
    }
    Map<String, String> errors = SiteFields.orderedErrors();
    ObjectNode stored = site.fields().check(form, errors, site.base);
    if (!errors.isEmpty()) {
      return Reply.serviceDesk(400, String.join(" ", errors.entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue()).toList()), "sd.request.create.error.fields");
    }
    JiraSite.Issue issue = site.add(type.get()[2], stored);
    synchronized (this) {
      reporters.put(issue.id, body.path("raiseOnBehalfOf").asText(accountId));
    }
    ObjectNode out = Reply.JSON.createObjectNode().put("issueId", issue.id).put("issueKey", issue.key)
        .put("requestTypeId", type.get()[0]).put("serviceDeskId", DESK_ID);
    out.putObject("currentStatus").put("status", issue.status).put("statusCategory", "NEW")
        .putObject("statusDate").put("iso8601", clock.instant().toString()).put("epochMillis", clock.millis());
    out.putObject("reporter").put("accountId", reporters.get(issue.id));
    out.putObject("_links").put("web", site.base + "/servicedesk/customer/portal/1/" + issue.key)
        .put("self", site.base + "/rest/servicedeskapi/request/" + issue.id);
    return Reply.json(201, out);
  }

  synchronized Reply feedback(String idOrKey, boolean optedIn) {
    if (!optedIn) {
      return experimental();
    }
    Optional<JiraSite.Issue> issue = site.issue(idOrKey);
    if (issue.isEmpty()) {
      return JiraSite.noRequest();
    }
    JsonNode found = feedback.get(issue.get().id);
    return found == null
        ? Reply.serviceDesk(404, "No feedback was found for this request.", "sd.feedback.error.not.found")
        : Reply.json(200, found);
  }

  synchronized Reply giveFeedback(String idOrKey, JsonNode body, String accountId, boolean optedIn) {
    if (!optedIn) {
      return experimental();
    }
    Optional<JiraSite.Issue> issue = site.issue(idOrKey);
    if (issue.isEmpty()) {
      return JiraSite.noRequest();
    }
    if (!accountId.equals(reporters.get(issue.get().id))) {
      return Reply.serviceDesk(403, "Only the reporter can give feedback on this request.", "sd.feedback.error.permission");
    }
    int rating = body.path("rating").asInt(0);
    if (!"csat".equals(body.path("type").asText()) || !body.path("rating").isInt() || rating < 1 || rating > 5) {
      return Reply.serviceDesk(400, "Feedback needs type csat and a rating from 1 to 5.", "sd.feedback.error.invalid");
    }
    ObjectNode stored = Reply.JSON.createObjectNode().put("type", "csat").put("rating", rating);
    if (body.path("comment").path("body").isTextual()) {
      stored.putObject("comment").put("body", body.path("comment").path("body").asText());
    }
    feedback.put(issue.get().id, stored);
    return Reply.json(201, stored);
  }

  /** Records feedback as the request's customer would give it in the portal. */
  synchronized boolean rate(String idOrKey, int rating, String comment) {
    Optional<JiraSite.Issue> issue = site.issue(idOrKey);
    issue.ifPresent(i -> {
      ObjectNode stored = Reply.JSON.createObjectNode().put("type", "csat").put("rating", rating);
      if (!comment.isEmpty()) {
        stored.putObject("comment").put("body", comment);
      }
      feedback.put(i.id, stored);
    });
    return issue.isPresent();
  }

  private static Reply experimental() {
    return Reply.serviceDesk(400, "This API is experimental. Experimental APIs are not guaranteed to be stable. "
        + "To use this API you must set a header 'X-ExperimentalApi: opt-in'", "sd.experimental.api.header.missing");
  }

  private static JsonNode textDocument(String text) {
    ObjectNode doc = Reply.JSON.createObjectNode().put("type", "doc").put("version", 1);
    if (!text.isEmpty()) {
      ObjectNode p = doc.putArray("content").addObject().put("type", "paragraph");
      p.putArray("content").addObject().put("type", "text").put("text", text);
    } else {
      doc.putArray("content");
    }
    return doc;
  }

  private static Reply page(List<? extends JsonNode> values) {
    ObjectNode body = Reply.JSON.createObjectNode().put("size", values.size()).put("start", 0).put("limit", 50)
        .put("isLastPage", true);
    ArrayNode list = body.putArray("values");
    values.forEach(list::add);
    return Reply.json(200, body);
  }
}
