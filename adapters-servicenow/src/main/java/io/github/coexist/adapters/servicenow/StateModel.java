package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.List;

/**
 * ServiceNow's baseline change state model, used to walk a change step by step when the instance
 * has no Change Management API to ask ({@code nextstate}):
 *
 * <ul>
 *   <li>normal: New, Assess, Authorize, Scheduled, Implement, Review, Closed;
 *   <li>emergency: New, Authorize, Scheduled, Implement, Review, Closed;
 *   <li>standard: New, Scheduled, Implement, Review, Closed;
 *   <li>any open change may be Canceled; Closed and Canceled are final.
 * </ul>
 */
final class StateModel {
  private static final List<ChangeState> NORMAL = List.of(ChangeState.NEW, ChangeState.ASSESS,
      ChangeState.AUTHORIZE, ChangeState.SCHEDULED, ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED);
  private static final List<ChangeState> EMERGENCY = List.of(ChangeState.NEW, ChangeState.AUTHORIZE,
      ChangeState.SCHEDULED, ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED);
  private static final List<ChangeState> STANDARD = List.of(ChangeState.NEW, ChangeState.SCHEDULED,
      ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED);

  private StateModel() {}

  /** The states a change of {@code type} passes through, in order (Canceled aside). */
  static List<ChangeState> path(ChangeType type) {
    return switch (type) {
      case NORMAL -> NORMAL;
      case EMERGENCY -> EMERGENCY;
      case STANDARD -> STANDARD;
    };
  }

  /**
   * The next state on the way from {@code from} to {@code to} for a change of {@code type}, or
   * why there is none: the change is already final, or {@code to} lies behind {@code from}.
   */
  static Either<CoexistError, ChangeState> nextStep(ChangeType type, ChangeState from, ChangeState to) {
    if (from.isTerminal()) {
      return Either.left(illegal(from, to, from + " is final"));
    }
    if (to == ChangeState.CANCELED) {
      return Either.right(ChangeState.CANCELED);
    }
    List<ChangeState> path = path(type);
    int at = path.indexOf(from);
    int target = path.indexOf(to);
    if (at < 0) {
      return Either.left(illegal(from, to, "a " + type.name().toLowerCase(java.util.Locale.ROOT)
          + " change never is in " + from));
    }
    if (target < 0) {
      return Either.left(illegal(from, to, "a " + type.name().toLowerCase(java.util.Locale.ROOT)
          + " change never passes " + to));
    }
    if (target <= at) {
      return Either.left(illegal(from, to, "the change model only moves forward"));
    }
    return Either.right(path.get(at + 1));
  }

  static CoexistError illegal(ChangeState from, ChangeState to, String reason) {
    return new CoexistError.IllegalTransition("ServiceNow change", from.name(), to.name(), reason);
  }
}
