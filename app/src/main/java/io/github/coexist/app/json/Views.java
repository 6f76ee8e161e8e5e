package io.github.coexist.app.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditVerification;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.SlaClock;
import io.github.coexist.core.incident.SlaStatus;
import io.github.coexist.core.incident.Suspect;
import io.github.coexist.core.postmortem.PublishedPostmortem;
import io.github.coexist.core.postmortem.TrackedAction;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON shapes of the app's API, its dashboard and its replay output: one method per kind of
 * thing, times as ISO-8601 UTC, enums in lower case, absent values as JSON null.
 */
public final class Views {
  /** The mapper every view is built and written with. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private Views() {}

  /**
   * A change: {@code id, itsmKey, service, summary, type, model, state, risk {score, level, forcedBy,
   * factors [{name, contribution, reason}]}, decision {outcome, reasons, policyVersion, authority,
   * decidedBy}, decidedAt, waitingFor, expiresAt, deployment {repository, environment, sha},
   * plannedStart, plannedEnd, createdAt, updatedAt, closeCode, conflicts, conflictCount, sync,
   * syncProblem, itsmRefusal}: {@code itsmRefusal} is the ITSM tool's reason for refusing the
   * change's record for good, while it holds no record that matches (null otherwise). {@code
   * conflicts} lists at most the {@value RiskContext.Overlaps#NEAREST} overlapping changes planned
   * nearest this one ({@code change, service, start, end}); {@code conflictCount} counts them all.
   */
  public static ObjectNode change(TrackedChange tracked) {
    Change c = tracked.change();
    ObjectNode node = JSON.createObjectNode();
    node.put("id", c.id().value());
    node.put("itsmKey", c.externalKey().map(k -> k.display()).orElse(null));
    node.put("service", c.service().value());
    node.put("summary", c.request().summary().orElse(null));
    node.put("type", lower(c.type()));
    node.put("model", c.model());
    node.put("state", lower(c.state()));
    node.set("risk", risk(c));
    Decision d = c.decision();
    ObjectNode decision = node.putObject("decision");
    decision.put("outcome", lower(d.outcome()));
    strings(decision.putArray("reasons"), d.reasons());
    decision.put("policyVersion", d.policyVersion());
    decision.put("authority", d.authority().orElse(null));
    decision.put("decidedBy", d.decidedBy().name());
    node.put("decidedAt", d.decidedAt().toString());
    node.put("waitingFor", d.waitingFor().orElse(null));
    node.put("expiresAt", d.expiresAt().map(Object::toString).orElse(null));
    DeploymentRequest r = c.request();
    ObjectNode deployment = node.putObject("deployment");
    deployment.put("repository", r.repository().orElse(null));
    deployment.put("environment", r.environment());
    deployment.put("sha", r.headSha().orElse(null));
    node.put("plannedStart", c.plannedStart().toString());
    node.put("plannedEnd", c.plannedEnd().toString());
    node.put("createdAt", c.createdAt().toString());
    node.put("updatedAt", c.updatedAt().toString());
    node.put("closeCode", c.closeCode().map(Views::lower).orElse(null));
    ArrayNode conflicts = node.putArray("conflicts");
    tracked.conflicts().nearest().forEach(o -> conflicts.addObject()
        .put("change", o.changeId())
        .put("service", o.service().value())
        .put("start", o.start().toString())
        .put("end", o.end().toString()));
    node.put("conflictCount", tracked.conflicts().count());
    node.put("sync", lower(tracked.sync()));
    node.put("syncProblem", tracked.problem().orElse(null));
    node.put("itsmRefusal", tracked.sync() == TrackedChange.Sync.FAILED ? tracked.problem().orElse(null) : null);
    return node;
  }

  /** An incident: {@code id, itsmKey, title, summary, service, state, priority, impact, urgency, ...}. */
  public static ObjectNode incident(Incident i, Optional<SlaStatus> sla, List<Suspect> suspects) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", i.id().value());
    node.put("itsmKey", i.externalKey().map(k -> k.display()).orElse(null));
    node.put("title", i.title());
    node.put("summary", i.title());
    node.put("service", i.service().value());
    node.put("state", lower(i.state()));
    node.put("priority", i.priority().level());
    node.put("impact", lower(i.impact()));
    node.put("urgency", lower(i.urgency()));
    node.put("major", i.major());
    node.put("assignmentGroup", i.assignmentGroup().map(Object::toString).orElse(null));
    node.put("openedAt", i.openedAt().toString());
    node.put("acknowledgedAt", i.acknowledgedAt().map(Object::toString).orElse(null));
    node.put("resolvedAt", i.resolvedAt().map(Object::toString).orElse(null));
    node.put("closedAt", i.closedAt().map(Object::toString).orElse(null));
    node.put("reopenCount", i.reopenCount());
    node.put("causedBy", i.causedBy().map(c -> c.describe()).orElse(null));
    i.problem().ifPresentOrElse(link -> node.putObject("problem")
        .put("id", link.problem().value())
        .put("itsmKey", link.record().map(k -> k.display()).orElse(null))
        .put("workaround", link.workaround().orElse(null)), () -> node.putNull("problem"));
    node.put("verdict", i.verdict().label());
    sla.ifPresentOrElse(s -> {
      ObjectNode clocks = node.putObject("sla");
      clocks.set("response", clock(s.response()));
      clocks.set("resolution", clock(s.resolution()));
    }, () -> node.putNull("sla"));
    ArrayNode list = node.putArray("suspects");
    for (Suspect s : suspects) {
      list.addObject()
          .put("rank", s.rank())
          .put("kind", lower(s.kind()))
          .put("service", s.service().value())
          .put("change", s.change().map(Object::toString).orElse(null))
          .put("deployment", s.deployment().map(Object::toString).orElse(null))
          .put("at", s.at().toString())
          .put("hops", s.hops())
          .put("reason", s.reason());
    }
    return node;
  }

  /** A published postmortem: {@code incident, publishedBy, publishedAt, markdown, actions}. */
  public static ObjectNode publishedPostmortem(PublishedPostmortem p) {
    ObjectNode node = JSON.createObjectNode();
    node.put("incident", p.incident().value());
    node.put("publishedBy", p.publishedBy().name());
    node.put("publishedAt", p.publishedAt().toString());
    node.put("markdown", p.postmortem().toMarkdown());
    ArrayNode actions = node.putArray("actions");
    p.actions().forEach(a -> actions.add(action(a)));
    return node;
  }

  /** A postmortem's action item: {@code id, title, kind, service, owner, due, status, ticket, doneAt}. */
  public static ObjectNode action(TrackedAction a) {
    return JSON.createObjectNode()
        .put("id", a.id())
        .put("title", a.title())
        .put("kind", lower(a.kind()))
        .put("service", a.service().value())
        .put("owner", a.owner().toString())
        .put("due", a.due().toString())
        .put("status", lower(a.status()))
        .put("ticket", a.ticket().map(k -> k.display()).orElse(null))
        .put("doneAt", a.doneAt().map(Object::toString).orElse(null));
  }

  /** A problem: {@code id, itsmKey, title, service, state, priority, incidents, knownError, fix, ...}. */
  public static ObjectNode problem(Problem p) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", p.id().value());
    node.put("itsmKey", p.externalKey().map(k -> k.display()).orElse(null));
    node.put("title", p.title());
    node.put("service", p.service().value());
    node.put("state", lower(p.state()));
    node.put("priority", p.priority().level());
    node.put("raisedAutomatically", p.raisedAutomatically());
    ArrayNode incidents = node.putArray("incidents");
    p.incidents().forEach(id -> incidents.add(id.value()));
    p.knownError().ifPresentOrElse(k -> node.putObject("knownError")
        .put("rootCause", k.rootCause())
        .put("workaround", k.workaround())
        .put("recordedAt", k.recordedAt().toString()), () -> node.putNull("knownError"));
    node.put("fix", p.fix().map(Object::toString).orElse(null));
    node.put("openedAt", p.openedAt().toString());
    node.put("resolvedAt", p.resolvedAt().map(Object::toString).orElse(null));
    return node;
  }

  /** An audit entry, inputs included. */
  public static ObjectNode audit(AuditEntry e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("sequence", e.sequence());
    node.put("at", e.at().toString());
    node.put("actor", e.actor().name());
    node.put("action", e.action());
    node.put("subject", e.subject());
    node.put("policyVersion", e.policyVersion().orElse(null));
    ObjectNode inputs = node.putObject("inputs");
    e.inputs().forEach(inputs::put);
    node.put("outcome", e.outcome());
    node.put("previousHash", e.previousHash());
    node.put("hash", e.hash());
    return node;
  }

  /** The result of verifying the audit chain: {@code intact, entriesChecked, firstBroken, reason}. */
  public static ObjectNode verification(AuditVerification v) {
    ObjectNode node = JSON.createObjectNode();
    node.put("intact", v.intact());
    node.put("entriesChecked", v.entriesChecked());
    node.put("firstBroken", v.firstBroken().orElse(null));
    node.put("reason", v.reason().orElse(null));
    return node;
  }

  /** Compact JSON text of {@code node}. */
  public static String text(JsonNode node) {
    return node.toString();
  }

  private static ObjectNode clock(SlaClock c) {
    ObjectNode node = JSON.createObjectNode();
    node.put("targetSeconds", c.target().toSeconds());
    node.put("remainingSeconds", c.remaining().toSeconds());
    node.put("pausedSeconds", c.paused().toSeconds());
    node.put("breached", c.breached());
    node.put("phase", lower(c.phase()));
    node.put("dueAt", c.dueAt().map(Object::toString).orElse(null));
    return node;
  }

  private static ObjectNode risk(Change c) {
    ObjectNode risk = JSON.createObjectNode();
    risk.put("score", c.risk().score());
    risk.put("level", lower(c.risk().level()));
    risk.put("forcedBy", c.risk().forcedBy().orElse(null));
    ArrayNode factors = risk.putArray("factors");
    for (FactorContribution f : c.risk().contributions()) {
      factors.addObject().put("name", f.factor()).put("contribution", f.points()).put("reason", f.reason());
    }
    return risk;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
