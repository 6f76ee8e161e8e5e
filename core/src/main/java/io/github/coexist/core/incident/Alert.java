package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.NullUnmarked;

/**
 * One notification from a monitoring tool that something fired or cleared. Alerts with the same
 * {@link #correlationKey()} fold into one open incident.
 *
 * <p>Built from untrusted input with {@link #builder()}, whose {@link Builder#build()} reports
 * every problem at once as {@link CoexistError.InvalidInput}.
 *
 * @param source the monitoring tool that sent it ({@code prometheus}, {@code datadog})
 * @param dedupKey the tool's key for "the same alert" (an alert rule with its labels, a
 *     fingerprint); repeated alerts with one key on one service fold together
 * @param service the service the alert is about
 * @param summary one line for people
 * @param severity how bad the tool says it is
 * @param impact the impact the tool states, when it does; otherwise the severity's
 * @param urgency the urgency the tool states, when it does; otherwise the severity's
 * @param status firing or resolved (cleared)
 * @param at when the tool saw the alert fire or clear
 * @param labels any further name/value pairs the tool sent, sorted by name
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public record Alert(
    String source,
    String dedupKey,
    ServiceId service,
    String summary,
    AlertSeverity severity,
    Optional<Impact> impact,
    Optional<Urgency> urgency,
    Status status,
    Instant at,
    SortedMap<String, String> labels) {

  /** The label whose value, when present, names the failure for problem detection. */
  public static final String SIGNATURE_LABEL = "signature";

  /** The longest summary accepted; PagerDuty's Events API uses the same limit. */
  public static final int MAX_SUMMARY = 1024;

  /** Whether an alert fires or clears. */
  public enum Status {
    /** The condition holds. */
    FIRING,
    /** The condition no longer holds. */
    RESOLVED
  }

  public Alert {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    if (source.isBlank() || dedupKey.isBlank()) {
      throw new IllegalArgumentException("an alert needs a source and a dedup key");
    }
  }

  /**
   * The key that folds repeated alerts: source, service and dedup key, {@code
   * prometheus/shop/HighLatency}. The service is part of it because two services often share an
   * alert rule's name.
   */
  public String correlationKey() {
    return source + "/" + service + "/" + dedupKey;
  }

  /** What names this failure across incidents: the {@code signature} label, else the correlation key. */
  public String signature() {
    return Optional.ofNullable(labels.get(SIGNATURE_LABEL)).orElseGet(this::correlationKey);
  }

  /** The impact an incident opened by this alert gets. */
  public Impact effectiveImpact() {
    return impact.orElse(severity.defaultImpact());
  }

  /** The urgency an incident opened by this alert gets. */
  public Urgency effectiveUrgency() {
    return urgency.orElse(severity.defaultUrgency());
  }

  /** Whether the alert fires (rather than clears). */
  public boolean isFiring() {
    return status == Status.FIRING;
  }

  /** A builder for an alert from untrusted input. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects an alert's fields as raw values and validates them together: {@link #build()} turns
   * them into typed ones or lists every problem.
   */
  public static final class Builder {
    private String source;
    private String dedupKey;
    private String service;
    private String summary;
    private String severity;
    private Integer impact;
    private Integer urgency;
    private String status;
    private Instant at;
    private final Map<String, String> labels = new TreeMap<>();

    private Builder() {}

    /** Required: the monitoring tool's name. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    /** Required: the tool's key for repeats of this alert. */
    public Builder dedupKey(String dedupKey) {
      this.dedupKey = dedupKey;
      return this;
    }

    /** Required: the service the alert is about. */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** Required when firing, at most {@value Alert#MAX_SUMMARY} characters; a clear may omit it. */
    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    /** Required: see {@link AlertSeverity#parse(String)} for the names accepted. */
    public Builder severity(String severity) {
      this.severity = severity;
      return this;
    }

    /** Optional: 1 (high) to 3 (low); the severity's default when not set. */
    public Builder impact(int impact) {
      this.impact = impact;
      return this;
    }

    /** Optional: 1 (high) to 3 (low); the severity's default when not set. */
    public Builder urgency(int urgency) {
      this.urgency = urgency;
      return this;
    }

    /** Required: {@code firing} (also {@code triggered}, {@code open}) or {@code resolved} (also {@code cleared}, {@code ok}). */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /** Required: when the tool saw it. */
    public Builder at(Instant at) {
      this.at = at;
      return this;
    }

    /** Adds a label; the name must not be blank. */
    public Builder label(String name, String value) {
      labels.put(name == null ? "" : name, value == null ? "" : value);
      return this;
    }

    /** The alert, or every problem found in it. */
    public Either<CoexistError, Alert> build() {
      Problems problems = new Problems()
          .require(!Problems.isBlank(source), "source is required")
          .require(!Problems.isBlank(dedupKey), "dedup key is required")
          .require(!Problems.isBlank(service), "service is required")
          .require(at != null, "at (when the alert fired or cleared) is required");
      Optional<AlertSeverity> parsedSeverity = AlertSeverity.parse(severity);
      problems.require(parsedSeverity.isPresent(), Problems.isBlank(severity)
          ? "severity is required"
          : "severity '" + severity + "' is not one of critical, error, warning, info");
      Optional<Status> parsedStatus = parseStatus(status);
      problems.require(parsedStatus.isPresent(), Problems.isBlank(status)
          ? "status is required"
          : "status '" + status + "' is not firing or resolved");
      boolean firing = parsedStatus.map(s -> s == Status.FIRING).orElse(true);
      problems.require(!firing || !Problems.isBlank(summary), "summary is required for a firing alert");
      problems.require(summary == null || summary.length() <= MAX_SUMMARY,
          "summary must be at most " + MAX_SUMMARY + " characters, was "
              + (summary == null ? 0 : summary.length()));
      problems.require(impact == null || Impact.ofLevel(impact).isPresent(),
          "impact must be 1 to 3, was " + impact);
      problems.require(urgency == null || Urgency.ofLevel(urgency).isPresent(),
          "urgency must be 1 to 3, was " + urgency);
      problems.require(!labels.containsKey("") && labels.keySet().stream().noneMatch(String::isBlank),
          "label names must not be blank");
      return problems.toEither(() -> new Alert(
          source.strip(),
          dedupKey.strip(),
          ServiceId.of(service.strip()),
          Problems.isBlank(summary) ? dedupKey.strip() : summary.strip(),
          parsedSeverity.get(),
          impact == null ? Optional.empty() : Impact.ofLevel(impact),
          urgency == null ? Optional.empty() : Urgency.ofLevel(urgency),
          parsedStatus.get(),
          at,
          new TreeMap<>(labels)));
    }

    private static Optional<Status> parseStatus(String text) {
      if (text == null) {
        return Optional.empty();
      }
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "firing", "triggered", "trigger", "open", "problem" -> Optional.of(Status.FIRING);
        case "resolved", "resolve", "cleared", "clear", "ok", "recovered" -> Optional.of(Status.RESOLVED);
        default -> Optional.empty();
      };
    }
  }
}
