package io.github.coexist.core.kpi;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.vavr.control.Either;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which environment names count as production, compared without regard to case. By default
 * {@code production} and {@code prod}. Immutable.
 */
public final class ProductionEnvironments {
  private static final ProductionEnvironments DEFAULT = new ProductionEnvironments(Set.of("production", "prod"));

  private final Set<String> names;

  private ProductionEnvironments(Set<String> lowerCaseNames) {
    this.names = Set.copyOf(lowerCaseNames);
  }

  /** {@code production} and {@code prod}, in any case. */
  public static ProductionEnvironments defaults() {
    return DEFAULT;
  }

  /** Exactly these names, in any case; at least one, none blank. */
  public static Either<CoexistError, ProductionEnvironments> of(Collection<String> names) {
    Problems problems = new Problems().require(!names.isEmpty(), "at least one production environment is needed");
    Set<String> lower = new TreeSet<>();
    for (String name : names) {
      if (Problems.isBlank(name)) {
        problems.add("a production environment name must not be blank");
      } else {
        lower.add(name.strip().toLowerCase(Locale.ROOT));
      }
    }
    return problems.toEither(() -> new ProductionEnvironments(lower));
  }

  /** The names in a comma-separated list such as {@code production,live}. */
  public static Either<CoexistError, ProductionEnvironments> parse(String commaSeparated) {
    return of(java.util.Arrays.asList(commaSeparated.split(",", -1)));
  }

  /** Whether {@code environment} is a production environment. */
  public boolean contains(String environment) {
    return names.contains(environment.strip().toLowerCase(Locale.ROOT));
  }

  /** The names, lower case, sorted. */
  public Set<String> names() {
    return new TreeSet<>(names);
  }

  @Override
  public String toString() {
    return "ProductionEnvironments" + names();
  }
}
