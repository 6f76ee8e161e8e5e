package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sealed type as a JSON object of one property: the simple name of the case (a permitted
 * subtype, {@code "AlertRaised"}), holding the case in its own shape. Sealed subtypes are followed
 * down to their cases. Reading picks the case among the permitted ones by that name: a name the
 * type does not permit is a failure, never a class to look up.
 */
final class SealedShape implements Shape {
  private final Class<?> type;
  private final List<Case> cases;
  private final Map<String, Case> byTag = new LinkedHashMap<>();

  /** One concrete case of the sealed type. */
  private record Case(Class<?> type, String tag, Shape shape) {}

  SealedShape(Class<?> type, Shapes shapes) {
    this.type = type;
    List<Case> found = new ArrayList<>();
    collect(type, shapes, found);
    this.cases = List.copyOf(found);
    for (Case c : cases) {
      if (byTag.put(c.tag(), c) != null) {
        throw new IllegalStateException("two cases of " + type.getName() + " are named " + c.tag()
            + ": the codec tells cases apart by their simple names");
      }
    }
  }

  private static void collect(Class<?> sealed, Shapes shapes, List<Case> found) {
    for (Class<?> permitted : sealed.getPermittedSubclasses()) {
      boolean abstractSealed = permitted.isSealed()
          && (permitted.isInterface() || Modifier.isAbstract(permitted.getModifiers()));
      if (abstractSealed) {
        collect(permitted, shapes, found);
      } else {
        found.add(new Case(permitted, permitted.getSimpleName(),
            shapes.of(permitted, sealed.getSimpleName() + " case " + permitted.getSimpleName())));
      }
    }
  }

  @Override
  public JsonNode write(Object value) throws CodecFailure {
    for (Case c : cases) {
      if (c.type().isInstance(value)) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        try {
          object.set(c.tag(), c.shape().write(value));
        } catch (CodecFailure e) {
          throw e.at(c.tag());
        }
        return object;
      }
    }
    throw new CodecFailure(value.getClass().getName() + " is no case of " + type.getSimpleName());
  }

  @Override
  public Object read(JsonNode node) throws CodecFailure {
    if (!node.isObject() || node.size() != 1) {
      throw new CodecFailure("expected " + type.getSimpleName() + " as an object of one case, found "
          + Shapes.describe(node) + (node.isObject() ? " of " + node.size() + " properties" : ""));
    }
    String tag = node.fieldNames().next();
    Case c = byTag.get(tag);
    if (c == null) {
      throw new CodecFailure(Shapes.quote(tag) + " is no case of " + type.getSimpleName() + " " + byTag.keySet());
    }
    JsonNode value = node.get(tag);
    if (value.isNull()) {
      throw new CodecFailure("the case " + tag + " holds null").at(tag);
    }
    try {
      return c.shape().read(value);
    } catch (CodecFailure e) {
      throw e.at(tag);
    }
  }
}
