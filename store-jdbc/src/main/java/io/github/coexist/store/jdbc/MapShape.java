package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A map as a JSON object: each key as text ({@link MapKey}), each value in its own shape. Read
 * back as an unmodifiable map of the declared kind (a sorted map in the keys' natural order).
 */
final class MapShape implements Shape {
  private final MapKey key;
  private final Shape value;
  private final boolean sorted;

  MapShape(MapKey key, Shape value, boolean sorted) {
    this.key = key;
    this.value = value;
    this.sorted = sorted;
  }

  @Override
  public JsonNode write(Object map) throws CodecFailure {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
      String name = key.write(entry.getKey());
      try {
        object.set(name, Shapes.write(value, entry.getValue()));
      } catch (CodecFailure e) {
        throw e.at("[" + name + "]");
      }
    }
    return object;
  }

  @Override
  public Object read(JsonNode node) throws CodecFailure {
    if (node.isNull()) {
      return empty();
    }
    if (!node.isObject()) {
      throw new CodecFailure("expected an object, found " + Shapes.describe(node));
    }
    Map<Object, Object> read = sorted ? new TreeMap<>() : new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      try {
        read.put(key.read(field.getKey()), Shapes.readElement(value, field.getValue()));
      } catch (CodecFailure e) {
        throw e.at("[" + field.getKey() + "]");
      } catch (ClassCastException e) {
        throw new CodecFailure("the keys cannot be sorted: " + e.getMessage(), e);
      }
    }
    return sorted ? Collections.unmodifiableSortedMap((TreeMap<Object, Object>) read)
        : Collections.unmodifiableMap(read);
  }

  private Object empty() {
    return sorted ? Collections.emptySortedMap() : Map.of();
  }

  @Override
  public Optional<Object> absent() {
    return Optional.of(empty());
  }
}
