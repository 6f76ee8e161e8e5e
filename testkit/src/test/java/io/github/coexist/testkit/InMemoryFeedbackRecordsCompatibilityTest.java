package io.github.coexist.testkit;

import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.feedback.InMemoryFeedbackRecords;

class InMemoryFeedbackRecordsCompatibilityTest extends FeedbackRecordsCompatibilityKit {
  @Override
  protected FeedbackRecords records() {
    return new InMemoryFeedbackRecords();
  }
}
