package io.github.coexist.core.change;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The guardrails of a standard change template: what a claim of the template must stay within to
 * be pre-authorised. A claim outside them is assessed as a normal change, and the decision names
 * every limit it broke. The risk rules still apply: a claim whose risk is forced above {@link
 * #maxRisk()} (tier 1 without a rollback plan, say) is outside its limits.
 *
 * @param claimants the repositories ({@code owner/name}, or {@code owner/*} for an owner's every
 *     repository) that may claim the template; empty: any
 * @param maxLines the most lines a claim may change
 * @param maxFiles the most files a claim may change
 * @param tiers the service tiers the template may change; empty: any (a service the directory
 *     does not know is outside a tier limit)
 * @param paths path prefixes every changed path must start with ({@code config/}); empty: any. A
 *     claim that does not report its paths is outside a path limit: it cannot be checked
 * @param maxRisk the highest risk level a claim may have, as assessed (rules included)
 * @param noUrgentIncidents whether an open P1 or P2 incident on the service puts a claim outside
 * @param demoteAfter how many failed changes among the template's last {@code demoteWindow}
 *     demote it to normal until it is re-enabled
 * @param demoteWindow how many of the template's last changes are looked at
 */
public record StandardChangeLimits(
    SortedSet<String> claimants,
    Optional<Integer> maxLines,
    Optional<Integer> maxFiles,
    SortedSet<Tier> tiers,
    List<String> paths,
    RiskLevel maxRisk,
    boolean noUrgentIncidents,
    int demoteAfter,
    int demoteWindow) {

  /** The limits of a template the policy gives none: moderate risk at most, no open P1/P2, demoted at 2 of 5 failed. */
  public static final StandardChangeLimits DEFAULT = new StandardChangeLimits(new TreeSet<>(), Optional.empty(),
      Optional.empty(), new TreeSet<>(), List.of(), RiskLevel.MODERATE, true, 2, 5);

  public StandardChangeLimits {
    claimants = Collections.unmodifiableSortedSet(new TreeSet<>(claimants));
    Objects.requireNonNull(maxLines, "maxLines");
    Objects.requireNonNull(maxFiles, "maxFiles");
    tiers = Collections.unmodifiableSortedSet(new TreeSet<>(tiers));
    paths = List.copyOf(paths);
    Objects.requireNonNull(maxRisk, "maxRisk");
    if (demoteAfter < 1 || demoteWindow < demoteAfter) {
      throw new IllegalArgumentException("need 1 <= demoteAfter <= demoteWindow, got " + demoteAfter + " of "
          + demoteWindow);
    }
    if (maxLines.filter(n -> n < 0).isPresent() || maxFiles.filter(n -> n < 0).isPresent()) {
      throw new IllegalArgumentException("size limits cannot be negative");
    }
  }

  /**
   * What {@code facts} say about a claim of the template by {@code request} at {@code risk}: one
   * sentence per limit it breaks, empty when it stays within all of them.
   */
  public List<String> broken(DeploymentRequest request, RiskAssessment risk, StandardClaimFacts facts) {
    List<String> broken = new ArrayList<>();
    if (!claimants.isEmpty() && !claimedByAllowed(request)) {
      broken.add(request.repository().map(r -> "repository " + r).orElse("an unknown repository")
          + " may not claim it (allowed: " + String.join(", ", claimants) + ")");
    }
    maxLines.filter(max -> request.size().linesChanged() > max).ifPresent(max ->
        broken.add(request.size().linesChanged() + " lines changed, more than its limit of " + max));
    maxFiles.filter(max -> request.size().filesChanged() > max).ifPresent(max ->
        broken.add(request.size().filesChanged() + " files changed, more than its limit of " + max));
    if (!tiers.isEmpty() && facts.tier().filter(tiers::contains).isEmpty()) {
      broken.add(facts.tier().map(t -> "tier " + t.rank()).orElse("an unknown tier") + " is not among its tiers "
          + tiers.stream().map(t -> String.valueOf(t.rank())).toList());
    }
    pathProblem(request).ifPresent(broken::add);
    if (risk.level().compareTo(maxRisk) > 0) {
      broken.add(lower(risk.level()) + " risk (score " + risk.score() + risk.forcedBy().map(r -> ", forced by '" + r + "'")
          .orElse("") + ") is above its limit of " + lower(maxRisk));
    }
    if (noUrgentIncidents && facts.urgentIncidents() > 0) {
      broken.add(facts.urgentIncidents() + " open P1/P2 " + (facts.urgentIncidents() == 1 ? "incident" : "incidents")
          + " on the service");
    }
    return broken;
  }

  private boolean claimedByAllowed(DeploymentRequest request) {
    if (request.repository().isEmpty()) {
      return false;
    }
    String repository = request.repository().get().toLowerCase(Locale.ROOT);
    for (String claimant : claimants) {
      String c = claimant.toLowerCase(Locale.ROOT);
      boolean matches = c.endsWith("/*") ? repository.startsWith(c.substring(0, c.length() - 1)) : repository.equals(c);
      if (matches) {
        return true;
      }
    }
    return false;
  }

  private Optional<String> pathProblem(DeploymentRequest request) {
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    if (request.paths().isEmpty()) {
      return Optional.of("its changed paths were not reported, so its path limit " + paths + " cannot be checked");
    }
    for (String path : request.paths()) {
      if (paths.stream().noneMatch(path::startsWith)) {
        return Optional.of("path " + path + " is outside " + paths);
      }
    }
    return Optional.empty();
  }

  private static String lower(RiskLevel level) {
    return level.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
