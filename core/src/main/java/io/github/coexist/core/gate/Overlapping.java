package io.github.coexist.core.gate;

import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/**
 * What one change's window overlaps, gathered over the books of its service and of each service it
 * depends on: the counts in full, and of the changes found by name only the {@value
 * RiskContext.Overlaps#NEAREST} whose planned start is nearest the change's (ties to the book asked
 * first, then the change created first). The ones kept are listed in the order the books were asked
 * (the service first), oldest change first, as the gate always listed conflicts.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
final class Overlapping {
  private final ServiceId service;
  private final Instant start;
  private final List<Candidate> candidates = new ArrayList<>();
  private int count;
  private int onService;
  private int books;
  private ServiceId lastBook;

  private record Candidate(RiskContext.Overlap overlap, Duration distance, int book) {}

  /** Overlaps of a change on {@code service} planned to start at {@code start}. */
  Overlapping(ServiceId service, Instant start) {
    this.service = service;
    this.start = start;
  }

  /** How many of one book's overlaps to hand over by name. */
  int keep() {
    return RiskContext.Overlaps.NEAREST;
  }

  /** Counts {@code overlapping} more changes on {@code on}, of which {@code nearest} by name. */
  void add(ServiceId on, int overlapping, List<WindowIndex.Window> nearest) {
    if (!on.equals(lastBook)) {
      lastBook = on;
      books++;
    }
    count += overlapping;
    onService += on.equals(service) ? overlapping : 0;
    for (WindowIndex.Window w : nearest) {
      candidates.add(new Candidate(w.overlap(), Duration.between(w.start(), start).abs(), books));
    }
  }

  /** The counts and the nearest few. */
  RiskContext.Overlaps result() {
    if (count == 0) {
      return RiskContext.Overlaps.none();
    }
    List<Candidate> kept = new ArrayList<>(candidates);
    kept.sort(Comparator.comparing(Candidate::distance).thenComparingInt(Candidate::book)
        .thenComparing(c -> c.overlap().changeId()));
    kept = new ArrayList<>(kept.subList(0, Math.min(kept.size(), RiskContext.Overlaps.NEAREST)));
    kept.sort(Comparator.comparingInt(Candidate::book).thenComparing(c -> c.overlap().changeId()));
    return new RiskContext.Overlaps(count, onService, kept.stream().map(Candidate::overlap).toList());
  }
}
