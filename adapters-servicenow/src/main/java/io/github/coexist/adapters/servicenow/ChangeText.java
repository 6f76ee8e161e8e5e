package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.delivery.DeploymentRequest;
import java.util.StringJoiner;

/**
 * The words a change request carries for people: its description, built from the deployment and
 * the risk explanation, and its justification, built from the gate's decision.
 */
final class ChangeText {
  private ChangeText() {}

  /** Deployment, requester, risk level and score, and one line per factor that added risk. */
  static String description(Change change) {
    DeploymentRequest request = change.request();
    StringJoiner text = new StringJoiner("\n");
    text.add(request.describe());
    text.add("");
    text.add("Service: " + request.service() + ", environment: " + request.environment());
    request.repository().ifPresent(repo -> text.add("Repository: " + repo
        + request.headSha().map(sha -> " at " + sha).orElse("")));
    text.add("Requested by: " + request.requester() + " via " + request.source());
    text.add("Change size: " + request.size().filesChanged() + " files, " + request.size().linesChanged() + " lines");
    text.add("Risk: " + change.risk().level() + " (score " + change.risk().score() + "/100"
        + change.risk().forcedBy().map(rule -> ", forced by " + rule).orElse("") + ")");
    for (String line : change.risk().explanation()) {
      text.add("- " + line);
    }
    change.retryOf().ifPresent(first -> text.add("New attempt of coexist change " + first + " (re-run after it failed or closed)"));
    text.add("coexist change " + change.id() + ", idempotency key " + change.idempotencyKey());
    return text.toString();
  }

  /** The gate's decision and its reasons. */
  static String justification(Change change) {
    StringJoiner text = new StringJoiner("\n");
    text.add("coexist gate: " + change.decision().outcome() + " under policy " + change.decision().policyVersion());
    change.decision().reasons().forEach(reason -> text.add("- " + reason));
    change.decision().waitingFor().ifPresent(w -> text.add("Waiting for: " + w));
    return text.toString();
  }
}
