package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * A record as a JSON object of its components, read back through its canonical constructor, which
 * checks the values as it does for any caller. Properties the record does not have are ignored (a
 * newer writer); a missing optional or collection component is read as empty (an older writer).
 */
final class RecordShape implements Shape {
  private final Class<?> type;
  private final List<Property> components;
  private final MethodHandle constructor;

  RecordShape(Class<?> type, Shapes shapes) {
    this.type = type;
    RecordComponent[] declared = type.getRecordComponents();
    Class<?>[] parameters = new Class<?>[declared.length];
    List<Property> properties = new ArrayList<>(declared.length);
    for (int i = 0; i < declared.length; i++) {
      RecordComponent component = declared[i];
      parameters[i] = component.getType();
      properties.add(new Property(component.getName(), Handles.virtual(type, component.getAccessor()),
          shapes.of(component.getGenericType(), type.getSimpleName() + "." + component.getName())));
    }
    this.components = List.copyOf(properties);
    try {
      this.constructor = Handles.constructor(type.getConstructor(parameters));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the record " + type.getName() + " has no public canonical constructor", e);
    }
  }

  @Override
  public JsonNode write(Object value) throws CodecFailure {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (Property component : components) {
      component.write(value, object);
    }
    return object;
  }

  @Override
  public Object read(JsonNode node) throws CodecFailure {
    if (!node.isObject()) {
      throw new CodecFailure("expected " + type.getSimpleName() + " as an object, found " + Shapes.describe(node));
    }
    Object[] arguments = new Object[components.size()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = components.get(i).read(node);
    }
    return Handles.call(constructor, arguments);
  }
}
