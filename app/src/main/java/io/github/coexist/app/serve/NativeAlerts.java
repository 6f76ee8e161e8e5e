package io.github.coexist.app.serve;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.AlertSeverity;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The alert payloads of the monitoring tools teams already run, as core's {@link Alert}s: a
 * Prometheus Alertmanager webhook (version 4: a group of alerts, firing and resolved) and a
 * Grafana alerting webhook (the same shape with extra fields), and a PagerDuty v3 webhook event
 * about an incident. Each alert keeps the tool's own identity as its dedup key (the fingerprint,
 * or PagerDuty's incident id), so a repeat folds into the open incident and a resolution closes
 * it. Every problem in a payload is reported at once; a payload with a bad alert opens nothing.
 */
final class NativeAlerts {
  /** Alertmanager's "not ended yet" time, sent as the end of a firing alert. */
  private static final Instant NOT_ENDED = Instant.parse("0001-01-01T00:00:00Z");

  private final String serviceLabel;

  /** Reads the service an Alertmanager or Grafana alert is about from its label {@code serviceLabel}. */
  NativeAlerts(String serviceLabel) {
    this.serviceLabel = serviceLabel;
  }

  /**
   * The alerts of an Alertmanager or Grafana webhook {@code body}, sent by {@code source}
   * ({@code alertmanager} or {@code grafana}); {@code now} dates a resolution that names no end.
   */
  Either<List<String>, List<Alert>> grouped(JsonFields body, String source, Instant now) {
    List<JsonFields> alerts = body.objects("alerts");
    if (!body.has("alerts")) {
      body.problems().add("alerts is required: the " + source + " webhook sends its alerts in a list");
    }
    List<Alert.Builder> builders = new ArrayList<>();
    for (JsonFields alert : alerts) {
      builders.add(groupedAlert(alert, source, now));
    }
    return built(body, builders);
  }

  private Alert.Builder groupedAlert(JsonFields alert, String source, Instant now) {
    alert.limits(Map.of("fingerprint", IncidentRoutes.ALERT_LIMITS.get("dedupKey"), "status", 32, "startsAt", 64,
        "endsAt", 64));
    Alert.Builder built = Alert.builder().source(source);
    // Read once, through the generic limits: the lookups below see only the labels the alert keeps.
    Optional<JsonFields> labelFields = alert.object("labels");
    Map<String, String> labels = labelFields.map(fields -> IncidentRoutes.labels(fields, built)).orElse(Map.of());
    Map<String, String> annotations = texts(alert.object("annotations"));
    Optional<String> status = alert.requiredText("status");
    Optional<String> service = Optional.ofNullable(labels.get(serviceLabel))
        .filter(name -> name.length() <= IncidentRoutes.ALERT_LIMITS.get("service"));
    if (service.isEmpty() && labelFields.filter(fields -> fields.has(serviceLabel)).isPresent()) {
      alert.problems().add(alert.path("labels") + "." + serviceLabel + " is longer than "
          + IncidentRoutes.ALERT_LIMITS.get("service") + " characters");
    } else if (service.isEmpty()) {
      alert.problems().add(alert.path("labels") + " has no '" + serviceLabel + "' label naming the service"
          + " (add it to the alert rule, or set COEXIST_ALERT_SERVICE_LABEL to the label that does)");
    }
    boolean resolved = status.filter("resolved"::equalsIgnoreCase).isPresent();
    Optional<Instant> startsAt = alert.instant("startsAt");
    Optional<Instant> endsAt = alert.instant("endsAt").filter(end -> !end.equals(NOT_ENDED));
    return built
        .dedupKey(alert.text("fingerprint").orElseGet(() -> fingerprint(labels)))
        .service(service.orElse(null))
        .summary(Optional.ofNullable(annotations.get("summary"))
            .or(() -> Optional.ofNullable(annotations.get("description")))
            .or(() -> Optional.ofNullable(labels.get("alertname")))
            .map(NativeAlerts::firstLine).orElse(null))
        .severity(severity(labels.get("severity")))
        .status(status.orElse(null))
        .at(resolved ? endsAt.orElse(now) : startsAt.orElse(now));
  }

  /**
   * The alert a PagerDuty v3 webhook event {@code body} carries: {@code incident.triggered} (and
   * the other incident events while it is open) fire, {@code incident.resolved} clears; events
   * about anything but an incident carry none.
   */
  Either<List<String>, Optional<Alert>> pagerDuty(JsonFields body, Instant now) {
    Optional<JsonFields> event = body.object("event");
    if (event.isEmpty()) {
      body.problems().add("event is required: a PagerDuty v3 webhook sends one event");
      return Either.left(body.problems().list().asJava());
    }
    Optional<String> type = event.get().requiredText("event_type");
    Optional<JsonFields> data = event.get().object("data");
    if (type.isEmpty() || data.isEmpty() || !type.get().startsWith("incident.")
        || !data.get().text("type").filter("incident"::equals).isPresent()) {
      return body.problems().isEmpty() ? Either.right(Optional.empty()) : Either.left(body.problems().list().asJava());
    }
    JsonFields incident = data.get();
    incident.limits(Map.of("id", IncidentRoutes.ALERT_LIMITS.get("dedupKey"), "urgency", 32));
    incident.object("service").ifPresent(s -> s.limits(Map.of("summary", IncidentRoutes.ALERT_LIMITS.get("service"))));
    boolean resolved = type.get().equals("incident.resolved");
    String urgency = incident.text("urgency").orElse("high");
    Optional<String> priority = incident.object("priority").flatMap(p -> p.text("summary"));
    Alert.Builder alert = Alert.builder()
        .source("pagerduty")
        .dedupKey(incident.requiredText("id").orElse(null))
        .service(incident.object("service").flatMap(s -> s.text("summary")).orElseGet(() -> {
          incident.problems().add(incident.path("service.summary") + " is required: it names the service");
          return null;
        }))
        .summary(incident.text("title").map(NativeAlerts::firstLine).orElse(null))
        // PagerDuty's priority (P1 to P5) says how bad it is when set; its urgency otherwise.
        .severity(priority.filter(p -> AlertSeverity.parse(p).isPresent())
            .orElse(urgency.equals("high") ? "critical" : "warning"))
        .status(resolved ? "resolved" : "firing")
        .at(event.get().instant("occurred_at").orElse(now))
        .label("pagerduty_event", type.get())
        .label("pagerduty_urgency", urgency);
    incident.text("html_url").ifPresent(url -> alert.label("pagerduty_url", url));
    priority.ifPresent(p -> alert.label("pagerduty_priority", p));
    return built(body, List.of(alert)).map(alerts -> alerts.stream().findFirst());
  }

  /** The alerts, or every problem: those of the payload's fields first, then the builders'. */
  private static Either<List<String>, List<Alert>> built(JsonFields body, List<Alert.Builder> builders) {
    List<String> problems = new ArrayList<>(body.problems().list().asJava());
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < builders.size(); i++) {
      Either<CoexistError, Alert> alert = builders.get(i).build();
      if (alert.isRight()) {
        alerts.add(alert.get());
      } else if (alert.getLeft() instanceof CoexistError.InvalidInput invalid) {
        String where = builders.size() > 1 ? "alerts[" + i + "]: " : "";
        invalid.problems().forEach(problem -> problems.add(where + problem));
      } else {
        problems.add(alert.getLeft().message());
      }
    }
    return problems.isEmpty() ? Either.right(List.copyOf(alerts)) : Either.left(problems);
  }

  /** The text values of an object of labels or annotations, by name. */
  private static Map<String, String> texts(Optional<JsonFields> object) {
    Map<String, String> texts = new TreeMap<>();
    object.ifPresent(fields -> fields.names().forEachRemaining(name ->
        fields.text(name).ifPresent(value -> texts.put(name, value))));
    return texts;
  }

  /**
   * The severity a Prometheus-style {@code severity} label names in core's terms; {@code page}
   * (the common paging convention) is critical, and an alert without one is a warning.
   */
  private static String severity(String label) {
    if (label == null || label.isBlank()) {
      return "warning";
    }
    String lower = label.strip().toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("page")) {
      return "critical";
    }
    if (lower.equals("none")) {
      return "info";
    }
    return AlertSeverity.parse(lower).isPresent() ? lower : "warning";
  }

  /** A stable key for an alert sent without a fingerprint: a digest of its sorted labels. */
  private static String fingerprint(Map<String, String> labels) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      labels.forEach((name, value) -> {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      });
      return "labels:" + HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.length() > Alert.MAX_SUMMARY ? line.substring(0, Alert.MAX_SUMMARY) : line;
  }
}
