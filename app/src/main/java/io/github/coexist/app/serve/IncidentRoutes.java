package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.AlertOutcome;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.Verdict;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.postmortem.ActionItem;
import io.github.coexist.core.postmortem.ActionPlan;
import io.github.coexist.core.postmortem.PublishedPostmortem;
import io.github.coexist.core.postmortem.TrackedAction;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.LogContext;
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
import java.util.TreeMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /alerts} (a monitoring alert, handed to core's inbound port as {@link
 * Signal.AlertRaised}, opens, folds into or resolves an incident), the same for the monitoring
 * tools' own formats ({@code POST /alerts/alertmanager}, {@code POST /alerts/grafana}, {@code POST
 * /webhooks/pagerduty}: see {@link NativeAlerts}), {@code GET /api/incidents} (open ones, {@code
 * ?all=true} for every one; oldest first, by pages), {@code GET /api/incidents/{id}} (with the
 * suspect changes), {@code POST /api/incidents/{id}/verdict} (whether a change caused it: a
 * person confirms a suspect change or rules changes out), {@code POST /api/incidents/{id}/major} (a
 * person declares it major), {@code GET|POST /api/incidents/{id}/postmortem} (its published
 * postmortem; a person publishes it with action items), {@code POST /api/postmortem-actions/{id}/done}
 * and {@code GET /api/problems} (oldest first, by pages).
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
  /** How many incidents or problems a page holds unless {@code limit} says otherwise. */
  static final int DEFAULT_PAGE = 50;
  /** The most incidents or problems a page holds. */
  static final int MAX_PAGE = 200;

  private final Coexist app;
  private final Access access;
  private final NativeAlerts formats;
  private final AlertSources sources;

  IncidentRoutes(Coexist app, Access access, NativeAlerts formats, AlertSources sources) {
    this.app = app;
    this.access = access;
    this.formats = formats;
    this.sources = sources;
  }

  void register(Router router) {
    router.on("POST", "/alerts", access.write(this::alert));
    router.on("POST", "/alerts/alertmanager", access.write((request, caller, body) ->
        grouped(formats.grouped(body, "alertmanager", app.clock().instant()))));
    router.on("POST", "/alerts/grafana", access.write((request, caller, body) ->
        grouped(formats.grouped(body, "grafana", app.clock().instant()))));
    router.on("POST", "/webhooks/pagerduty", this::pagerDuty);
    router.on("GET", "/api/incidents", access.read(this::incidents));
    router.on("GET", "/api/incidents/{id}", access.read(this::incident));
    router.on("POST", "/api/incidents/{id}/verdict", access.write(this::verdict));
    router.on("GET", "/api/problems", access.read(this::problems));
    router.on("POST", "/api/incidents/{id}/major", access.write(this::declareMajor));
    router.on("GET", "/api/incidents/{id}/postmortem", access.read(this::postmortem));
    router.on("POST", "/api/incidents/{id}/postmortem", access.write(this::publishPostmortem));
    router.on("POST", "/api/postmortem-actions/{id}/done", access.write(this::actionDone));
  }

  /**
   * The authenticated person writing to the {@code what} with id {@code given}, or the answer
   * refusing it: a caller that names nobody (403), an id too long to exist (404), or a standby,
   * which moves nothing (503: only the lease holder does).
   */
  private Either<HttpAnswer, Actor> writer(Caller caller, String given, String what) {
    Either<CoexistError, Actor> person = Access.voter(caller);
    if (person.isLeft()) {
      return Either.left(Answers.error(person.getLeft()));
    }
    if (given.length() > Answers.MAX_ID) {
      return Either.left(Answers.error(new CoexistError.NotFound(what, Excerpt.of(given))));
    }
    if (app.storeStatus().filter(status -> !status.holdsLease()).isPresent()) {
      return Either.left(Answers.error(new CoexistError.Unavailable("this instance stands by while another holds "
          + "the lease: try again (the load balancer sends the retry elsewhere)")));
    }
    return Either.right(person.get());
  }

  /** {@code GET /api/incidents/{id}/postmortem}: the published postmortem with its actions, or 404. */
  HttpAnswer postmortem(HttpExchangeData request) {
    String given = request.pathParams().get("id");
    if (given.length() > Answers.MAX_ID) {
      return Answers.error(new CoexistError.NotFound("published postmortem of incident", Excerpt.of(given)));
    }
    IncidentId id = IncidentId.of(given);
    return app.postmortemBook().postmortem(id).map(p -> Answers.ok(Views.publishedPostmortem(p)))
        .orElseGet(() -> Answers.error(new CoexistError.NotFound("published postmortem of incident", id.value())));
  }

  /**
   * {@code POST /api/incidents/{id}/postmortem} with {@code {"actions": [{"title", "kind", "owner",
   * "due"}]}}: publishes the incident's postmortem as the authenticated person, each action item
   * ticketed in the ITSM tool. 201 with the postmortem.
   */
  HttpAnswer publishPostmortem(HttpExchangeData request, Caller caller, JsonFields fields) {
    fields.onlyFields(Set.of("actions"));
    List<ActionPlan> plans = new ArrayList<>();
    for (JsonFields action : fields.objects("actions")) {
      action.onlyFields(Set.of("title", "kind", "owner", "due"));
      action.limits(Map.of("title", ActionPlan.MAX_TITLE, "kind", 16, "owner", 128));
      Optional<String> title = action.requiredText("title");
      Optional<ActionItem.Kind> kind = action.requiredText("kind").flatMap(k -> kind(k, action));
      Optional<String> owner = action.requiredText("owner");
      Optional<java.time.Instant> due = action.instant("due");
      if (due.isEmpty() && !action.has("due")) {
        action.problems().add(action.path("due") + " is required");
      }
      if (title.isPresent() && kind.isPresent() && owner.isPresent() && due.isPresent()) {
        plans.add(new ActionPlan(title.get(), kind.get(), TeamId.of(owner.get()), due.get()));
      }
    }
    if (!fields.problems().isEmpty()) {
      return Answers.invalid(fields.problems().list().asJava());
    }
    String given = request.pathParams().get("id");
    Either<HttpAnswer, Actor> person = writer(caller, given, "incident");
    if (person.isLeft()) {
      return person.getLeft();
    }
    Either<CoexistError, PublishedPostmortem> published = app.postmortemBook()
        .publish(IncidentId.of(given), plans, person.get()).flatMap(p -> app.commit().map(done -> p));
    if (published.isLeft()) {
      LOG.info("postmortem of {} by {} refused: {}", given, person.get().name(), published.getLeft().message());
      return Answers.error(published.getLeft());
    }
    LOG.info("postmortem of {} published by {} with {} action(s)", given, person.get().name(), plans.size());
    return Answers.json(201, Views.publishedPostmortem(published.get()));
  }

  private static Optional<ActionItem.Kind> kind(String text, JsonFields action) {
    for (ActionItem.Kind kind : ActionItem.Kind.values()) {
      if (kind.name().equalsIgnoreCase(text.strip())) {
        return Optional.of(kind);
      }
    }
    action.problems().add(action.path("kind") + " must be problem, change or improvement, was " + Excerpt.quote(text));
    return Optional.empty();
  }

  /** {@code POST /api/postmortem-actions/{id}/done}: the authenticated person marks an action item done. */
  HttpAnswer actionDone(HttpExchangeData request, Caller caller, JsonFields fields) {
    fields.onlyFields(Set.of());
    if (!fields.problems().isEmpty()) {
      return Answers.invalid(fields.problems().list().asJava());
    }
    String given = request.pathParams().get("id");
    Either<HttpAnswer, Actor> person = writer(caller, given, "action item");
    if (person.isLeft()) {
      return person.getLeft();
    }
    Either<CoexistError, TrackedAction> done = app.postmortemBook().complete(given, person.get())
        .flatMap(a -> app.commit().map(c -> a));
    return done.fold(Answers::error, a -> Answers.ok(Views.action(a)));
  }

  /**
   * {@code POST /api/incidents/{id}/major} with {@code {"reason": "..."}}: declares an open
   * incident major as the authenticated person (a shared token names nobody: 403), which locks its
   * service and the services depending on it down until it is resolved. 200 with the incident.
   */
  HttpAnswer declareMajor(HttpExchangeData request, Caller caller, JsonFields fields) {
    fields.onlyFields(Set.of("reason"));
    fields.limits(Map.of("reason", IncidentDesk.MAX_MAJOR_REASON));
    Optional<String> reason = fields.requiredText("reason");
    if (!fields.problems().isEmpty()) {
      return Answers.invalid(fields.problems().list().asJava());
    }
    String given = request.pathParams().get("id");
    Either<HttpAnswer, Actor> person = writer(caller, given, "incident");
    if (person.isLeft()) {
      return person.getLeft();
    }
    IncidentId id = IncidentId.of(given);
    Either<CoexistError, Incident> declared = app.incidents().declareMajor(id, person.get(), reason.orElseThrow())
        .flatMap(incident -> app.commit().map(done -> incident));
    if (declared.isLeft()) {
      LOG.info("major incident {} by {} refused: {}", id, person.get().name(), declared.getLeft().message());
      return Answers.error(declared.getLeft());
    }
    LOG.info("incident {} declared major by {}", id, person.get().name());
    return Answers.ok(Views.incident(declared.get(), app.incidents().sla(id).toJavaOptional(),
        app.incidents().suspects(id).getOrElse(List.of())));
  }

  HttpAnswer alert(HttpExchangeData request, Caller caller, JsonFields body) {
    Either<List<String>, Alert> alert = alert(body);
    if (alert.isLeft()) {
      return Answers.invalid(alert.getLeft());
    }
    Either<CoexistError, Handled> handled = handle(alert.get());
    return handled.fold(Answers::error, done -> Answers.json(done.status(), done.answer()));
  }

  /**
   * A PagerDuty v3 webhook: its signature checked against {@code COEXIST_PAGERDUTY_WEBHOOK_SECRETS},
   * then the incident event as an alert; events about anything else are answered 202 and ignored.
   */
  HttpAnswer pagerDuty(HttpExchangeData request) {
    Either<CoexistError, io.github.coexist.core.kernel.Done> signed =
        sources.verifyPagerDuty(request.body(), request.header("X-PagerDuty-Signature"));
    if (signed.isLeft()) {
      LOG.info("PagerDuty webhook refused: {}", signed.getLeft().message());
      return Answers.error(signed.getLeft());
    }
    return Bodies.object(request).fold(Answers::invalid, body -> formats.pagerDuty(body, app.clock().instant())
        .fold(Answers::invalid, alert -> alert.map(a -> grouped(Either.right(List.of(a))))
            .orElseGet(() -> Answers.json(202, Views.JSON.createObjectNode().put("outcome", "ignored")
                .put("detail", "not an incident event")))));
  }

  /**
   * The alerts of one grouped payload, each handled in turn: 200 with each one's outcome, or the
   * first refusal's error, so that a tool that retries on failure (Alertmanager retries a 5xx)
   * sends the group again; handling an alert again folds into the incident it opened.
   */
  private HttpAnswer grouped(Either<List<String>, List<Alert>> alerts) {
    if (alerts.isLeft()) {
      return Answers.invalid(alerts.getLeft());
    }
    ObjectNode answer = Views.JSON.createObjectNode();
    ArrayNode outcomes = answer.putArray("alerts");
    for (Alert alert : alerts.get()) {
      Either<CoexistError, Handled> handled = handle(alert);
      if (handled.isLeft()) {
        return Answers.error(handled.getLeft());
      }
      outcomes.add(handled.get().answer());
    }
    answer.put("count", outcomes.size());
    return Answers.json(200, answer);
  }

  /** What handling one alert gave: the answer's status on its own, and its outcome. */
  private record Handled(int status, ObjectNode answer) {}

  /** Hands {@code alert} to core (or, on a standby, to the inbox for the lease holder). */
  private Either<CoexistError, Handled> handle(Alert alert) {
    if (app.storeStatus().filter(status -> !status.holdsLease()).isPresent()) {
      return queued(alert);
    }
    Either<CoexistError, SignalOutcome> outcome = app.accept(new Signal.AlertRaised(alert));
    if (outcome.isLeft()) {
      LOG.info("alert {} refused: {}", alert.correlationKey(), outcome.getLeft().message());
      return Either.left(outcome.getLeft());
    }
    // Core answers every alert signal with what its desk did; its absence would be a bug in core.
    AlertOutcome done = outcome.get().alert().orElseThrow(() -> new IllegalStateException(
        "core answered the alert " + alert.correlationKey() + " without an alert outcome"));
    try (MDC.MDCCloseable incident = done.incident().map(i -> MDC.putCloseable(LogContext.INCIDENT, i.id().value()))
        .orElse(null)) {
      LOG.info("alert {}: {}", alert.correlationKey(), done.detail());
    }
    ObjectNode answer = Views.JSON.createObjectNode()
        .put("outcome", ChangeRoutes.lower(done.kind()))
        .put("detail", done.detail());
    answer.set("incident", done.incident().<com.fasterxml.jackson.databind.JsonNode>map(this::view)
        .orElse(Views.JSON.nullNode()));
    return Either.right(new Handled(done.kind() == AlertOutcome.Kind.OPENED ? 201 : 200, answer));
  }

  /**
   * On a standby, which does not process signals: keeps the alert in the inbox for the lease
   * holder and answers 202; what it does to an incident shows on {@code /api/incidents} soon after.
   */
  private Either<CoexistError, Handled> queued(Alert alert) {
    Either<CoexistError, Inbox.Receipt> kept = app.receive("alert:" + UUID.randomUUID(), new Signal.AlertRaised(alert));
    if (kept.isLeft()) {
      LOG.info("alert {} not kept: {}", alert.correlationKey(), kept.getLeft().message());
      return Either.left(kept.getLeft());
    }
    LOG.info("alert {}: kept for the instance holding the lease", alert.correlationKey());
    return Either.right(new Handled(202, Views.JSON.createObjectNode().put("outcome", "queued")
        .put("detail", "kept; the instance holding the lease processes it")));
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

  /**
   * Reads the labels once, at most {@link #MAX_LABELS}, each name and value within its limit, onto
   * {@code alert}; answers those taken, by name, for a caller that looks some up.
   */
  static Map<String, String> labels(JsonFields labels, Alert.Builder alert) {
    List<String> names = new ArrayList<>();
    labels.names().forEachRemaining(names::add);
    Map<String, String> taken = new TreeMap<>();
    if (names.size() > MAX_LABELS) {
      labels.problems().add("labels has at most " + MAX_LABELS + " entries, had " + names.size());
      return taken;
    }
    for (String name : names) {
      if (name.length() > MAX_LABEL_NAME) {
        labels.problems().add("label name " + Excerpt.quote(name) + " is longer than " + MAX_LABEL_NAME + " characters");
      } else {
        labels.limits(Map.of(name, MAX_LABEL_VALUE));
        labels.text(name).filter(value -> value.length() <= MAX_LABEL_VALUE).ifPresent(value -> {
          alert.label(name, value);
          taken.put(name, value);
        });
      }
    }
    return taken;
  }

  HttpAnswer incidents(HttpExchangeData request) {
    List<String> problems = new ArrayList<>();
    Optional<String> all = request.queryParam("all");
    if (all.isPresent() && !all.get().equals("true") && !all.get().equals("false")) {
      problems.add("all must be true or false, was " + Excerpt.quote(all.get()));
    }
    boolean every = all.map(Boolean::parseBoolean).orElse(false);
    Paging paging = new Paging("incidents", "all=" + every, DEFAULT_PAGE, MAX_PAGE);
    Paging.Page page = paging.read(request, problems);
    if (!problems.isEmpty()) {
      return Answers.invalid(problems);
    }
    List<Incident> found = app.incidents().incidents(page.position().map(IncidentId::of),
        every ? i -> true : Incident::isOpen, page.limit() + 1);
    ObjectNode answer = Views.JSON.createObjectNode();
    ArrayNode list = answer.putArray("incidents");
    found.stream().limit(page.limit()).forEach(i -> list.add(view(i)));
    answer.put("count", list.size());
    return paging.answer(request, answer, Paging.after(found, page.limit(), i -> i.id().value()));
  }

  HttpAnswer incident(HttpExchangeData request) {
    String given = request.pathParams().get("id");
    if (given.length() > Answers.MAX_ID) {
      return Answers.error(new CoexistError.NotFound("incident", Excerpt.of(given)));
    }
    IncidentId id = IncidentId.of(given);
    return app.incidents().incident(id)
        .map(i -> withAttribution(Views.incident(i, app.incidents().sla(id).toJavaOptional(),
            app.incidents().suspects(id).getOrElse(List.of())), id))
        .fold(Answers::error, Answers::ok);
  }

  /** The deployment the incident counts against in the change failure rate, and why, or null. */
  private ObjectNode withAttribution(ObjectNode incident, IncidentId id) {
    incident.set("countsAgainst", app.kpis().attribution(id).<com.fasterxml.jackson.databind.JsonNode>map(a ->
        Views.JSON.createObjectNode().put("deployment", a.deployment().value()).put("explicit", a.explicit())
            .put("why", a.why())).orElse(Views.JSON.nullNode()));
    return incident;
  }

  /**
   * Gives an incident its verdict as the authenticated person: {@code {"verdict":
   * "caused_by_change", "change": "ch-..."}} confirms that suspect; {@code not_change_related}
   * rules changes out; {@code unknown} takes that back. Answers the incident as {@code GET} does.
   */
  HttpAnswer verdict(HttpExchangeData request, Caller caller, JsonFields fields) {
    fields.onlyFields(Set.of("verdict", "change"));
    fields.limits(Map.of("verdict", 32, "change", Answers.MAX_ID));
    Optional<Verdict> verdict = fields.requiredText("verdict").flatMap(v -> {
      Optional<Verdict> known = Verdict.fromLabel(v);
      if (known.isEmpty()) {
        fields.problems().add("verdict must be caused_by_change, not_change_related or unknown, was " + Excerpt.quote(v));
      }
      return known;
    });
    Optional<String> change = fields.text("change");
    if (verdict.filter(v -> v == Verdict.CAUSED_BY_CHANGE).isPresent() != change.isPresent() && verdict.isPresent()) {
      fields.problems().add(change.isPresent() ? "change goes only with the verdict caused_by_change"
          : "the verdict caused_by_change names the change that caused it (change)");
    }
    if (!fields.problems().isEmpty()) {
      return Answers.invalid(fields.problems().list().asJava());
    }
    Either<CoexistError, Actor> person = Access.voter(caller);
    if (person.isLeft()) {
      return Answers.error(person.getLeft());
    }
    String given = request.pathParams().get("id");
    if (given.length() > Answers.MAX_ID) {
      return Answers.error(new CoexistError.NotFound("incident", Excerpt.of(given)));
    }
    if (app.storeStatus().filter(status -> !status.holdsLease()).isPresent()) {
      return Answers.error(new CoexistError.Unavailable("this instance stands by while another holds the lease: "
          + "try again (the load balancer sends the retry elsewhere)"));
    }
    IncidentId id = IncidentId.of(given);
    Either<CoexistError, Incident> ruled = change.isPresent()
        ? app.incidents().confirmSuspect(id, ChangeId.of(change.get()), person.get())
        : app.incidents().giveVerdict(id, verdict.orElseThrow(), person.get());
    Either<CoexistError, ?> done = ruled.flatMap(i -> app.commit());
    if (done.isLeft()) {
      LOG.info("verdict on incident {} by {} refused: {}", id, person.get().name(), done.getLeft().message());
      return Answers.error(done.getLeft());
    }
    LOG.info("incident {}: verdict {} by {}", id, verdict.get().label(), person.get().name());
    return incident(request);
  }

  HttpAnswer problems(HttpExchangeData request) {
    List<String> problems = new ArrayList<>();
    Paging paging = new Paging("problems", "", DEFAULT_PAGE, MAX_PAGE);
    Paging.Page page = paging.read(request, problems);
    if (!problems.isEmpty()) {
      return Answers.invalid(problems);
    }
    List<Problem> found = app.problems().problems(page.position().map(ProblemId::of), p -> true, page.limit() + 1);
    ObjectNode answer = Views.JSON.createObjectNode();
    ArrayNode list = answer.putArray("problems");
    found.stream().limit(page.limit()).forEach(p -> list.add(Views.problem(p)));
    answer.put("count", list.size());
    return paging.answer(request, answer, Paging.after(found, page.limit(), p -> p.id().value()));
  }

  private ObjectNode view(Incident incident) {
    return Views.incident(incident, app.incidents().sla(incident.id()).toJavaOptional(), List.of());
  }
}
