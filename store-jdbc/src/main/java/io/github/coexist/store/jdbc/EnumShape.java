package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** An enum constant, as its name. */
final class EnumShape implements Shape {
  private final Class<?> type;
  private final Map<String, Object> constants = new LinkedHashMap<>();

  EnumShape(Class<?> type) {
    this.type = type;
    for (Object constant : type.getEnumConstants()) {
      constants.put(((Enum<?>) constant).name(), constant);
    }
  }

  @Override
  public JsonNode write(Object value) {
    return JsonNodeFactory.instance.textNode(((Enum<?>) value).name());
  }

  @Override
  public Object read(JsonNode node) throws CodecFailure {
    Object constant = node.isTextual() ? constants.get(node.textValue()) : null;
    if (constant == null) {
      throw new CodecFailure("expected one of " + type.getSimpleName() + " " + constants.keySet() + ", found "
          + Shapes.describe(node));
    }
    return constant;
  }

  /** The constant named {@code name}, for map keys. */
  Object constant(String name) throws CodecFailure {
    return read(JsonNodeFactory.instance.textNode(name));
  }
}
