package io.github.coexist.core.feedback;

import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.catalog.Catalog;
import io.github.coexist.core.catalog.CatalogItem;
import io.github.coexist.core.catalog.CatalogItemId;
import io.github.coexist.core.catalog.RequestDesk;
import io.github.coexist.core.catalog.RequestId;
import io.github.coexist.core.catalog.ServiceRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.NewIncident;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SurveyDeskTest {
  private static final Actor ALICE = Actor.person("alice");
  private static final Actor BOB = Actor.person("bob");
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final List<FeedbackEvent> events = new ArrayList<>();
  private final InMemoryFeedbackRecords records = new InMemoryFeedbackRecords();
  private final AuditTrail trail = new AuditTrail(new InMemoryAuditStore(), clock);
  private final SurveyDesk surveys = SurveyDesk.builder(clock).records(records).listener(events::add).audit(trail).build();
  private final AtomicInteger ids = new AtomicInteger();
  private final IncidentDesk incidents = IncidentDesk.builder(clock, InMemoryServiceDirectory.of(Service.of("shop", "team-shop")))
      .ids(() -> IncidentId.of("INC-" + ids.incrementAndGet()))
      .listener(surveys.incidentListener())
      .build();


  private Incident resolvedReport() {
    Incident opened = right(incidents.open(NewIncident.builder().title("Cannot pay").service("shop").impact(2)
        .urgency(2).reporter(ALICE).build().get()));
    return right(incidents.resolve(opened.id(), "restarted", BOB));
  }

  @Test
  @DisplayName("resolving a reported incident offers its reporter a survey, and the answer is recorded once")
  void incidentSurvey() {
    Incident incident = resolvedReport();
    Ticket ticket = Ticket.of(incident);
    Survey offered = right(surveys.survey(ticket));
    assertThat(offered.respondent()).isEqualTo(ALICE);
    assertThat(offered.ticket().externalKey()).isPresent();
    assertThat(surveys.unanswered()).hasSize(1);

    SurveyResponse response = right(surveys.respond(ticket, 4, "  quick fix, thanks ", ALICE));

    assertThat(response.comment()).contains("quick fix, thanks");
    assertThat(response.satisfied()).isTrue();
    assertThat(right(records.find(ticket))).contains(new RecordedFeedback(offered.ticket(), 4, Optional.of("quick fix, thanks")));
    assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("SurveyOffered", "FeedbackRecorded");
    FeedbackEvent.FeedbackRecorded recorded = (FeedbackEvent.FeedbackRecorded) events.get(1);
    assertThat(recorded.response().ticket().service()).hasValueSatisfying(s -> assertThat(s.value()).isEqualTo("shop"));
    AuditEntry entry = trail.read(1, 10).get().get(0);
    assertThat(entry.action()).isEqualTo("feedback.recorded");
    assertThat(entry.inputs()).containsEntry("rating", "4").containsEntry("service", "shop");
    assertThat(surveys.respond(ticket, 5, null, ALICE).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    assertThat(surveys.unanswered()).isEmpty();
  }

  @Test
  @DisplayName("a bad answer is refused listing every problem; only the person asked may answer")
  void badAnswers() {
    Ticket ticket = Ticket.of(resolvedReport());
    CoexistError error = surveys.respond(ticket, 6, "x".repeat(SurveyResponse.MAX_COMMENT + 1), null).getLeft();
    assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, invalid ->
        assertThat(invalid.problems()).containsExactly("rating must be 1 to 5, was 6",
            "comment must be at most 2000 characters", "respondent is required"));
    assertThat(surveys.respond(ticket, 0, null, ALICE).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(surveys.respond(ticket, 3, null, BOB).getLeft()).isInstanceOf(CoexistError.Forbidden.class);
    Ticket never = new Ticket(Ticket.Kind.INCIDENT, "INC-404", Optional.empty(), Optional.empty());
    assertThat(surveys.respond(never, 3, null, ALICE).getLeft()).isEqualTo(new CoexistError.NotFound("survey", "incident:INC-404"));
    assertThat(events).hasSize(1);
  }

  @Test
  @DisplayName("incidents opened by monitoring get no survey, and open incidents get none yet")
  void notOffered() {
    Incident fromAlert = right(incidents.raise(Alert.builder().source("prometheus").dedupKey("k").service("shop")
        .summary("down").severity("critical").status("firing").at(clock.instant()).build().get())).incident().orElseThrow();
    Incident resolved = right(incidents.resolve(fromAlert.id(), "restarted", BOB));
    assertThat(surveys.surveys()).isEmpty();
    assertThat(surveys.offer(resolved).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    Incident open = right(incidents.open(NewIncident.builder().title("t").service("shop").impact(2).urgency(2)
        .reporter(ALICE).build().get()));
    assertThat(surveys.offer(open).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
  }

  @Test
  @DisplayName("fulfilling a request offers its requester a survey; offering twice gives the same survey")
  void requestSurvey() {
    CatalogItem item = CatalogItem.builder().id(CatalogItemId.of("laptop")).name("A laptop").build();
    RequestDesk requests = RequestDesk.builder(clock, Catalog.of(item)).listener(surveys.requestListener())
        .ids(() -> RequestId.of("REQ-1")).build();
    ServiceRequest request = right(requests.submit(item.id(), BOB, Map.of()));
    right(requests.startFulfilment(request.id(), ALICE));
    ServiceRequest fulfilled = right(requests.fulfil(request.id(), ALICE));
    Survey survey = right(surveys.survey(Ticket.of(fulfilled)));
    assertThat(survey.respondent()).isEqualTo(BOB);
    assertThat(right(surveys.offer(fulfilled))).isEqualTo(survey);
    assertThat(right(surveys.respond(Ticket.of(fulfilled), 2, "slow", BOB)).satisfied()).isFalse();
  }

  @Test
  @DisplayName("if the records refuse, nothing is recorded and the same answer can be given again")
  void recordsDown() {
    AtomicBoolean down = new AtomicBoolean(true);
    FeedbackRecords flaky = new FeedbackRecords() {
      @Override
      public String system() {
        return "flaky";
      }

      @Override
      public Either<CoexistError, Done> record(SurveyResponse response) {
        return down.get() ? Either.left(new CoexistError.Unavailable("503")) : records.record(response);
      }

      @Override
      public Either<CoexistError, Optional<RecordedFeedback>> find(Ticket ticket) {
        return records.find(ticket);
      }
    };
    SurveyDesk desk = SurveyDesk.builder(clock).records(flaky).build();
    Incident incident = resolvedReport();
    right(desk.offer(incident));
    Ticket ticket = Ticket.of(incident);
    assertThat(desk.respond(ticket, 5, "great", ALICE).getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    assertThat(right(desk.survey(ticket)).isAnswered()).isFalse();
    down.set(false);
    assertThat(right(desk.respond(ticket, 5, "great", ALICE)).rating()).isEqualTo(5);
  }
}
