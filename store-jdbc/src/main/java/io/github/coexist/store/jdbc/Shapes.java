package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Finds the {@link Shape} of a declared type, following it through records, Immutables values,
 * sealed types and containers down to scalars. Only core's own types ({@value #CORE}) are built
 * from JSON, besides scalars, enums and containers; any other type is refused when the shapes are
 * built (an {@link IllegalStateException} naming where it was reached), so a value that cannot be
 * stored is found at start-up or by a test, never when a record is written. Not thread-safe while
 * building; the shapes it builds are immutable.
 */
final class Shapes {
  /** The package whose value types the codec builds. */
  static final String CORE = "io.github.coexist.core.";
  private static final int QUOTED = 40;

  private final Map<Type, Shape> built = new HashMap<>();

  /** The shape of {@code type}, reached at {@code where} (for messages). */
  Shape of(Type type, String where) {
    Shape known = built.get(type);
    if (known != null) {
      return known;
    }
    Deferred deferred = new Deferred();
    built.put(type, deferred);
    try {
      Shape shape = build(type, where);
      deferred.target = shape;
      built.put(type, shape);
      return shape;
    } catch (IllegalStateException e) {
      built.remove(type);
      throw e;
    }
  }

  private Shape build(Type type, String where) {
    if (type instanceof WildcardType wildcard && wildcard.getLowerBounds().length == 0) {
      return of(wildcard.getUpperBounds()[0], where);
    }
    if (type instanceof ParameterizedType parameterized) {
      return container(parameterized, where);
    }
    if (type instanceof Class<?> c) {
      Optional<Shape> scalar = ScalarShape.of(c);
      if (scalar.isPresent()) {
        return scalar.get();
      }
      if (c.isEnum()) {
        return new EnumShape(c);
      }
      return value(c, where);
    }
    throw unsupported(type, where);
  }

  private Shape container(ParameterizedType type, String where) {
    Type raw = type.getRawType();
    Type[] arguments = type.getActualTypeArguments();
    String inside = where + "<>";
    if (raw == Optional.class) {
      return new OptionalShape(of(arguments[0], inside));
    }
    if (raw == List.class) {
      return CollectionShape.list(of(arguments[0], inside));
    }
    if (raw == Set.class) {
      return CollectionShape.set(of(arguments[0], inside));
    }
    if (raw == SortedSet.class || raw == NavigableSet.class) {
      return CollectionShape.sortedSet(of(arguments[0], inside));
    }
    if (raw == io.vavr.collection.Seq.class || raw == io.vavr.collection.List.class) {
      return CollectionShape.seq(of(arguments[0], inside));
    }
    boolean sorted = raw == SortedMap.class || raw == NavigableMap.class;
    if ((raw == Map.class || sorted) && arguments[0] instanceof Class<?> key) {
      try {
        return new MapShape(MapKey.of(key), of(arguments[1], inside), sorted);
      } catch (IllegalStateException e) {
        throw new IllegalStateException(e.getMessage() + " (at " + where + ")", e);
      }
    }
    throw unsupported(type, where);
  }

  private Shape value(Class<?> type, String where) {
    if (!type.getName().startsWith(CORE) || !Modifier.isPublic(type.getModifiers())) {
      throw unsupported(type, where);
    }
    if (type.isRecord()) {
      return new RecordShape(type, this);
    }
    if (type.isSealed()) {
      return new SealedShape(type, this);
    }
    return BuilderShape.of(type, this).orElseThrow(() -> unsupported(type, where));
  }

  private static IllegalStateException unsupported(Type type, String where) {
    return new IllegalStateException("the state codec cannot store " + type.getTypeName() + " (at " + where
        + "): a stored value is made of records, Immutables values and sealed types of core, enums, strings,"
        + " numbers, booleans, java.time values, optionals, lists, sets, maps and vavr seqs");
  }

  /** {@code value} in {@code shape}, or JSON {@code null} for Java's {@code null}. */
  static JsonNode write(Shape shape, Object value) throws CodecFailure {
    return value == null ? NullNode.getInstance() : shape.write(value);
  }

  /**
   * The value of {@code node} in {@code shape}: JSON {@code null} is the shape's absent value
   * (an empty optional or collection) or Java's {@code null} for the others, which the value's
   * constructor or builder may refuse.
   */
  static Object readElement(Shape shape, JsonNode node) throws CodecFailure {
    return node.isNull() ? shape.absent().orElse(null) : shape.read(node);
  }

  /** What {@code node} is, for messages: its kind, never its content. */
  static String describe(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** {@code text} from the data, quoted and cut short, for messages. */
  static String quote(String text) {
    String cut = text.length() > QUOTED ? text.substring(0, QUOTED) + "..." : text;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  /** A shape of a type still being built, for types that hold themselves. */
  private static final class Deferred implements Shape {
    private Shape target;

    @Override
    public JsonNode write(Object value) throws CodecFailure {
      return target.write(value);
    }

    @Override
    public Object read(JsonNode node) throws CodecFailure {
      return target.read(node);
    }

    @Override
    public Optional<Object> absent() {
      return target.absent();
    }
  }
}
