package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.feedback.RecordedFeedback;
import io.github.coexist.core.feedback.SurveyResponse;
import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FeedbackRecords} implementation promises, as tests: extend it and implement
 * {@link #records()}; a tool that keeps feedback on its own tickets (Jira) overrides {@link
 * #ticket(String)} to create one in its stand-in.
 */
@DisplayNameGeneration(ImplementerNames.class)
public abstract class FeedbackRecordsCompatibilityKit {
  private FeedbackRecords records;

  /** The implementation under test; called once before each test. */
  protected abstract FeedbackRecords records();

  /**
   * A ticket the tool holds, with no feedback yet. The default names a ticket of this system's
   * that nobody created, which is enough for stores that do not check.
   */
  protected Ticket ticket(String name) {
    String id = "kit-" + name + "-" + UUID.randomUUID();
    return SampleIncidents.ticket(id, ExternalKey.of(records.system(), id));
  }

  @BeforeEach
  void createRecords() {
    records = records();
  }

  @Test
  @DisplayName("names its system")
  void namesItsSystem() {
    assertThat(records.system()).isNotBlank();
  }

  @Test
  @DisplayName("keeps a response's rating and comment on its ticket")
  void keeps() {
    Ticket ticket = ticket("keep");
    assertThat(records.record(SampleIncidents.response(ticket, 4, "fixed quickly")).get()).isEqualTo(Done.DONE);
    assertThat(records.find(ticket).get()).contains(new RecordedFeedback(ticket, 4, Optional.of("fixed quickly")));
  }

  @Test
  @DisplayName("keeps a response without a comment")
  void noComment() {
    Ticket ticket = ticket("bare");
    records.record(SampleIncidents.response(ticket, 1, null)).get();
    RecordedFeedback found = records.find(ticket).get().orElseThrow();
    assertThat(found.rating()).isEqualTo(1);
    assertThat(found.comment()).isEmpty();
  }

  @Test
  @DisplayName("finds nothing on a ticket without feedback")
  void nothing() {
    assertThat(records.find(ticket("empty")).get()).isEmpty();
  }

  @Test
  @DisplayName("takes the same response twice, so a retry is safe")
  void retry() {
    Ticket ticket = ticket("retry");
    SurveyResponse response = SampleIncidents.response(ticket, 5, "great");
    assertThat(records.record(response).get()).isEqualTo(Done.DONE);
    assertThat(records.record(response).get()).isEqualTo(Done.DONE);
  }

  @Test
  @DisplayName("refuses a different second response as a conflict and keeps the first")
  void conflict() {
    Ticket ticket = ticket("twice");
    records.record(SampleIncidents.response(ticket, 2, "slow")).get();
    assertThat(records.record(SampleIncidents.response(ticket, 5, "changed my mind")).getLeft())
        .isInstanceOf(CoexistError.Conflict.class);
    assertThat(records.find(ticket).get().orElseThrow().rating()).isEqualTo(2);
  }
}
