package io.github.coexist.core.problem;

import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The incidents of one service and signature that the {@link ProblemManager} counts towards
 * raising a problem ({@link RecurrencePolicy}): those opened within the policy's window while no
 * problem of theirs was open. Empty once they raised one. Kept in a store beside the problems, so
 * that a restored manager raises the problem on the same recurrence.
 *
 * @param service the service
 * @param signature the incidents' signature
 * @param sightings the incidents counted, in the order they were seen
 */
public record Recurrence(ServiceId service, String signature, List<Sighting> sightings) {
  public Recurrence {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(signature, "signature");
    sightings = List.copyOf(sightings);
  }

  /**
   * One incident counted.
   *
   * @param incident the incident
   * @param at when it was opened
   * @param impact its impact then
   * @param urgency its urgency then
   */
  public record Sighting(IncidentId incident, Instant at, Impact impact, Urgency urgency) {
    public Sighting {
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(impact, "impact");
      Objects.requireNonNull(urgency, "urgency");
    }
  }

  /** This recurrence without the sightings before {@code horizon}, with {@code sighting} added unless counted already. */
  Recurrence seen(Sighting sighting, Instant horizon) {
    List<Sighting> kept = new ArrayList<>(sightings);
    kept.removeIf(s -> s.at().isBefore(horizon));
    if (kept.stream().noneMatch(s -> s.incident().equals(sighting.incident()))) {
      kept.add(sighting);
    }
    return new Recurrence(service, signature, kept);
  }
}
