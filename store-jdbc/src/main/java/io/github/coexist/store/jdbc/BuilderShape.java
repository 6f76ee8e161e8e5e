package io.github.coexist.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One of core's Immutables values (an abstract class with a public static {@code builder()}) as a
 * JSON object of the attributes its builder takes, read back through that builder, which applies
 * defaults and checks as it does for any caller. Derived and lazy attributes have no setter, so
 * they are neither written nor read: the value computes them again. A missing attribute is left
 * to the builder (its default, an empty optional or collection, or a refusal naming it).
 */
final class BuilderShape implements Shape {
  private final Class<?> type;
  private final MethodHandle builder;
  private final MethodHandle build;
  private final List<Attribute> attributes;

  /** An attribute: how to read it from the value and how to give it to the builder. */
  private record Attribute(Property property, MethodHandle setter) {}

  private BuilderShape(Class<?> type, MethodHandle builder, MethodHandle build, List<Attribute> attributes) {
    this.type = type;
    this.builder = builder;
    this.build = build;
    this.attributes = attributes;
  }

  /** The shape of {@code type} if it is an Immutables value: an abstract class with a public static builder(). */
  static Optional<Shape> of(Class<?> type, Shapes shapes) {
    if (type.isInterface() || !Modifier.isAbstract(type.getModifiers())) {
      return Optional.empty();
    }
    Optional<Method> factory = publicMethod(type, "builder").filter(m -> Modifier.isStatic(m.getModifiers()));
    Optional<Method> build = factory.flatMap(f -> publicMethod(f.getReturnType(), "build"))
        .filter(m -> type.isAssignableFrom(m.getReturnType()));
    if (build.isEmpty()) {
      return Optional.empty();
    }
    Class<?> builderType = factory.get().getReturnType();
    // By name, sorted, so the JSON is the same on every JVM; an accessor named as its attribute
    // wins over a look-alike (major() over isMajor()).
    Map<String, Method> accessors = new TreeMap<>();
    Map<String, Method> setters = new TreeMap<>();
    for (Method accessor : type.getMethods()) {
      setter(builderType, accessor).filter(setter -> !accessors.containsKey(setter.getName())
          || accessor.getName().equals(setter.getName())).ifPresent(setter -> {
            accessors.put(setter.getName(), accessor);
            setters.put(setter.getName(), setter);
          });
    }
    List<Attribute> attributes = new ArrayList<>();
    accessors.forEach((name, accessor) -> attributes.add(new Attribute(
        new Property(name, Handles.virtual(type, accessor),
            shapes.of(accessor.getGenericReturnType(), type.getSimpleName() + "." + name)),
        Handles.virtual(builderType, setters.get(name)))));
    return Optional.of(new BuilderShape(type, Handles.statical(type, factory.get()),
        Handles.virtual(builderType, build.get()), List.copyOf(attributes)));
  }

  private static Optional<Method> publicMethod(Class<?> owner, String name) {
    try {
      return Optional.of(owner.getMethod(name));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  /**
   * The builder's setter of {@code accessor} when it is an attribute: a method of the attribute's
   * name ({@code isMajor()} is set by {@code major(...)}) taking one argument the accessor's
   * value fits; the exact type wins (an optional attribute's builder takes the optional and its value).
   */
  private static Optional<Method> setter(Class<?> builderType, Method accessor) {
    if (accessor.getParameterCount() != 0 || Modifier.isStatic(accessor.getModifiers())
        || accessor.isBridge() || accessor.getDeclaringClass() == Object.class
        || accessor.getReturnType() == void.class) {
      return Optional.empty();
    }
    String name = attributeName(accessor.getName());
    Class<?> value = accessor.getReturnType();
    Method best = null;
    for (Method candidate : builderType.getMethods()) {
      if (candidate.getName().equals(name) && candidate.getParameterCount() == 1
          && candidate.getParameterTypes()[0].isAssignableFrom(value)
          && (best == null || candidate.getParameterTypes()[0] == value)) {
        best = candidate;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String attributeName(String accessor) {
    for (String prefix : List.of("is", "get")) {
      if (accessor.length() > prefix.length() && accessor.startsWith(prefix)
          && Character.isUpperCase(accessor.charAt(prefix.length()))) {
        return Character.toLowerCase(accessor.charAt(prefix.length())) + accessor.substring(prefix.length() + 1);
      }
    }
    return accessor;
  }

  @Override
  public JsonNode write(Object value) throws CodecFailure {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (Attribute attribute : attributes) {
      attribute.property().write(value, object);
    }
    return object;
  }

  @Override
  public Object read(JsonNode node) throws CodecFailure {
    if (!node.isObject()) {
      throw new CodecFailure("expected " + type.getSimpleName() + " as an object, found " + Shapes.describe(node));
    }
    Object building = Handles.call(builder);
    for (Attribute attribute : attributes) {
      Property property = attribute.property();
      if (property.presentIn(node)) {
        Object value = property.read(node);
        try {
          Handles.call(attribute.setter(), building, value);
        } catch (CodecFailure e) {
          throw e.at(property.name());
        }
      }
    }
    return Handles.call(build, building);
  }
}
