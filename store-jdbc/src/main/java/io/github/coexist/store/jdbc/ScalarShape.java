package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A value JSON holds as one scalar: text, a number or a boolean. Times are ISO-8601 text, exact
 * to the nanosecond; a double that is not a number is written as text ({@code "NaN"}).
 */
final class ScalarShape implements Shape {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Map<Class<?>, ScalarShape> SCALARS = Map.ofEntries(
      Map.entry(String.class, text("text", s -> s)),
      Map.entry(Boolean.class, new ScalarShape("a boolean", v -> JSON.booleanNode((Boolean) v), JsonNode::isBoolean,
          JsonNode::booleanValue)),
      Map.entry(boolean.class, new ScalarShape("a boolean", v -> JSON.booleanNode((Boolean) v), JsonNode::isBoolean,
          JsonNode::booleanValue)),
      Map.entry(Integer.class, integer()),
      Map.entry(int.class, integer()),
      Map.entry(Long.class, longInteger()),
      Map.entry(long.class, longInteger()),
      Map.entry(Double.class, decimal()),
      Map.entry(double.class, decimal()),
      Map.entry(Instant.class, text("an instant", Instant::parse)),
      Map.entry(Duration.class, text("a duration", Duration::parse)),
      Map.entry(LocalDate.class, text("a date", LocalDate::parse)),
      Map.entry(LocalTime.class, text("a time of day", LocalTime::parse)),
      Map.entry(LocalDateTime.class, text("a local date and time", LocalDateTime::parse)),
      Map.entry(ZoneId.class, text("a time zone", ZoneId::of)));

  private final String expected;
  private final Function<Object, JsonNode> writer;
  private final Predicate<JsonNode> accepts;
  private final Function<JsonNode, Object> reader;

  private ScalarShape(String expected, Function<Object, JsonNode> writer, Predicate<JsonNode> accepts,
      Function<JsonNode, Object> reader) {
    this.expected = expected;
    this.writer = writer;
    this.accepts = accepts;
    this.reader = reader;
  }

  /** The shape of {@code type} when it is a scalar. */
  static Optional<Shape> of(Class<?> type) {
    return Optional.ofNullable(SCALARS.get(type));
  }

  private static ScalarShape text(String expected, Function<String, Object> parse) {
    return new ScalarShape(expected, v -> JSON.textNode(v.toString()), JsonNode::isTextual,
        n -> parse.apply(n.textValue()));
  }

  private static ScalarShape integer() {
    return new ScalarShape("a whole number (32 bits)", v -> JSON.numberNode((Integer) v),
        n -> n.isIntegralNumber() && n.canConvertToInt(), JsonNode::intValue);
  }

  private static ScalarShape longInteger() {
    return new ScalarShape("a whole number (64 bits)", v -> JSON.numberNode((Long) v),
        n -> n.isIntegralNumber() && n.canConvertToLong(), JsonNode::longValue);
  }

  private static ScalarShape decimal() {
    return new ScalarShape("a number", ScalarShape::writeDouble,
        n -> n.isNumber() || n.isTextual(), n -> n.isNumber() ? n.doubleValue() : Double.parseDouble(n.textValue()));
  }

  private static JsonNode writeDouble(Object value) {
    double d = (Double) value;
    return Double.isFinite(d) ? JSON.numberNode(d) : JSON.textNode(Double.toString(d));
  }

  @Override
  public JsonNode write(Object value) {
    return writer.apply(value);
  }

  @Override
  public Object read(JsonNode node) throws CodecFailure {
    if (!accepts.test(node)) {
      throw new CodecFailure("expected " + expected + ", found " + Shapes.describe(node));
    }
    try {
      return reader.apply(node);
    } catch (DateTimeException | NumberFormatException e) {
      throw new CodecFailure("expected " + expected + ", found " + Shapes.describe(node) + ": " + e.getMessage(), e);
    }
  }
}
