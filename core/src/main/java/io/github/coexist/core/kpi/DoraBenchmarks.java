package io.github.coexist.core.kpi;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.NullUnmarked;

/**
 * The cut-offs that turn DORA numbers into levels, as versioned data rather than constants in code.
 *
 * <p>coexist ships the DORA 2021, 2023 and 2024 (the default) reports' clusters as contiguous
 * cut-offs ({@code dora-YEAR.properties} beside this class; each file names the report's pages it
 * comes from and says how it reads them).
 * A user can supply their own with {@link #parse(String)}. The text is a properties file with, for
 * every {@link DoraMetric} key and every level but low, a condition such as
 * <pre>
 * name = our targets
 * deploymentFrequency.elite = &gt;= 5        (deployment days per week; a number or a fraction a/b)
 * leadTimeForChanges.elite = &lt; P1D         (an ISO-8601 duration, compared with the median)
 * changeFailureRate.elite = &lt;= 0.05        (a ratio)
 * failedDeploymentRecoveryTime.elite = &lt; PT1H
 * </pre>
 * with operators {@code <}, {@code <=}, {@code >=}, {@code >}. A value gets the first of elite,
 * high, medium whose condition holds, and low otherwise. Immutable and thread-safe.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class DoraBenchmarks {
  private static final List<DoraLevel> GRADED = List.of(DoraLevel.ELITE, DoraLevel.HIGH, DoraLevel.MEDIUM);
  private static final DoraBenchmarks DEFAULT = shipped(2024);

  private final String name;
  private final Map<DoraMetric, Map<DoraLevel, Cutoff>> cutoffs;

  private DoraBenchmarks(String name, Map<DoraMetric, Map<DoraLevel, Cutoff>> cutoffs) {
    this.name = name;
    this.cutoffs = cutoffs;
  }

  /** The DORA 2024 cut-offs, coexist's default (the latest report with published clusters). */
  public static DoraBenchmarks defaults() {
    return DEFAULT;
  }

  /** The cut-offs of a report coexist ships (2021, 2023, 2024), or {@code NotFound}. */
  public static Either<CoexistError, DoraBenchmarks> forYear(int year) {
    if (DoraBenchmarks.class.getResource(resource(year)) == null) {
      return Either.left(new CoexistError.NotFound("DORA benchmarks for report year", Integer.toString(year)));
    }
    return Either.right(shipped(year));
  }

  /** User-supplied cut-offs in the properties format above, or every problem found in them. */
  public static Either<CoexistError, DoraBenchmarks> parse(String text) {
    Objects.requireNonNull(text, "text");
    return parse(new StringReader(text));
  }

  /** As {@link #parse(String)}, reading {@code reader} to its end (the caller closes it). */
  public static Either<CoexistError, DoraBenchmarks> parse(Reader reader) {
    Properties properties = new Properties();
    try {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      return Either.left(CoexistError.invalid("benchmarks cannot be read: " + e.getMessage()));
    }
    Map<String, String> entries = new TreeMap<>();
    properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key).strip()));
    return fromEntries(entries);
  }

  /** The name the data gives itself, such as {@code DORA 2023}. */
  public String name() {
    return name;
  }

  /**
   * The level of {@code value}, given in the metric's unit: deployment days per week, seconds for
   * the two durations, a ratio for the change failure rate.
   */
  public DoraLevel level(DoraMetric metric, double value) {
    Map<DoraLevel, Cutoff> levels = cutoffs.get(metric);
    for (DoraLevel level : GRADED) {
      if (levels.get(level).holds(value)) {
        return level;
      }
    }
    return DoraLevel.LOW;
  }

  @Override
  public String toString() {
    return "DoraBenchmarks[" + name + "]";
  }

  private static String resource(int year) {
    return "dora-" + year + ".properties";
  }

  private static DoraBenchmarks shipped(int year) {
    try (InputStream in = DoraBenchmarks.class.getResourceAsStream(resource(year))) {
      if (in == null) {
        throw new IllegalStateException("shipped benchmark data " + resource(year) + " is missing");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8)).getOrElseThrow(
          error -> new IllegalStateException("shipped benchmark data " + resource(year) + " is broken: " + error.message()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Either<CoexistError, DoraBenchmarks> fromEntries(Map<String, String> entries) {
    Problems problems = new Problems();
    Map<DoraMetric, Map<DoraLevel, Cutoff>> all = new EnumMap<>(DoraMetric.class);
    for (DoraMetric metric : DoraMetric.values()) {
      Map<DoraLevel, Cutoff> levels = new EnumMap<>(DoraLevel.class);
      for (DoraLevel level : GRADED) {
        String key = metric.key() + "." + level.label();
        String text = entries.get(key);
        if (text == null) {
          problems.add(key + " is missing");
        } else {
          Cutoff.parse(metric, text).fold(
              problem -> problems.add(key + ": " + problem),
              cutoff -> levels.put(level, cutoff));
        }
      }
      all.put(metric, levels);
    }
    String name = entries.getOrDefault("name", "custom");
    return problems.toEither(() -> new DoraBenchmarks(name, all));
  }

  /** One condition: an operator and a threshold in the metric's unit. */
  private record Cutoff(String operator, double threshold) {
    boolean holds(double value) {
      switch (operator) {
        case "<":
          return value < threshold;
        case "<=":
          return value <= threshold;
        case ">=":
          return value >= threshold;
        default:
          return value > threshold;
      }
    }

    static Either<String, Cutoff> parse(DoraMetric metric, String text) {
      String operator = text.startsWith("<=") || text.startsWith(">=") ? text.substring(0, 2)
          : text.startsWith("<") || text.startsWith(">") ? text.substring(0, 1) : null;
      if (operator == null) {
        return Either.left("'" + text + "' must start with <, <=, >= or >");
      }
      String operand = text.substring(operator.length()).strip();
      try {
        double threshold = metric.isDuration()
            ? Duration.parse(operand).toMillis() / 1000.0
            : number(operand);
        return Either.right(new Cutoff(operator, threshold));
      } catch (DateTimeParseException | ArithmeticException e) {
        return Either.left("'" + operand + "' is not an ISO-8601 duration such as P1D or PT1H");
      } catch (NumberFormatException e) {
        return Either.left("'" + operand + "' is not a number or a fraction a/b");
      }
    }

    private static double number(String operand) {
      int slash = operand.indexOf('/');
      if (slash < 0) {
        return Double.parseDouble(operand);
      }
      double denominator = Double.parseDouble(operand.substring(slash + 1).strip());
      if (denominator == 0) {
        throw new NumberFormatException("division by zero");
      }
      return Double.parseDouble(operand.substring(0, slash).strip()) / denominator;
    }
  }
}
