package io.github.coexist.store.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * Calls into core's value types through method handles found by the public lookup, as compiled
 * code would: a public method inherited from a generated package-private class (an Immutables
 * builder's setters) is reached through the public class that inherits it, without opening any
 * access. Every handle is adapted to take and return {@code Object}s, its arguments spread.
 */
final class Handles {
  private static final MethodHandles.Lookup PUBLIC = MethodHandles.publicLookup();

  private Handles() {}

  /** {@code method}, looked up through {@code owner} (a public class declaring or inheriting it). */
  static MethodHandle virtual(Class<?> owner, Method method) {
    return found(owner, method, false);
  }

  /** The public static method {@code method} of {@code owner}. */
  static MethodHandle statical(Class<?> owner, Method method) {
    return found(owner, method, true);
  }

  private static MethodHandle found(Class<?> owner, Method method, boolean statical) {
    MethodType type = MethodType.methodType(method.getReturnType(), method.getParameterTypes());
    try {
      return spread(statical ? PUBLIC.findStatic(owner, method.getName(), type)
          : PUBLIC.findVirtual(owner, method.getName(), type));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException("the codec cannot call " + owner.getName() + "." + method.getName(), e);
    }
  }

  /** The public {@code constructor}. */
  static MethodHandle constructor(Constructor<?> constructor) {
    try {
      return spread(PUBLIC.unreflectConstructor(constructor));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("the codec cannot call the constructor of "
          + constructor.getDeclaringClass().getName(), e);
    }
  }

  private static MethodHandle spread(MethodHandle handle) {
    int arity = handle.type().parameterCount();
    return handle.asType(handle.type().generic()).asSpreader(Object[].class, arity)
        .asType(MethodType.methodType(Object.class, Object[].class));
  }

  /**
   * Calls {@code handle} with {@code arguments}; whatever the callee throws (a constructor's or a
   * builder's refusal) is a failure, with the callee's message.
   */
  static Object call(MethodHandle handle, Object... arguments) throws CodecFailure {
    try {
      return (Object) handle.invokeExact(arguments);
    } catch (RuntimeException e) {
      throw new CodecFailure("refused: " + e.getMessage(), e);
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      throw new CodecFailure("failed: " + e, e);
    }
  }
}
