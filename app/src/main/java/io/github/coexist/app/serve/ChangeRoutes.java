package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.change.Approvals;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.Vote;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.Coexist;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.app.http.Router;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.events.Excerpt;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/changes} ({@code ?service=&state=&outcome=&limit=&cursor=}, newest first, by
 * pages), {@code GET
 * /api/changes/{id}} (with the approval asked and its votes), and {@code POST
 * /api/changes/{id}/decisions}: a person of the change's authority approves or rejects it.
 */
final class ChangeRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeRoutes.class);
  /** How many changes a page holds unless {@code limit} says otherwise. */
  static final int DEFAULT_PAGE = 50;
  /** The most changes a page holds: each names at most five conflicts, so a page stays far under 1 MB. */
  static final int MAX_PAGE = 200;
  /** The longest verdict field ({@code approve} or {@code reject}, with room for spaces). */
  static final int MAX_VERDICT = 16;
  /** The longest comment a vote may carry. */
  static final int MAX_COMMENT = 4000;

  private final Coexist app;
  private final Access access;

  ChangeRoutes(Coexist app, Access access) {
    this.app = app;
    this.access = access;
  }

  void register(Router router) {
    router.on("GET", "/api/changes", access.read(this::list));
    router.on("GET", "/api/changes/{id}", access.read(this::one));
    router.on("POST", "/api/changes/{id}/decisions", access.write(this::decide));
  }

  HttpAnswer list(HttpExchangeData request) {
    List<String> problems = new ArrayList<>();
    Predicate<TrackedChange> filter = t -> true;
    Optional<String> service = request.queryParam("service");
    if (service.isPresent()) {
      ServiceId id = ServiceId.of(service.get());
      filter = filter.and(t -> t.change().service().equals(id));
    }
    Optional<ChangeState> state = request.queryParam("state").flatMap(s -> named(ChangeState.class, s, "state", problems));
    if (state.isPresent()) {
      filter = filter.and(t -> t.change().state() == state.get());
    }
    Optional<Decision.Outcome> outcome = request.queryParam("outcome")
        .flatMap(s -> named(Decision.Outcome.class, s, "outcome", problems));
    if (outcome.isPresent()) {
      filter = filter.and(t -> t.change().decision().outcome() == outcome.get());
    }
    Paging paging = new Paging("changes", "service=" + service.orElse("") + "&state=" + state.map(ChangeRoutes::lower)
        .orElse("") + "&outcome=" + outcome.map(ChangeRoutes::lower).orElse(""), DEFAULT_PAGE, MAX_PAGE);
    Paging.Page page = paging.read(request, problems);
    if (!problems.isEmpty()) {
      return Answers.invalid(problems);
    }
    List<TrackedChange> found = app.gate().changes(page.position().map(ChangeId::of), filter, page.limit() + 1);
    ObjectNode answer = Views.JSON.createObjectNode();
    ArrayNode changes = answer.putArray("changes");
    found.stream().limit(page.limit()).forEach(t -> changes.add(Views.change(t)));
    answer.put("count", changes.size());
    return paging.answer(request, answer, Paging.after(found, page.limit(), t -> t.change().id().value()));
  }

  HttpAnswer one(HttpExchangeData request) {
    String id = request.pathParams().get("id");
    if (id.length() > Answers.MAX_ID) {
      return Answers.error(new CoexistError.NotFound("change", Excerpt.of(id)));
    }
    return app.gate().change(ChangeId.of(id))
        .map(t -> Answers.ok(detailed(t)))
        .orElseGet(() -> Answers.error(new CoexistError.NotFound("change", id)));
  }

  /**
   * A vote by the caller, who must be a person: the body's {@code approver}, when given, must name
   * the caller (compared as core compares identities), for the voter is never taken from the body.
   */
  HttpAnswer decide(HttpExchangeData request, Caller caller, JsonFields fields) {
    fields.onlyFields(Set.of("verdict", "approver", "comment"));
    fields.limits(Map.of("verdict", MAX_VERDICT, "approver", PersonTokens.MAX_NAME, "comment", MAX_COMMENT));
    Optional<String> verdict = fields.requiredText("verdict").map(v -> v.toLowerCase(Locale.ROOT));
    verdict.filter(v -> !v.equals("approve") && !v.equals("reject"))
        .ifPresent(v -> fields.problems().add("verdict must be approve or reject, was " + Excerpt.quote(v)));
    Optional<String> approver = fields.text("approver");
    String comment = fields.text("comment").orElse("");
    if (!fields.problems().isEmpty()) {
      return Answers.invalid(fields.problems().list().asJava());
    }
    Either<CoexistError, Actor> voter = Access.voter(caller);
    if (voter.isLeft()) {
      return Answers.error(voter.getLeft());
    }
    Actor person = voter.get();
    if (approver.isPresent() && !Actor.person(approver.get()).isSameAs(person)) {
      return Answers.invalid(List.of("approver " + Excerpt.quote(approver.get()) + " is not you (" + person.name()
          + ", by " + caller.via() + "): a vote is always cast as the authenticated person; leave approver out"));
    }
    String given = request.pathParams().get("id");
    if (given.length() > Answers.MAX_ID) {
      return Answers.error(new CoexistError.NotFound("change", Excerpt.of(given)));
    }
    ChangeId id = ChangeId.of(given);
    if (app.storeStatus().filter(status -> !status.holdsLease()).isPresent()) {
      // Only the lease holder moves changes; a standby's copy would be overwritten.
      return Answers.error(new CoexistError.Unavailable("this instance stands by while another holds the lease: "
          + "try again (the load balancer sends the retry elsewhere)"));
    }
    Either<CoexistError, GateDecision> decided = verdict.orElseThrow().equals("approve")
        ? app.gate().approve(id, person, comment)
        : app.gate().reject(id, person, comment);
    if (decided.isLeft()) {
      LOG.info("decision on change {} by {} refused: {}", id, person.name(), decided.getLeft().message());
      return Answers.error(decided.getLeft());
    }
    Either<CoexistError, ?> committed = app.commit();
    if (committed.isLeft()) {
      LOG.warn("decision on change {} by {} not kept: {}", id, person.name(), committed.getLeft().message());
      return Answers.error(committed.getLeft());
    }
    GateDecision decision = decided.get();
    LOG.info("change {}: {} by {}, now {}", id, verdict.get(), person.name(), lower(decision.outcome()));
    ObjectNode answer = Views.JSON.createObjectNode().put("outcome", lower(decision.outcome()));
    answer.set("change", detailed(app.gate().change(id).orElseThrow()));
    return Answers.ok(answer);
  }

  /** The change as {@link Views#change} shows it, with the approval asked and its votes. */
  static ObjectNode detailed(TrackedChange tracked) {
    ObjectNode node = Views.change(tracked);
    node.put("replyPending", tracked.replyPending());
    node.set("approvals", tracked.approvals().<JsonNode>map(ChangeRoutes::approvals).orElse(Views.JSON.nullNode()));
    return node;
  }

  private static ObjectNode approvals(Approvals a) {
    ObjectNode node = Views.JSON.createObjectNode();
    node.put("authority", a.authority().name());
    node.put("quorum", a.authority().quorum());
    node.put("status", lower(a.status()));
    node.put("waitingFor", a.waitingFor());
    node.put("requestedAt", a.requestedAt().toString());
    node.put("expiresAt", a.expiresAt().toString());
    ArrayNode votes = node.putArray("votes");
    for (Vote vote : a.votes()) {
      votes.addObject().put("approver", vote.actor().name()).put("kind", lower(vote.actor().kind()))
          .put("verdict", lower(vote.verdict())).put("comment", vote.comment()).put("at", vote.at().toString());
    }
    return node;
  }

  /** The constant of {@code type} named {@code text} (any case), or a problem listing the names. */
  static <E extends Enum<E>> Optional<E> named(Class<E> type, String text, String parameter, List<String> problems) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.strip())) {
        return Optional.of(constant);
      }
    }
    problems.add(parameter + " must be one of " + Arrays.stream(type.getEnumConstants()).map(ChangeRoutes::lower).toList()
        + ", was " + Excerpt.quote(text));
    return Optional.empty();
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
