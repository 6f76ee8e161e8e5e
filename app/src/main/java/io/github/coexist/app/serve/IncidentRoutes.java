package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.AlertOutcome;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.app.http.Router;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.events.Excerpt;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /alerts} (a monitoring alert, handed to core's inbound port as {@link
 * Signal.AlertRaised}, opens, folds into or resolves an incident), {@code GET
 * /api/incidents} (open ones, {@code ?all=true} for every one), {@code GET /api/incidents/{id}}
 * (with the suspect changes) and {@code GET /api/problems}.
 */
final class IncidentRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentRoutes.class);
  /** Each text field of an alert and its longest value, in characters (documented in docs/serve.md). */
  static final Map<String, Integer> ALERT_LIMITS = Map.of("source", 64, "dedupKey", 256, "service", 128,
      "summary", Alert.MAX_SUMMARY, "severity", 32, "status", 32, "at", 64);
  /** The most labels an alert may carry. */
  static final int MAX_LABELS = 32;
  /** The longest label name. */
  static final int MAX_LABEL_NAME = 64;
  /** The longest label value. */
  static final int MAX_LABEL_VALUE = 512;
  private static final Set<String> ALERT_FIELDS = Set.of("source", "dedupKey", "service", "summary", "severity",
      "status", "at", "impact", "urgency", "labels");

  private final Coexist app;
  private final Access access;

  IncidentRoutes(Coexist app, Access access) {
    this.app = app;
    this.access = access;
  }

  void register(Router router) {
    router.on("POST", "/alerts", access.write(this::alert));
    router.on("GET", "/api/incidents", access.read(this::incidents));
    router.on("GET", "/api/incidents/{id}", access.read(this::incident));
    router.on("GET", "/api/problems", access.read(this::problems));
  }

  HttpAnswer alert(HttpExchangeData request, Caller caller, JsonFields body) {
    Either<List<String>, Alert> alert = alert(body);
    if (alert.isLeft()) {
      return Answers.invalid(alert.getLeft());
    }
    if (app.storeStatus().filter(status -> !status.holdsLease()).isPresent()) {
      return queued(alert.get());
    }
    Either<CoexistError, SignalOutcome> outcome = app.accept(new Signal.AlertRaised(alert.get()));
    if (outcome.isLeft()) {
      LOG.info("alert {} refused: {}", alert.get().correlationKey(), outcome.getLeft().message());
      return Answers.error(outcome.getLeft());
    }
    // Core answers every alert signal with what its desk did; its absence would be a bug in core.
    AlertOutcome done = outcome.get().alert().orElseThrow(() -> new IllegalStateException(
        "core answered the alert " + alert.get().correlationKey() + " without an alert outcome"));
    LOG.info("alert {}: {}", alert.get().correlationKey(), done.detail());
    ObjectNode answer = Views.JSON.createObjectNode()
        .put("outcome", ChangeRoutes.lower(done.kind()))
        .put("detail", done.detail());
    answer.set("incident", done.incident().<com.fasterxml.jackson.databind.JsonNode>map(this::view)
        .orElse(Views.JSON.nullNode()));
    return Answers.json(done.kind() == AlertOutcome.Kind.OPENED ? 201 : 200, answer);
  }

  /**
   * On a standby, which does not process signals: keeps the alert in the inbox for the lease
   * holder and answers 202; what it does to an incident shows on {@code /api/incidents} soon after.
   */
  private HttpAnswer queued(Alert alert) {
    Either<CoexistError, Inbox.Receipt> kept = app.receive("alert:" + UUID.randomUUID(), new Signal.AlertRaised(alert));
    if (kept.isLeft()) {
      LOG.info("alert {} not kept: {}", alert.correlationKey(), kept.getLeft().message());
      return Answers.error(kept.getLeft());
    }
    LOG.info("alert {}: kept for the instance holding the lease", alert.correlationKey());
    return Answers.json(202, Views.JSON.createObjectNode().put("outcome", "queued")
        .put("detail", "kept; the instance holding the lease processes it"));
  }

  /** The generic alert document as core's alert, or every problem with it. */
  private Either<List<String>, Alert> alert(JsonFields fields) {
    fields.onlyFields(ALERT_FIELDS);
    fields.limits(ALERT_LIMITS);
    if (!fields.problems().isEmpty()) {
      // Core would quote the overlong values; the limits are the only problems worth reading now.
      return Either.left(fields.problems().list().asJava());
    }
    Alert.Builder alert = Alert.builder()
        .source(fields.text("source").orElse(null))
        .dedupKey(fields.text("dedupKey").orElse(null))
        .service(fields.text("service").orElse(null))
        .summary(fields.text("summary").orElse(null))
        .severity(fields.text("severity").orElse(null))
        .status(fields.text("status").orElse(null))
        .at(fields.instant("at").orElseGet(app.clock()::instant)); // a bad "at" is reported by the fields
    fields.integer("impact").ifPresent(alert::impact);
    fields.integer("urgency").ifPresent(alert::urgency);
    fields.object("labels").ifPresent(labels -> labels(labels, alert));
    List<String> problems = new ArrayList<>(fields.problems().list().asJava());
    Either<CoexistError, Alert> built = alert.build();
    if (built.isLeft() && built.getLeft() instanceof CoexistError.InvalidInput invalid) {
      // The builder names what is missing or wrong in core's terms; the field problems come first.
      invalid.problems().filter(p -> !problems.contains(p)).forEach(problems::add);
    } else if (built.isLeft()) {
      problems.add(built.getLeft().message());
    }
    return problems.isEmpty() ? Either.right(built.get()) : Either.left(problems);
  }

  /** The labels, at most {@link #MAX_LABELS}, each name and value within its limit. */
  private static void labels(JsonFields labels, Alert.Builder alert) {
    List<String> names = new ArrayList<>();
    labels.names().forEachRemaining(names::add);
    if (names.size() > MAX_LABELS) {
      labels.problems().add("labels has at most " + MAX_LABELS + " entries, had " + names.size());
      return;
    }
    for (String name : names) {
      if (name.length() > MAX_LABEL_NAME) {
        labels.problems().add("label name " + Excerpt.quote(name) + " is longer than " + MAX_LABEL_NAME + " characters");
      } else {
        labels.limits(Map.of(name, MAX_LABEL_VALUE));
        labels.text(name).filter(value -> value.length() <= MAX_LABEL_VALUE).ifPresent(value -> alert.label(name, value));
      }
    }
  }

  HttpAnswer incidents(HttpExchangeData request) {
    Optional<String> all = request.queryParam("all");
    if (all.isPresent() && !all.get().equals("true") && !all.get().equals("false")) {
      return Answers.invalid(List.of("all must be true or false, was " + Excerpt.quote(all.get())));
    }
    List<Incident> chosen = all.map(Boolean::parseBoolean).orElse(false)
        ? app.incidents().incidents() : app.incidents().openIncidents();
    ObjectNode answer = Views.JSON.createObjectNode();
    ArrayNode list = answer.putArray("incidents");
    chosen.forEach(i -> list.add(view(i)));
    answer.put("count", list.size());
    return Answers.ok(answer);
  }

  HttpAnswer incident(HttpExchangeData request) {
    String given = request.pathParams().get("id");
    if (given.length() > Answers.MAX_ID) {
      return Answers.error(new CoexistError.NotFound("incident", Excerpt.of(given)));
    }
    IncidentId id = IncidentId.of(given);
    return app.incidents().incident(id)
        .map(i -> Views.incident(i, app.incidents().sla(id).toJavaOptional(),
            app.incidents().suspects(id).getOrElse(List.of())))
        .fold(Answers::error, Answers::ok);
  }

  HttpAnswer problems(HttpExchangeData request) {
    ObjectNode answer = Views.JSON.createObjectNode();
    ArrayNode list = answer.putArray("problems");
    for (Problem problem : app.problems().problems()) {
      list.add(Views.problem(problem));
    }
    answer.put("count", list.size());
    return Answers.ok(answer);
  }

  private ObjectNode view(Incident incident) {
    return Views.incident(incident, app.incidents().sla(incident.id()).toJavaOptional(), List.of());
  }
}
