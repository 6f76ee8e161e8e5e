package io.github.coexist.core.gate;

import java.util.Locale;

/** Lower-case names of enum constants, worked out once per enum type: they go into every audit entry. */
final class Names {
  private static final ClassValue<String[]> LOWER = new ClassValue<>() {
    @Override
    protected String[] computeValue(Class<?> type) {
      Object[] constants = type.getEnumConstants();
      String[] names = new String[constants.length];
      for (int i = 0; i < constants.length; i++) {
        names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
      }
      return names;
    }
  };

  private Names() {}

  static String lower(Enum<?> value) {
    return LOWER.get(value.getDeclaringClass())[value.ordinal()];
  }
}
