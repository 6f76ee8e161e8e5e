package io.github.coexist.core.catalog;

/**
 * Hears what happens to service requests. Called after each command takes effect, in order, on
 * the command's thread; should be quick. A listener that throws is logged and does not fail the
 * command.
 */
@FunctionalInterface
public interface RequestListener {

  /** Called once per event. */
  void on(RequestEvent event);

  /** A listener that ignores everything. */
  static RequestListener noop() {
    return event -> { };
  }
}
