package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.delivery.DeploymentRequest;
import java.util.List;
import java.util.Locale;

/**
 * The description of a change request in Atlassian Document Format, which {@code
 * /rest/api/3} requires for rich text: what is deployed where, the risk factor by factor, and the
 * gate's decision. ADF refuses empty text nodes, so every node carries text.
 */
final class Adf {
  private final ObjectNode doc = Json.MAPPER.createObjectNode();
  private final ArrayNode content;

  private Adf() {
    doc.put("type", "doc").put("version", 1);
    content = doc.putArray("content");
  }

  /** The description of {@code change}. */
  static ObjectNode describe(Change change) {
    DeploymentRequest request = change.request();
    Adf adf = new Adf();
    adf.paragraph(request.describe());
    adf.paragraph("Service " + request.service() + ", environment " + request.environment()
        + ", requested by " + request.requester() + " through " + request.source() + ".");
    request.repository().ifPresent(repo -> adf.paragraph("Repository " + repo
        + request.headSha().map(sha -> " at " + sha).orElse("")
        + request.baseSha().map(sha -> " (currently deployed: " + sha + ")").orElse("") + "."));
    adf.heading("Risk: " + change.risk().level().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + " (score " + change.risk().score() + " of 100)");
    change.risk().forcedBy().ifPresent(rule -> adf.paragraph("Level set by rule " + rule + "."));
    adf.bullets(change.risk().explanation());
    adf.heading("Decision: " + change.decision().outcome().name().toLowerCase(Locale.ROOT)
        + " (policy " + change.decision().policyVersion() + ")");
    adf.bullets(change.decision().reasons());
    change.retryOf().ifPresent(first -> adf.paragraph("New attempt of coexist change " + first
        + " (re-run after it failed or closed)."));
    adf.paragraph("coexist change " + change.id() + ", idempotency key " + change.idempotencyKey() + ".");
    return adf.doc;
  }

  /** The description of {@code problem}: its service, signature and the incidents it causes. */
  static ObjectNode describe(io.github.coexist.core.problem.Problem problem) {
    Adf adf = new Adf();
    adf.paragraph("Service " + problem.service() + ", raised by " + problem.openedBy() + ".");
    problem.signature().ifPresent(signature -> adf.paragraph("Incident signature: " + signature + "."));
    adf.bullets(problem.incidents().stream().map(i -> "incident " + i).toList());
    adf.paragraph("coexist problem " + problem.id() + ", idempotency key " + problem.recordKey() + ".");
    return adf.doc;
  }

  private void paragraph(String text) {
    if (text.isBlank()) {
      return;
    }
    ObjectNode p = content.addObject().put("type", "paragraph");
    p.putArray("content").addObject().put("type", "text").put("text", text);
  }

  private void heading(String text) {
    ObjectNode h = content.addObject().put("type", "heading");
    h.putObject("attrs").put("level", 3);
    h.putArray("content").addObject().put("type", "text").put("text", text);
  }

  private void bullets(List<String> lines) {
    List<String> items = lines.stream().filter(l -> !l.isBlank()).toList();
    if (items.isEmpty()) {
      return;
    }
    ArrayNode list = content.addObject().put("type", "bulletList").putArray("content");
    for (String line : items) {
      ObjectNode paragraph = list.addObject().put("type", "listItem").putArray("content").addObject()
          .put("type", "paragraph");
      paragraph.putArray("content").addObject().put("type", "text").put("text", line);
    }
  }
}
