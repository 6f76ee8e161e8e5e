package io.github.coexist.core.change;

import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The gate's answer to a pipeline: the outcome, and a comment naming the change record and
 * summarising the risk explanation. A pending reply is a progress note; approved or rejected is
 * final.
 *
 * @param change the change the reply is about
 * @param externalKey where the ITSM tool holds the change, when it does
 * @param outcome approved, rejected or pending (progress)
 * @param comment the text for people, as the pipeline shows it
 * @param source the tool that sent the deployment request ({@code github})
 * @param replyTo what the source's adapter stored in the request to find the pipeline again
 */
public record GateReply(
    ChangeId change,
    Optional<ExternalKey> externalKey,
    Decision.Outcome outcome,
    String comment,
    String source,
    Map<String, String> replyTo) {
  public GateReply {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(externalKey, "externalKey");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(source, "source");
    replyTo = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(replyTo));
  }

  /** Whether this reply ends the pipeline's wait. */
  public boolean isFinal() {
    return outcome != Decision.Outcome.PENDING;
  }
}
