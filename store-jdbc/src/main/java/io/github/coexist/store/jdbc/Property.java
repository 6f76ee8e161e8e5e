package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandle;

/**
 * One named part of an object: a record component or an attribute of an Immutables value, read
 * from the value by {@code getter}, held in its own shape.
 */
record Property(String name, MethodHandle getter, Shape shape) {

  /** Writes this property of {@code owner} into {@code object}. */
  void write(Object owner, ObjectNode object) throws CodecFailure {
    try {
      object.set(name, Shapes.write(shape, Handles.call(getter, owner)));
    } catch (CodecFailure e) {
      throw e.at(name);
    }
  }

  /** Whether {@code object} holds this property (JSON {@code null} included). */
  boolean presentIn(JsonNode object) {
    return object.has(name);
  }

  /**
   * This property's value in {@code object}: the shape's absent value when it is missing (an empty
   * optional or collection), a failure when the shape has none.
   */
  Object read(JsonNode object) throws CodecFailure {
    JsonNode node = object.get(name);
    try {
      if (node == null) {
        return shape.absent().orElseThrow(() -> new CodecFailure("missing"));
      }
      return Shapes.readElement(shape, node);
    } catch (CodecFailure e) {
      throw e.at(name);
    }
  }
}
