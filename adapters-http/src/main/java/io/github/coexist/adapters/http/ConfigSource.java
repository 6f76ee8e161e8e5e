package io.github.coexist.adapters.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where adapter settings come from: a map, system properties, or environment variables, looked
 * up by dotted key ({@code coexist.servicenow.url}). Environment variables use the same key upper-
 * cased with dots and dashes as underscores ({@code COEXIST_SERVICENOW_URL}).
 */
@FunctionalInterface
public interface ConfigSource {

  /** The value of {@code key}, if set and not blank. */
  Optional<String> get(String key);

  /** Settings from a map of dotted keys. */
  static ConfigSource of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return key -> Optional.ofNullable(copy.get(key)).filter(v -> !v.isBlank());
  }

  /** Settings from the process environment. */
  static ConfigSource environment() {
    return environment(System.getenv());
  }

  /** Settings from an environment given as a map (tests pass their own). */
  static ConfigSource environment(Map<String, String> env) {
    Map<String, String> copy = Map.copyOf(env);
    return key -> Optional.ofNullable(copy.get(envName(key))).filter(v -> !v.isBlank());
  }

  /** Settings from Java system properties. */
  static ConfigSource systemProperties() {
    return key -> Optional.ofNullable(System.getProperty(key)).filter(v -> !v.isBlank());
  }

  /** The first source that has a key wins. */
  static ConfigSource firstOf(ConfigSource... sources) {
    List<ConfigSource> all = List.of(sources);
    return key -> all.stream().map(s -> s.get(key)).flatMap(Optional::stream).findFirst();
  }

  /** The environment variable name for a dotted key. */
  static String envName(String key) {
    Objects.requireNonNull(key, "key");
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
