package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A list, set, sorted set or vavr {@code Seq}, as a JSON array in iteration order; read back as an
 * unmodifiable collection of the declared kind (a sorted set in natural order).
 */
final class CollectionShape implements Shape {
  private final Shape element;
  private final Function<List<Object>, Object> collect;
  private final Function<Object, Iterable<?>> elements;

  private CollectionShape(Shape element, Function<List<Object>, Object> collect,
      Function<Object, Iterable<?>> elements) {
    this.element = element;
    this.collect = collect;
    this.elements = elements;
  }

  static CollectionShape list(Shape element) {
    return new CollectionShape(element, Collections::unmodifiableList, Collection.class::cast);
  }

  static CollectionShape set(Shape element) {
    return new CollectionShape(element, read -> Collections.unmodifiableSet(new LinkedHashSet<>(read)),
        Collection.class::cast);
  }

  static CollectionShape sortedSet(Shape element) {
    return new CollectionShape(element, read -> Collections.unmodifiableSortedSet(new TreeSet<>(read)),
        Collection.class::cast);
  }

  static CollectionShape seq(Shape element) {
    return new CollectionShape(element, io.vavr.collection.List::ofAll, io.vavr.collection.Seq.class::cast);
  }

  @Override
  public JsonNode write(Object value) throws CodecFailure {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    int index = 0;
    for (Object item : elements.apply(value)) {
      try {
        array.add(Shapes.write(element, item));
      } catch (CodecFailure e) {
        throw e.at("[" + index + "]");
      }
      index++;
    }
    return array;
  }

  @Override
  public Object read(JsonNode node) throws CodecFailure {
    if (node.isNull()) {
      return collect.apply(List.of());
    }
    if (!node.isArray()) {
      throw new CodecFailure("expected an array, found " + Shapes.describe(node));
    }
    List<Object> read = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      try {
        read.add(Shapes.readElement(element, node.get(i)));
      } catch (CodecFailure e) {
        throw e.at("[" + i + "]");
      }
    }
    try {
      return collect.apply(read);
    } catch (ClassCastException | NullPointerException e) {
      throw new CodecFailure("the elements cannot be sorted: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Object> absent() {
    return Optional.of(collect.apply(List.of()));
  }
}
