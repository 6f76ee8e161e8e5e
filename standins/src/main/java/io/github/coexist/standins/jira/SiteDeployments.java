package io.github.coexist.standins.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Deployments API of the stand-in ({@code /jira/deployments/0.1/cloud/{cloudId}/...}): bulk
 * submission checked field by field, and gating: a production deployment submitted with {@code
 * initiate_deployment_gating} opens a change request awaiting approval, and its gating status
 * follows that request (Implementing allows, Declined or Canceled prevents).
 */
final class SiteDeployments {
  private static final Set<String> ENVIRONMENT_TYPES = Set.of("unmapped", "development", "testing", "staging", "production");
  private static final Set<String> STATES = Set.of("unknown", "pending", "in_progress", "cancelled", "failed",
      "rolled_back", "successful");
  private final JiraSite site;
  private final Set<String> services;
  private final Clock clock;
  private final Map<String, Gate> gates = new LinkedHashMap<>();

  private record Gate(String pipelineId, String environmentId, long sequence, Optional<String> issueKey, String invalid) {}

  SiteDeployments(JiraSite site, Set<String> services, Clock clock) {
    this.site = site;
    this.services = Set.copyOf(services);
    this.clock = clock;
  }

  synchronized Reply submit(JsonNode body) {
    if (!body.path("deployments").isArray() || body.path("deployments").isEmpty()
        || body.path("deployments").size() > 100) {
      return Reply.platform(400, "The request must carry between 1 and 100 deployments.");
    }
    ObjectNode out = Reply.JSON.createObjectNode();
    ArrayNode accepted = out.putArray("acceptedDeployments");
    ArrayNode rejected = out.putArray("rejectedDeployments");
    out.putArray("unknownIssueKeys");
    ArrayNode unknown = out.putArray("unknownAssociations");
    for (JsonNode d : body.path("deployments")) {
      List<String> errors = new ArrayList<>();
      for (String required : List.of("deploymentSequenceNumber", "updateSequenceNumber", "displayName", "url",
          "description", "lastUpdated", "state", "pipeline", "environment")) {
        if (d.path(required).isMissingNode() || d.path(required).isNull()) {
          errors.add("'" + required + "' is required");
        }
      }
      if (!STATES.contains(d.path("state").asText(""))) {
        errors.add("'state' must be one of " + STATES);
      }
      String type = d.path("environment").path("type").asText("");
      if (!ENVIRONMENT_TYPES.contains(type)) {
        errors.add("'environment.type' must be one of " + ENVIRONMENT_TYPES);
      }
      ObjectNode key = Reply.JSON.createObjectNode().put("pipelineId", d.path("pipeline").path("id").asText(""))
          .put("environmentId", d.path("environment").path("id").asText(""))
          .put("deploymentSequenceNumber", d.path("deploymentSequenceNumber").asLong());
      if (!errors.isEmpty()) {
        ObjectNode r = rejected.addObject();
        r.set("key", key);
        ArrayNode list = r.putArray("errors");
        errors.forEach(e -> list.addObject().put("message", e));
        continue;
      }
      List<String> wanted = new ArrayList<>();
      for (JsonNode a : d.path("associations")) {
        if ("serviceIdOrKeys".equals(a.path("associationType").asText())) {
          a.path("values").forEach(v -> wanted.add(v.asText()));
        }
      }
      List<String> missing = wanted.stream().filter(s -> !services.contains(s)).toList();
      if (!missing.isEmpty()) {
        ArrayNode values = unknown.addObject().put("associationType", "serviceIdOrKeys").putArray("values");
        missing.forEach(values::add);
      }
      accepted.add(key);
      boolean gating = false;
      for (JsonNode c : d.path("commands")) {
        gating |= "initiate_deployment_gating".equals(c.path("command").asText());
      }
      if (gating) {
        gate(d, key, type, wanted);
      }
    }
    return Reply.json(202, out);
  }

  private void gate(JsonNode d, ObjectNode key, String type, List<String> wanted) {
    String id = id(key.path("pipelineId").asText(), key.path("environmentId").asText(),
        key.path("deploymentSequenceNumber").asLong());
    if (gates.containsKey(id)) {
      return; // the same deployment again: the upsert changes nothing
    }
    if (!type.equals("production") || wanted.isEmpty()) {
      gates.put(id, new Gate(key.path("pipelineId").asText(), key.path("environmentId").asText(),
          key.path("deploymentSequenceNumber").asLong(), Optional.empty(),
          "change management applies to production deployments of services only"));
      return;
    }
    ObjectNode fields = Reply.JSON.createObjectNode()
        .put("summary", "Deployment " + d.path("displayName").asText() + " to " + key.path("environmentId").asText());
    JiraSite.Issue issue = site.add("10005", fields);
    site.transitionByName(issue.key, "Start planning", "automation");
    site.transitionByName(issue.key, "Request approval", "automation");
    gates.put(id, new Gate(key.path("pipelineId").asText(), key.path("environmentId").asText(),
        key.path("deploymentSequenceNumber").asLong(), Optional.of(issue.key), null));
  }

  synchronized Reply status(String pipelineId, String environmentId, long sequence) {
    Gate gate = gates.get(id(pipelineId, environmentId, sequence));
    if (gate == null) {
      return Reply.platform(404, "No deployment gating exists for this deployment.");
    }
    String status = gate.invalid() != null ? "invalid" : gate.issueKey().flatMap(site::issue).map(i -> switch (i.status) {
      case SiteWorkflow.IMPLEMENTING, SiteWorkflow.PEER_REVIEW, SiteWorkflow.COMPLETED -> "allowed";
      case SiteWorkflow.DECLINED, SiteWorkflow.CANCELED -> "prevented";
      default -> "awaiting";
    }).orElse("invalid");
    ObjectNode body = Reply.JSON.createObjectNode().put("deploymentSequenceNumber", sequence)
        .put("pipelineId", pipelineId).put("environmentId", environmentId)
        .put("updatedTimestamp", clock.instant().toString()).put("gatingStatus", status);
    ArrayNode details = body.putArray("details");
    gate.issueKey().ifPresent(k -> details.addObject().put("type", "issue").put("issueKey", k)
        .put("issueLink", site.base + "/browse/" + k));
    return Reply.json(200, body);
  }

  private static String id(String pipeline, String environment, long sequence) {
    return pipeline + "\u0000" + environment + "\u0000" + sequence;
  }
}
