package io.github.coexist.core.problem;

/**
 * Hears what happens to problems. Called after each command takes effect, in order, on the
 * command's thread; should be quick. A listener that throws is logged and does not fail the command.
 */
@FunctionalInterface
public interface ProblemListener {

  /** Called once per event. */
  void on(ProblemEvent event);

  /** A listener that ignores everything. */
  static ProblemListener noop() {
    return event -> { };
  }
}
