package io.github.coexist.standins.jira;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stand-in site's real-world behaviours beyond the happy path, each off unless asked for: a
 * create whose answer is lost after the issue was made (a 504 from Atlassian's edge), search lag
 * in time, change issues that are no customer request, an automation rule that approves changes
 * the moment they await approval, and one that labels every new issue. Thread-safe.
 */
final class SiteQuirks {
  /** The account automation rules act as. */
  static final String AUTOMATION = "557058:automation-for-jira";
  final AtomicInteger lostCreateAnswers = new AtomicInteger();
  volatile Duration searchLag = Duration.ZERO;
  volatile boolean plainChanges;
  volatile boolean automationApproves;
  volatile Optional<String> automationLabel = Optional.empty();

  /** Whether the answer to this create is lost (counting down the lost answers asked for). */
  boolean loseCreateAnswer() {
    return lostCreateAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }
}
