package io.github.coexist.core.change;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.NullUnmarked;

/**
 * The legal moves of a change, per {@link ChangeType}, as data.
 *
 * <ul>
 *   <li>Normal: New, Assess, Authorize, Scheduled, Implement, Review, Closed.
 *   <li>Standard: pre-authorised, so New goes straight to Scheduled (no Assess, no Authorize).
 *   <li>Emergency: New goes straight to Authorize (no Assess); the review afterwards is
 *       enforced by the gate, not here.
 * </ul>
 *
 * <p>Every type may be canceled (withdrawn, rejected, expired) before it is implemented; once
 * implementation starts it can only go on to Review and Closed, where a failure is recorded by its
 * close code. Closed and Canceled are terminal. Staying in the same state is not a move.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class ChangeLifecycle {
  private static final Map<ChangeType, Map<ChangeState, Set<ChangeState>>> MOVES = moves();
  private static final int STATES = ChangeState.values().length;
  /** Every shortest path, worked out once, at {@link #index}; null where there is none. */
  private static final List<List<ChangeState>> PATHS = paths();

  private ChangeLifecycle() {}

  private static Map<ChangeType, Map<ChangeState, Set<ChangeState>>> moves() {
    Map<ChangeType, Map<ChangeState, Set<ChangeState>>> all = new EnumMap<>(ChangeType.class);
    all.put(ChangeType.NORMAL, path(ChangeState.NEW, ChangeState.ASSESS, ChangeState.AUTHORIZE,
        ChangeState.SCHEDULED, ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED));
    all.put(ChangeType.STANDARD, path(ChangeState.NEW, ChangeState.SCHEDULED,
        ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED));
    all.put(ChangeType.EMERGENCY, path(ChangeState.NEW, ChangeState.AUTHORIZE,
        ChangeState.SCHEDULED, ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED));
    return Collections.unmodifiableMap(all);
  }

  /** The main line as moves, plus a cancel from every state before Implement. */
  private static Map<ChangeState, Set<ChangeState>> path(ChangeState... line) {
    Map<ChangeState, Set<ChangeState>> next = new EnumMap<>(ChangeState.class);
    for (ChangeState state : ChangeState.values()) {
      next.put(state, EnumSet.noneOf(ChangeState.class));
    }
    for (int i = 0; i + 1 < line.length; i++) {
      next.get(line[i]).add(line[i + 1]);
      if (line[i].ordinal() < ChangeState.IMPLEMENT.ordinal()) {
        next.get(line[i]).add(ChangeState.CANCELED);
      }
    }
    next.replaceAll((state, targets) -> Collections.unmodifiableSet(targets));
    return Collections.unmodifiableMap(next);
  }

  /** The states a change of {@code type} may move to from {@code from}; empty when terminal. */
  public static Set<ChangeState> next(ChangeType type, ChangeState from) {
    return MOVES.get(type).get(from);
  }

  /** Whether a change of {@code type} may move from {@code from} to {@code to} in one step. */
  public static boolean allows(ChangeType type, ChangeState from, ChangeState to) {
    return next(type, from).contains(to);
  }

  /** Whether a change of {@code type} ever passes through {@code state}. */
  public static boolean visits(ChangeType type, ChangeState state) {
    if (state == ChangeState.NEW || state == ChangeState.CANCELED) {
      return true;
    }
    return MOVES.get(type).values().stream().anyMatch(targets -> targets.contains(state));
  }

  /**
   * The one-step move from {@code from} to {@code to}: {@code to} when it is legal for {@code
   * type}, else a {@link CoexistError.IllegalTransition} saying why not.
   */
  public static Either<CoexistError, ChangeState> move(ChangeType type, ChangeState from, ChangeState to) {
    if (allows(type, from, to)) {
      return Either.right(to);
    }
    return Either.left(illegal(type, from, to));
  }

  /**
   * The shortest legal walk from {@code from} to {@code to}, without {@code from} and ending with
   * {@code to}; empty when they are the same state. An ITSM tool that only moves one step at a
   * time is walked along it.
   */
  public static Either<CoexistError, List<ChangeState>> path(ChangeType type, ChangeState from, ChangeState to) {
    List<ChangeState> path = PATHS.get(index(type, from, to));
    return path != null ? Either.right(path) : Either.left(illegal(type, from, to));
  }

  private static int index(ChangeType type, ChangeState from, ChangeState to) {
    return (type.ordinal() * STATES + from.ordinal()) * STATES + to.ordinal();
  }

  private static List<List<ChangeState>> paths() {
    List<List<ChangeState>> all = new ArrayList<>();
    for (ChangeType type : ChangeType.values()) {
      for (ChangeState from : ChangeState.values()) {
        for (ChangeState to : ChangeState.values()) {
          all.add(search(type, from, to));
        }
      }
    }
    return Collections.unmodifiableList(all);
  }

  /** Breadth-first search for the shortest walk; null when there is none. */
  private static List<ChangeState> search(ChangeType type, ChangeState from, ChangeState to) {
    if (from == to) {
      return List.of();
    }
    Map<ChangeState, ChangeState> cameFrom = new EnumMap<>(ChangeState.class);
    Deque<ChangeState> todo = new ArrayDeque<>();
    todo.add(from);
    while (!todo.isEmpty()) {
      ChangeState current = todo.poll();
      for (ChangeState step : next(type, current)) {
        if (step != from && !cameFrom.containsKey(step)) {
          cameFrom.put(step, current);
          if (step == to) {
            return unwind(cameFrom, from, to);
          }
          todo.add(step);
        }
      }
    }
    return null;
  }

  private static List<ChangeState> unwind(Map<ChangeState, ChangeState> cameFrom, ChangeState from, ChangeState to) {
    List<ChangeState> steps = new ArrayList<>();
    for (ChangeState at = to; at != from; at = cameFrom.get(at)) {
      steps.add(at);
    }
    Collections.reverse(steps);
    return List.copyOf(steps);
  }

  private static CoexistError.IllegalTransition illegal(ChangeType type, ChangeState from, ChangeState to) {
    String kind = type.name().toLowerCase(Locale.ROOT) + " change";
    String reason;
    if (from.isTerminal()) {
      reason = "a " + name(from) + " change does not move any more";
    } else if (from == to) {
      reason = "it is already " + name(from);
    } else if (!visits(type, to)) {
      reason = "a " + kind + " never passes through " + name(to) + skipNote(type);
    } else {
      reason = "from " + name(from) + " a " + kind + " may only move to " + names(next(type, from));
    }
    return new CoexistError.IllegalTransition(kind, name(from), name(to), reason);
  }

  private static String skipNote(ChangeType type) {
    return switch (type) {
      case STANDARD -> " (it is pre-authorised and skips Assess and Authorize)";
      case EMERGENCY -> " (it goes straight to Authorize)";
      case NORMAL -> "";
    };
  }

  private static String names(Set<ChangeState> states) {
    List<String> names = new ArrayList<>();
    for (ChangeState state : states) {
      names.add(name(state));
    }
    return String.join(" or ", names);
  }

  private static String name(ChangeState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
