package io.github.coexist.store.jdbc;

import java.lang.invoke.MethodHandle;

/**
 * A map key as the name of a JSON property: a string as itself, an enum constant as its name, a
 * record of core holding one string (an id such as {@code ServiceId}) as that string.
 */
final class MapKey {
  private final EnumShape constants;
  private final MethodHandle component;
  private final MethodHandle constructor;

  private MapKey(EnumShape constants, MethodHandle component, MethodHandle constructor) {
    this.constants = constants;
    this.component = component;
    this.constructor = constructor;
  }

  /** The key shape of {@code type}; an {@link IllegalStateException} for a type no key can have. */
  static MapKey of(Class<?> type) {
    if (type == String.class) {
      return new MapKey(null, null, null);
    }
    if (type.isEnum()) {
      return new MapKey(new EnumShape(type), null, null);
    }
    if (type.isRecord() && type.getName().startsWith(Shapes.CORE) && type.getRecordComponents().length == 1
        && type.getRecordComponents()[0].getType() == String.class) {
      try {
        return new MapKey(null, Handles.virtual(type, type.getRecordComponents()[0].getAccessor()),
            Handles.constructor(type.getConstructor(String.class)));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("the record " + type.getName() + " has no public canonical constructor", e);
      }
    }
    throw new IllegalStateException("a map key must be a string, an enum or a record of one string, not "
        + type.getName());
  }

  String write(Object key) throws CodecFailure {
    if (constants != null) {
      return ((Enum<?>) key).name();
    }
    return (String) (component == null ? key : Handles.call(component, key));
  }

  Object read(String name) throws CodecFailure {
    if (constants != null) {
      return constants.constant(name);
    }
    return constructor == null ? name : Handles.call(constructor, name);
  }
}
