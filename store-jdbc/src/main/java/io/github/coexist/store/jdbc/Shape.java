package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * How one declared type is written to JSON and read back: built by {@link Shapes} from the type
 * alone, so reading never instantiates a class the data names.
 */
interface Shape {

  /** {@code value} as JSON. */
  JsonNode write(Object value) throws CodecFailure;

  /** The value {@code node} holds; {@code node} is never Java's {@code null}. */
  Object read(JsonNode node) throws CodecFailure;

  /**
   * The value of a property that is missing, for the shapes that have one (an empty optional or
   * collection): data written before the property existed is read with it.
   */
  default Optional<Object> absent() {
    return Optional.empty();
  }
}
