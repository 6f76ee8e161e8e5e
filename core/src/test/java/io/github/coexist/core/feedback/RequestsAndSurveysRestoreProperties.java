package io.github.coexist.core.feedback;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.coexist.core.catalog.Approval;
import io.github.coexist.core.catalog.Catalog;
import io.github.coexist.core.catalog.CatalogItem;
import io.github.coexist.core.catalog.CatalogItemId;
import io.github.coexist.core.catalog.FieldSpec;
import io.github.coexist.core.catalog.RequestDesk;
import io.github.coexist.core.catalog.RequestId;
import io.github.coexist.core.catalog.RequestListener;
import io.github.coexist.core.catalog.ServiceRequest;
import io.github.coexist.core.catalog.TaskTemplate;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.support.Latest;
import io.github.coexist.core.support.Restarts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A request desk and the survey desk that hears it, driven by random commands (requests that need
 * an approval and requests that do not, every move, surveys offered on fulfilment and answered),
 * are restored, at a random point, into fresh desks from the latest requests and surveys kept,
 * read back in a random order. Both pairs then take the same random commands and must answer the
 * same, hold the same requests and surveys, count ids on from the same number, announce the same
 * and keep the same records. QuickTheories prints a failing seed.
 */
class RequestsAndSurveysRestoreProperties {
  private static final Actor REQUESTER = Actor.person("dave");
  private static final Actor APPROVER = Actor.person("erin");
  private static final Actor FULFILLER = Actor.person("fulfiller");
  private static final CatalogItem ACCESS = CatalogItem.builder().id(CatalogItemId.of("db-access")).name("Database access")
      .addFields(FieldSpec.text("reason", "Why?", true)).approval(Approval.by(APPROVER))
      .addTasks(new TaskTemplate("create user", TeamId.of("team-db")), new TaskTemplate("grant", TeamId.of("team-db")))
      .build();
  private static final CatalogItem STAGING = CatalogItem.builder().id(CatalogItemId.of("staging")).name("Staging")
      .addFields(FieldSpec.text("name", "Name", true)).addTasks(new TaskTemplate("provision", TeamId.of("team-ops")))
      .build();

  enum Kind { SUBMIT_ACCESS, SUBMIT_STAGING, PROVISION, APPROVE, REJECT, START, TASK, FULFIL, CANCEL, RESPOND, WAIT }

  /** One command; {@code a} picks the request or survey, {@code b} the rating, approver or minutes. */
  record Op(Kind kind, int a, int b) {}

  static final class World extends Restarts.World<Op> {
    final Latest<RequestId, ServiceRequest> requests;
    final Latest<String, Survey> surveys;
    final SurveyDesk surveyDesk;
    final RequestDesk requestDesk;

    World(Instant now, Latest<RequestId, ServiceRequest> requests, Latest<String, Survey> surveys) {
      super(now);
      this.requests = requests;
      this.surveys = surveys;
      this.surveyDesk = SurveyDesk.builder(clock).audit(trail).listener(heard::add).keeper(surveys).build();
      RequestListener offer = surveyDesk.requestListener();
      this.requestDesk = RequestDesk.builder(clock, Catalog.of(ACCESS, STAGING)).audit(trail).keeper(requests)
          .listener(event -> {
            heard.add(event);
            offer.on(event);
          }).build();
    }

    static World fresh() {
      return new World(ManualClock.atMondayMorning().instant(), requestsKept(), surveysKept());
    }

    static Latest<RequestId, ServiceRequest> requestsKept() {
      return new Latest<>(ServiceRequest::id);
    }

    static Latest<String, Survey> surveysKept() {
      return new Latest<>(s -> s.ticket().key());
    }

    static World restoredFrom(World before, long seed) {
      List<ServiceRequest> requests = before.requests.shuffled(seed);
      List<Survey> surveys = before.surveys.shuffled(seed + 1);
      World after = new World(before.clock.instant(), requestsKept().holding(requests), surveysKept().holding(surveys));
      after.requestDesk.restore(requests);
      after.surveyDesk.restore(surveys);
      return after;
    }

    @Override
    public Object run(Op op) {
      clock.advance(Duration.ofMinutes(op.kind() == Kind.WAIT ? op.b() : 1));
      List<ServiceRequest> all = requestDesk.requests();
      Optional<RequestId> target = all.isEmpty() ? Optional.empty() : Optional.of(all.get(op.a() % all.size()).id());
      return switch (op.kind()) {
        case SUBMIT_ACCESS -> requestDesk.submit(ACCESS.id(), REQUESTER, Map.of("reason", "audit " + op.b()));
        case SUBMIT_STAGING -> requestDesk.submit(STAGING.id(), REQUESTER, Map.of("name", "s" + op.b()));
        case PROVISION -> provision(op);
        case RESPOND -> respond(op);
        case WAIT -> clock.instant();
        default -> target.<Object>map(id -> command(op, id)).orElse("no request");
      };
    }

    /** A staging environment from submission to fulfilment, which offers a survey. */
    private Object provision(Op op) {
      RequestId id = requestDesk.submit(STAGING.id(), REQUESTER, Map.of("name", "p" + op.b())).get().id();
      return List.of(requestDesk.startFulfilment(id, FULFILLER), requestDesk.completeTask(id, "provision", FULFILLER));
    }

    private Object respond(Op op) {
      List<Survey> all = surveyDesk.surveys();
      if (all.isEmpty()) {
        return "no survey";
      }
      Survey survey = all.get(op.a() % all.size());
      return surveyDesk.respond(survey.ticket(), 1 + op.b() % 5, "thanks", op.b() % 7 == 0 ? APPROVER : survey.respondent());
    }

    private Object command(Op op, RequestId id) {
      return switch (op.kind()) {
        case APPROVE -> requestDesk.approve(id, op.b() % 5 == 0 ? REQUESTER : APPROVER);
        case REJECT -> requestDesk.reject(id, APPROVER, "not now");
        case START -> requestDesk.startFulfilment(id, FULFILLER);
        case TASK -> requestDesk.request(id).get().openTasks().stream().findFirst()
            .<Object>map(task -> requestDesk.completeTask(id, task.name(), FULFILLER)).orElse("no open task");
        case FULFIL -> requestDesk.fulfil(id, FULFILLER);
        case CANCEL -> requestDesk.cancel(id, "changed my mind", REQUESTER);
        default -> throw new IllegalStateException("not a request command: " + op);
      };
    }

    @Override
    public Map<String, Object> state() {
      return Map.of("requests", requestDesk.requests(), "surveys", surveyDesk.surveys(),
          "unanswered", surveyDesk.unanswered());
    }

    @Override
    public List<Map<?, ?>> kept() {
      return List.of(requests.byKey(), surveys.byKey());
    }
  }

  private static Gen<Op> ops() {
    return Generate.enumValues(Kind.class).zip(integers().between(0, 5), integers().between(0, 60), Op::new);
  }

  @Test
  @DisplayName("desks restored from their kept requests and surveys answer every later command as the desks that kept them")
  void restoredDesksAreIndistinguishable() {
    qt().withExamples(300)
        .forAll(lists().of(ops()).ofSizeBetween(0, 40), lists().of(ops()).ofSizeBetween(1, 40), longs().all())
        .checkAssert((before, after, seed) ->
            Restarts.check(World.fresh(), before, original -> World.restoredFrom(original, seed), after));
  }
}
