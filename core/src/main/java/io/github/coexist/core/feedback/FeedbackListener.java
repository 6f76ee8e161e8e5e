package io.github.coexist.core.feedback;

/**
 * Hears what happens to surveys. Called after each command takes effect, on the command's thread;
 * should be quick. A listener that throws is logged and does not fail the command.
 */
@FunctionalInterface
public interface FeedbackListener {

  /** Called once per event. */
  void on(FeedbackEvent event);

  /** A listener that ignores everything. */
  static FeedbackListener noop() {
    return event -> { };
  }
}
