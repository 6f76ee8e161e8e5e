package io.github.coexist.core.gate;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.risk.RiskAssessment;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text the pipeline shows with a gate reply: names the change (its id and ITSM key), says
 * the outcome, summarises the risk explanation by its top factors, and says when the ITSM tool
 * refused the change's record, quoting the tool's reason.
 */
final class Comments {
  /** Comments longer than this are cut, since pipelines limit them (GitHub: 1024 characters). */
  static final int MAX_LENGTH = 1000;

  private static final int TOP_FACTORS = 3;
  /** How much of a tool's reason a comment quotes: enough to act on, short enough for any pipeline. */
  static final int MAX_EXCERPT = 300;
  /** Credentials a tool may echo back in an error: the value after the name is never quoted. */
  private static final Pattern SECRET = Pattern.compile(
      "(?i)\\b(authorization|bearer|basic|password|passwd|secret|token|api[_-]?key|client[_-]?secret)(\\b\\W{0,3})(?:(?:bearer|basic)\\s+)?\\S+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private Comments() {}

  /** The comment on {@code change}, whose risk {@code factors} explain, highest first. */
  static String of(Change change, List<String> factors) {
    return of(change, factors, Optional.empty());
  }

  /**
   * The comment on {@code change}, whose risk {@code factors} explain, highest first, and whose
   * record the ITSM tool refused for good with {@code refusal}, if it did: said after the
   * decision's reasons, unless a reason says it already.
   */
  static String of(Change change, List<String> factors, Optional<String> refusal) {
    Decision decision = change.decision();
    int shown = Math.min(TOP_FACTORS, factors.size());
    // Sized from the parts, so the text is written once and copied once (not grown, not oversized).
    StringBuilder text = new StringBuilder(Math.min(MAX_LENGTH + 24, capacity(decision, factors, shown)));
    Optional<ExternalKey> key = change.externalKey();
    if (key.isPresent()) {
      text.append(key.get().display()).append(" (change ").append(change.id()).append(')');
    } else {
      text.append("change ").append(change.id());
    }
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
    // The cached lower-case name; replace() makes a new string only for "very_high".
    text.append(". Risk ").append(Names.lower(risk.level()).replace('_', ' '))
        .append(" (").append(risk.score()).append("/100)");
    if (shown > 0) {
      text.append(": ");
      joined(text, factors.subList(0, shown));
    }
    text.append('.');
    if (!decision.reasons().isEmpty()) {
      text.append(' ');
      joined(text, decision.reasons()).append('.');
    }
    text.append(" Policy ").append(decision.policyVersion()).append('.');
    refusal.filter(r -> !mentioned(decision)).ifPresent(r ->
        text.append(" The ITSM tool refused the change's record: ").append(excerpt(r)).append('.'));
    return cut(text);
  }

  /**
   * {@code reply}, written before the ITSM tool held the change, naming the tool's {@code key} as
   * a reply written now would: the key first, then the change's own id in brackets.
   */
  static GateReply withKey(GateReply reply, ExternalKey key) {
    String head = "change " + reply.change();
    String comment = reply.comment();
    String named = comment.startsWith(head)
        ? cut(new StringBuilder(comment.length() + 24).append(key.display()).append(" (").append(head).append(')')
            .append(comment, head.length(), comment.length()))
        : comment;
    return new GateReply(reply.change(), Optional.of(key), reply.outcome(), named, reply.source(), reply.replyTo());
  }

  /**
   * A tool's reason as a comment quotes it: on one line, credentials it may echo masked, at most
   * {@link #MAX_EXCERPT} characters.
   */
  static String excerpt(String reason) {
    String line = SECRET.matcher(SPACE.matcher(reason).replaceAll(" ").strip()).replaceAll("$1$2***");
    return line.length() <= MAX_EXCERPT ? line : line.substring(0, MAX_EXCERPT - 1) + "\u2026";
  }

  /** Whether a reason of {@code decision} already says that the tool refused the record. */
  private static boolean mentioned(Decision decision) {
    for (String reason : decision.reasons()) {
      if (reason.contains("refused the change's record")) {
        return true;
      }
    }
    return false;
  }

  /** {@code text}, cut to {@link #MAX_LENGTH} with an ellipsis when longer. */
  private static String cut(StringBuilder text) {
    return text.length() <= MAX_LENGTH ? text.toString() : text.substring(0, MAX_LENGTH - 1) + "\u2026";
  }

  /** Appends {@code parts} separated by "; ", as {@code String.join} would, without the joined copy. */
  private static StringBuilder joined(StringBuilder text, List<String> parts) {
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        text.append("; ");
      }
      text.append(parts.get(i));
    }
    return text;
  }

  /** Enough room for the comment: the variable parts' lengths plus the fixed words around them. */
  private static int capacity(Decision decision, List<String> factors, int shown) {
    int capacity = 128 + decision.policyVersion().length() + decision.waitingFor().orElse("").length();
    for (int i = 0; i < shown; i++) {
      capacity += factors.get(i).length() + 2;
    }
    for (String reason : decision.reasons()) {
      capacity += reason.length() + 2;
    }
    return capacity;
  }
}
