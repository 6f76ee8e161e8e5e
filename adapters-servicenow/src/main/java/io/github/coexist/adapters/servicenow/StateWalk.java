package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an incident or a problem to a target state along the shortest legal path of core's
 * lifecycle, one PATCH per step, reading the record back after each: a record that did not move
 * (ServiceNow answered 200 and a business rule refused) is a {@code Conflict}. A record that fell
 * behind catches up whatever state it is in, as the ports require.
 *
 * @param <S> the lifecycle's state type
 */
final class StateWalk<S extends Enum<S>> {
  private static final Logger LOG = LoggerFactory.getLogger(StateWalk.class);
  private static final int MAX_STEPS = 12;

  private final String entity;
  private final CorrelatedTable table;
  private final Function<String, Either<CoexistError, S>> decode;
  private final Function<S, String> encode;
  private final Function<S, Set<S>> next;

  StateWalk(String entity, CorrelatedTable table, Function<String, Either<CoexistError, S>> decode,
      Function<S, String> encode, Function<S, Set<S>> next) {
    this.entity = entity;
    this.table = table;
    this.decode = decode;
    this.encode = encode;
    this.next = next;
  }

  /**
   * Walks {@code record} to {@code target}; {@code stepFields} adds what entering a state needs
   * (a close code, a hold reason) to that step's body. Returns the record as read back at the end.
   */
  Either<CoexistError, JsonNode> walk(ExternalKey key, JsonNode record, S target, BiConsumer<S, ObjectNode> stepFields) {
    JsonNode current = record;
    for (int step = 0; step < MAX_STEPS; step++) {
      Either<CoexistError, S> state = decode.apply(Fields.text(current, "state"));
      if (state.isLeft()) {
        return Either.left(state.getLeft());
      }
      S from = state.get();
      if (from == target) {
        return Either.right(current);
      }
      Optional<List<S>> path = shortestPath(from, target, next);
      if (path.isEmpty()) {
        return Either.left(new CoexistError.IllegalTransition("ServiceNow " + entity, from.name(), target.name(),
            "no legal path leads there"));
      }
      S to = path.get().get(0);
      ObjectNode body = Json.MAPPER.createObjectNode().put("state", encode.apply(to));
      stepFields.accept(to, body);
      Either<CoexistError, JsonNode> after = table.patch(key, body);
      if (after.isLeft()) {
        return after;
      }
      if (Fields.text(after.get(), "state").equals(encode.apply(from))) {
        return Either.left(new CoexistError.Conflict("ServiceNow answered 200 to moving " + key.display()
            + " from " + from + " to " + to + " but the record stayed in " + from
            + "; a business rule, data policy or the state model refused the move"));
      }
      LOG.debug("ServiceNow {} {} moved from {} to {}", entity, key.display(), from, Fields.text(after.get(), "state"));
      current = after.get();
    }
    return Either.left(new CoexistError.Conflict("ServiceNow " + entity + " " + key.display() + " did not reach "
        + target + " within " + MAX_STEPS + " steps; the instance keeps moving it elsewhere"));
  }

  /** The states after {@code from} on a shortest path to {@code to}, by breadth-first search. */
  static <S> Optional<List<S>> shortestPath(S from, S to, Function<S, Set<S>> next) {
    Map<S, S> cameFrom = new HashMap<>();
    Deque<S> todo = new ArrayDeque<>(List.of(from));
    cameFrom.put(from, from);
    while (!todo.isEmpty()) {
      S at = todo.poll();
      if (at.equals(to)) {
        List<S> path = new ArrayList<>();
        for (S s = to; !s.equals(from); s = cameFrom.get(s)) {
          path.add(s);
        }
        Collections.reverse(path);
        return Optional.of(path);
      }
      for (S after : next.apply(at)) {
        if (!cameFrom.containsKey(after)) {
          cameFrom.put(after, at);
          todo.add(after);
        }
      }
    }
    return Optional.empty();
  }
}
