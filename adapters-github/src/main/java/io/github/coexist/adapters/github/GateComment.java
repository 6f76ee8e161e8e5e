package io.github.coexist.adapters.github;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;

/**
 * The text of a protection rule review: a first line with the outcome and the change record, then
 * core's explanation. GitHub shows at most 1024 characters (Markdown), so longer text is cut at a
 * character boundary with an ellipsis, keeping the first line whole.
 */
final class GateComment {
  static final int MAX_LENGTH = 1024;

  private GateComment() {}

  /** The comment for {@code reply}. */
  static String of(GateReply reply) {
    String record = reply.externalKey()
        .map(k -> "change " + k.display() + " (coexist " + reply.change().value() + ")")
        .orElse("coexist change " + reply.change().value());
    String head = "**coexist: " + word(reply.outcome()) + "**, " + record;
    String body = reply.comment().strip();
    return fit(body.isEmpty() ? head : head + "\n\n" + body);
  }

  /** {@code text} cut to {@link #MAX_LENGTH} characters. */
  static String fit(String text) {
    return Fields.cut(text, MAX_LENGTH);
  }

  static String word(Decision.Outcome outcome) {
    return switch (outcome) {
      case APPROVED -> "approved";
      case REJECTED -> "rejected";
      case PENDING -> "waiting";
    };
  }
}
