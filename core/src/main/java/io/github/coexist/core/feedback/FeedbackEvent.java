package io.github.coexist.core.feedback;

import java.time.Instant;
import java.util.Objects;

/** Something that happened to a survey, for whoever listens (the KPI engine counts CSAT). */
public sealed interface FeedbackEvent {

  /** The survey right after the event. */
  Survey survey();

  /** When it happened. */
  Instant at();

  /** A survey was offered. */
  record SurveyOffered(Survey survey, Instant at) implements FeedbackEvent {
    public SurveyOffered {
      Objects.requireNonNull(survey, "survey");
      Objects.requireNonNull(at, "at");
    }
  }

  /** A response was recorded: {@code survey().response()} holds it. */
  record FeedbackRecorded(Survey survey, Instant at) implements FeedbackEvent {
    public FeedbackRecorded {
      Objects.requireNonNull(survey, "survey");
      Objects.requireNonNull(at, "at");
      if (survey.response().isEmpty()) {
        throw new IllegalArgumentException("recorded feedback needs the survey's response");
      }
    }

    /** The response recorded. */
    public SurveyResponse response() {
      return survey.response().orElseThrow();
    }
  }
}
