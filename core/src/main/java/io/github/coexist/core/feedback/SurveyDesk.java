package io.github.coexist.core.feedback;

import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.catalog.RequestEvent;
import io.github.coexist.core.catalog.RequestListener;
import io.github.coexist.core.catalog.RequestState;
import io.github.coexist.core.catalog.ServiceRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentEvent;
import io.github.coexist.core.incident.IncidentListener;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.internal.records.IdSource;
import io.github.coexist.core.internal.records.RecordBook;
import io.github.coexist.core.internal.records.Step;
import io.github.coexist.core.kernel.Actor;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.NullUnmarked;

/**
 * Offers satisfaction surveys on resolved incidents and fulfilled requests, and records the
 * answers through {@link FeedbackRecords}. One survey per ticket, asked of the person who reported
 * the incident or requested the service; incidents opened by monitoring have nobody to ask.
 *
 * <p>Wire {@link #incidentListener()} and {@link #requestListener()} to the incident and request
 * desks to offer surveys as tickets are finished. Recorded answers go to the audit trail (when one
 * is given) and to the listener, for the KPIs. Thread-safe: the feedback records and the listener
 * are called outside the desk's lock, so a slow tool holds up no other survey. A desk given a
 * {@linkplain Builder#keeper keeper} hands it every new state of a survey; a new desk {@linkplain
 * #restore restored} from the latest of each behaves as the one that kept them.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class SurveyDesk {
  private static final Logger LOG = LoggerFactory.getLogger(SurveyDesk.class);

  private final Clock clock;
  private final FeedbackRecords records;
  /** The surveys by ticket key. */
  private final RecordBook<String, Survey, FeedbackEvent> book;

  private SurveyDesk(Builder b) {
    this.clock = b.clock;
    this.records = b.records;
    RecordBook.Builder<String, Survey, FeedbackEvent> book =
        RecordBook.<String, Survey, FeedbackEvent>builder("survey", s -> s.ticket().key())
            .audit(Optional.ofNullable(b.audit)).listener(b.listener::on);
    b.keeper.ifPresent(keeper -> book.keeper((survey, unsynced) -> keeper.accept(survey)));
    this.book = book.build();
  }

  /** A builder for a desk timed by {@code clock}. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /**
   * Offers a survey on a resolved or closed incident to the person who reported it. Offering again
   * returns the survey already offered.
   */
  public Either<CoexistError, Survey> offer(Incident incident) {
    Objects.requireNonNull(incident, "incident");
    if (incident.state() != IncidentState.RESOLVED && incident.state() != IncidentState.CLOSED) {
      return Either.left(new CoexistError.IllegalTransition("incident " + incident.id(), incident.state().name(),
          "SURVEYED", "surveys are offered on resolved incidents"));
    }
    if (incident.openedBy().kind() != Actor.Kind.PERSON) {
      return Either.left(CoexistError.invalid("incident " + incident.id() + " was opened by "
          + incident.openedBy() + "; there is no person to ask"));
    }
    return offer(Ticket.of(incident), incident.openedBy());
  }

  /** Offers a survey on a fulfilled request to its requester. Offering again returns the survey already offered. */
  public Either<CoexistError, Survey> offer(ServiceRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.state() != RequestState.FULFILLED) {
      return Either.left(new CoexistError.IllegalTransition("request " + request.id(), request.state().name(),
          "SURVEYED", "surveys are offered on fulfilled requests"));
    }
    return offer(Ticket.of(request), request.requester());
  }

  private Either<CoexistError, Survey> offer(Ticket ticket, Actor respondent) {
    return book.write(txn -> txn.get(ticket.key()).<Either<CoexistError, Survey>>map(Either::right).orElseGet(() -> {
      Instant at = clock.instant();
      Survey survey = new Survey(ticket, respondent, at, Optional.empty());
      return txn.commit(new Step<>(survey, List.of(new FeedbackEvent.SurveyOffered(survey, at)), Optional.empty()));
    }));
  }

  /**
   * Records {@code respondent}'s answer to the survey on {@code ticket}: a rating from 1 to 5 and
   * an optional comment. Refuses bad input listing every problem, a survey never offered ({@link
   * CoexistError.NotFound}), someone other than the person asked ({@link CoexistError.Forbidden})
   * and a second answer ({@link CoexistError.Conflict}). If the records refuse, nothing is recorded
   * and the same answer can be given again.
   */
  public Either<CoexistError, SurveyResponse> respond(Ticket ticket, int rating, String comment, Actor respondent) {
    Objects.requireNonNull(ticket, "ticket");
    Instant at = clock.instant();
    // The records are called between two looks under the lock: a slow tool must not hold up the desk.
    // Two answers racing both reach the tool, which keeps one; the second look refuses the other.
    return SurveyResponse.parse(ticket, rating, comment, respondent, at)
        .flatMap(response -> book.read(view -> view.find(ticket.key()).flatMap(s -> answerable(s, respondent)))
            .map(survey -> new SurveyResponse(survey.ticket(), response.rating(), response.comment(), respondent, at)))
        .flatMap(answer -> records.record(answer).map(done -> answer))
        .flatMap(answer -> book.write(txn -> txn.find(ticket.key()).flatMap(s -> answerable(s, respondent))
            .flatMap(survey -> txn.commit(answered(survey, answer, at)))).map(survey -> answer));
  }

  private static Either<CoexistError, Survey> answerable(Survey survey, Actor respondent) {
    String key = survey.ticket().key();
    if (!survey.respondent().equals(respondent)) {
      return Either.left(new CoexistError.Forbidden("the survey on " + key + " asks "
          + survey.respondent() + ", not " + respondent));
    }
    if (survey.isAnswered()) {
      return Either.left(new CoexistError.Conflict("the survey on " + key + " is already answered"));
    }
    return Either.right(survey);
  }

  private static Step<Survey, FeedbackEvent> answered(Survey survey, SurveyResponse answer, Instant at) {
    Survey answered = new Survey(survey.ticket(), survey.respondent(), survey.offeredAt(), Optional.of(answer));
    Map<String, String> inputs = new TreeMap<>();
    inputs.put("rating", Integer.toString(answer.rating()));
    answer.ticket().service().ifPresent(s -> inputs.put("service", s.value()));
    return Step.of(answered, List.of(new FeedbackEvent.FeedbackRecorded(answered, at)), AuditEvent.of(
        answer.respondent(), "feedback.recorded", answer.ticket().key(), inputs, "CSAT " + answer.rating()));
  }

  /** The survey on {@code ticket}, or {@link CoexistError.NotFound}. */
  public Either<CoexistError, Survey> survey(Ticket ticket) {
    return book.read(view -> view.find(ticket.key()));
  }

  /** Every survey, oldest first. */
  public List<Survey> surveys() {
    return book.all();
  }

  /**
   * Puts back surveys as a store kept them ({@link Builder#keeper}): for a store at start-up, or a
   * standby catching up. An upsert: each replaces the survey on its ticket, or is added, oldest
   * offered first. Nothing is audited, announced or kept again.
   */
  public void restore(Collection<Survey> records) {
    List<Survey> oldestFirst = records.stream().sorted(Comparator.comparing(Survey::offeredAt)
        .thenComparing(s -> s.ticket().key(), IdSource.NATURAL)).toList();
    book.restore(oldestFirst, (txn, survey) -> txn.restore(survey, Optional.empty()));
  }

  /** The surveys still waiting for an answer. */
  public List<Survey> unanswered() {
    return surveys().stream().filter(s -> !s.isAnswered()).toList();
  }

  /** Offers a survey whenever an incident a person reported is resolved. */
  public IncidentListener incidentListener() {
    return event -> {
      if (event instanceof IncidentEvent.Resolved resolved
          && resolved.incident().openedBy().kind() == Actor.Kind.PERSON) {
        offer(resolved.incident()).peekLeft(e -> LOG.error("no survey offered on {}: {}", resolved.id(), e.message()));
      }
    };
  }

  /** Offers a survey whenever a request is fulfilled. */
  public RequestListener requestListener() {
    return event -> {
      if (event instanceof RequestEvent.Fulfilled fulfilled) {
        offer(fulfilled.request()).peekLeft(e -> LOG.error("no survey offered on {}: {}",
            fulfilled.request().id(), e.message()));
      }
    };
  }

  /** Configures a {@link SurveyDesk}; everything but the clock has a default. */
  public static final class Builder {
    private final Clock clock;
    private FeedbackRecords records = new InMemoryFeedbackRecords();
    private FeedbackListener listener = FeedbackListener.noop();
    private AuditTrail audit;
    private Optional<Consumer<Survey>> keeper = Optional.empty();

    private Builder(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where answers are kept; {@link InMemoryFeedbackRecords} unless set. */
    public Builder records(FeedbackRecords records) {
      this.records = Objects.requireNonNull(records, "records");
      return this;
    }

    /** Who hears events; nobody unless set. */
    public Builder listener(FeedbackListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The audit trail recorded answers go to; none unless set. */
    public Builder audit(AuditTrail audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /**
     * Who is handed every new state of a survey (offered, answered), on the thread that produced it
     * and possibly under the desk's lock: it must only take note, never block or call the desk.
     * Nobody unless set.
     */
    public Builder keeper(Consumer<Survey> keeper) {
      this.keeper = Optional.of(Objects.requireNonNull(keeper, "keeper"));
      return this;
    }

    /** The desk. */
    public SurveyDesk build() {
      return new SurveyDesk(this);
    }
  }
}
