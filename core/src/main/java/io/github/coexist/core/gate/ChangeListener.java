package io.github.coexist.core.gate;

/**
 * Hears every move of every change the gate tracks: created, decided, voted on, held and resumed,
 * deployed, closed, linked to an incident, synced to the ITSM tool. Called once per published
 * state, in order per change, while the gate holds that change's lock: a move is heard with the
 * writes it owes the ITSM tool and the pipeline still pending, then again once they were
 * delivered. A listener must be quick and must not call back into the gate's commands. One that
 * throws is logged and ignored. A {@linkplain ChangeGate#restore restore} is not heard.
 */
@FunctionalInterface
public interface ChangeListener {

  /** Called with the change as it now stands. */
  void changed(TrackedChange change);

  /** A listener that ignores everything. */
  static ChangeListener noop() {
    return change -> { };
  }
}
