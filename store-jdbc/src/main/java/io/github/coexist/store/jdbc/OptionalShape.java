package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Optional;

/** An {@link Optional}: JSON {@code null} when empty (or missing), else its value's JSON. */
final class OptionalShape implements Shape {
  private final Shape value;

  OptionalShape(Shape value) {
    this.value = value;
  }

  @Override
  public JsonNode write(Object optional) throws CodecFailure {
    Optional<?> o = (Optional<?>) optional;
    return o.isPresent() ? value.write(o.get()) : NullNode.getInstance();
  }

  @Override
  public Object read(JsonNode node) throws CodecFailure {
    return node.isNull() ? Optional.empty() : Optional.of(value.read(node));
  }

  @Override
  public Optional<Object> absent() {
    return Optional.of(Optional.empty());
  }
}
