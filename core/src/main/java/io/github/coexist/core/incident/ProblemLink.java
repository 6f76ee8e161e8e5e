package io.github.coexist.core.incident;

import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.ProblemId;
import java.util.Objects;
import java.util.Optional;

/**
 * The problem an incident belongs to, as far as the incident needs to know it: which problem,
 * where the ITSM tool keeps it, and its workaround once the problem is a known error, so that the
 * people on the incident see the workaround where they look (its view, its timeline, the work
 * notes of its ITSM record).
 *
 * @param problem the problem
 * @param record where the ITSM tool keeps the problem, once it does
 * @param workaround the known error's workaround, once one is recorded
 */
public record ProblemLink(ProblemId problem, Optional<ExternalKey> record, Optional<String> workaround) {
  public ProblemLink {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(workaround, "workaround");
  }

  /** The sentence the incident's timeline and its ITSM work notes give the link. */
  public String note() {
    return "linked to problem " + problem + workaround.map(w -> " (a known error); workaround: " + w).orElse("");
  }
}
