package io.github.coexist.core.gate;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.risk.RiskAssessment;
import java.util.List;
import java.util.Locale;

/**
 * The text the pipeline shows with a gate reply: names the change (its id and ITSM key), says
 * the outcome, and summarises the risk explanation by its top factors.
 */
final class Comments {
  /** Comments longer than this are cut, since pipelines limit them (GitHub: 1024 characters). */
  static final int MAX_LENGTH = 1000;

  private static final int TOP_FACTORS = 3;

  private Comments() {}

  /** The comment on {@code change}, whose risk {@code factors} explain, highest first. */
  static String of(Change change, List<String> factors) {
    Decision decision = change.decision();
    StringBuilder text = new StringBuilder(MAX_LENGTH + 24);
    text.append(change.externalKey().map(k -> k.display() + " (change " + change.id() + ")")
        .orElse("change " + change.id()));
    switch (decision.outcome()) {
      case APPROVED -> text.append(" approved");
      case REJECTED -> text.append(" rejected");
      case PENDING -> text.append(" pending");
    }
    if (!decision.decidedBy().equals(Actor.COEXIST) && !decision.isPending()) {
      text.append(" by ").append(decision.decidedBy().name());
    }
    decision.waitingFor().ifPresent(w -> text.append(": waiting for ").append(w));
    RiskAssessment risk = change.risk();
    text.append(". Risk ").append(risk.level().name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .append(" (").append(risk.score()).append("/100)");
    if (!factors.isEmpty()) {
      text.append(": ").append(String.join("; ", factors.subList(0, Math.min(TOP_FACTORS, factors.size()))));
    }
    text.append('.');
    if (!decision.reasons().isEmpty()) {
      text.append(' ').append(String.join("; ", decision.reasons())).append('.');
    }
    text.append(" Policy ").append(decision.policyVersion()).append('.');
    return text.length() <= MAX_LENGTH ? text.toString() : text.substring(0, MAX_LENGTH - 1) + "\u2026";
  }
}
