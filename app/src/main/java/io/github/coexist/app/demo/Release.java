package io.github.coexist.app.demo;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One release a team wants to ship: what the pipeline tells the gate, and how it will go once
 * approved. The story makes them; a {@link Pipeline} carries them to coexist.
 *
 * @param number the pull request and build number, unique in the story
 * @param unit the service and its team
 * @param title the pull request's title
 * @param requester the developer who asks
 * @param files files changed
 * @param lines lines changed
 * @param evidence what the pipeline proved
 * @param rollbackPlan whether the release can be rolled back
 * @param emergency whether it is declared an emergency
 * @param hotfixFor the incident it fixes
 * @param model the standard change template asked for
 * @param commits the commits it carries, oldest first
 * @param baseSha the sha deployed before
 * @param sha the sha it deploys
 * @param succeeds whether its deployment will succeed
 * @param rollbackOf the deployment it rolls back, when it does
 */
record Release(int number, Shop.Unit unit, String title, Actor requester, int files, int lines,
    PipelineEvidence evidence, boolean rollbackPlan, boolean emergency, Optional<IncidentId> hotfixFor,
    Optional<String> model, List<Commit> commits, String baseSha, String sha, boolean succeeds,
    Optional<DeploymentId> rollbackOf) {

  /** The environment every release of the demo goes to. */
  static final String ENVIRONMENT = "production";

  Release {
    Objects.requireNonNull(unit, "unit");
    commits = List.copyOf(commits);
  }

  /** The repository the service is built from. */
  String repository() {
    return "acme-shop/" + unit.name();
  }

  /** What people read: {@code #412 Add gift cards}. */
  String summary() {
    return "#" + number + " " + title;
  }

  /** The run id of the release's workflow, as GitHub would number it. */
  long runId() {
    return 7_000_000L + number;
  }

  /** The deployment's id. */
  long deploymentNumber() {
    return 9_000_000L + number;
  }

  /** The deployment's id as core keeps it. */
  DeploymentId deploymentId() {
    return DeploymentId.of(Long.toString(deploymentNumber()));
  }

  /** This release deploying with the other outcome. */
  Release succeeding(boolean outcome) {
    return new Release(number, unit, title, requester, files, lines, evidence, rollbackPlan, emergency, hotfixFor,
        model, commits, baseSha, sha, outcome, rollbackOf);
  }

  /** This release rolling back {@code undone}. */
  Release rollingBack(DeploymentId undone) {
    return new Release(number, unit, title, requester, files, lines, evidence, rollbackPlan, emergency, hotfixFor,
        model, commits, baseSha, sha, succeeds, Optional.of(undone));
  }

  /** "12 files, 140 lines; tests passed, review passed, security scan missing; rollback plan". */
  String facts() {
    List<String> checks = new ArrayList<>();
    checks.add("tests " + word(evidence.tests()));
    checks.add("review " + word(evidence.review()));
    checks.add("security scan " + word(evidence.securityScan()));
    return files + (files == 1 ? " file, " : " files, ") + lines + (lines == 1 ? " line; " : " lines; ")
        + String.join(", ", checks) + "; " + (rollbackPlan ? "rollback plan" : "no rollback plan")
        + model.map(m -> "; standard change '" + m + "'").orElse("")
        + (emergency ? "; emergency" : "") + hotfixFor.map(i -> "; fixes " + i).orElse("");
  }

  private static String word(EvidenceStatus status) {
    return switch (status) {
      case PASSED -> "passed";
      case FAILED -> "failed";
      case MISSING -> "missing";
    };
  }
}
