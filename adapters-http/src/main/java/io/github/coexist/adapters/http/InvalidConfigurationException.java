package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * An adapter's configuration is not usable: what every adapter builder's {@code build()} throws,
 * listing every problem at once (its {@code tryBuild()} returns the same problems as a {@link
 * CoexistError.InvalidInput} instead). An {@link IllegalStateException}, so start-up code that
 * catches that keeps working. Messages name the setting and its environment variable, never a
 * secret's value.
 */
public final class InvalidConfigurationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String tool;
  private final List<String> problems;

  /**
   * The problems of {@code tool}'s configuration.
   *
   * @param tool the tool, as people name it ({@code GitHub}, {@code ServiceNow}, {@code Jira})
   * @param invalid every problem found
   */
  public InvalidConfigurationException(String tool, CoexistError.InvalidInput invalid) {
    super("bad " + Objects.requireNonNull(tool, "tool") + " configuration: "
        + Objects.requireNonNull(invalid, "invalid").problems().mkString("; "));
    this.tool = tool;
    this.problems = List.ofAll(invalid.problems());
  }

  /** The tool whose configuration is not usable. */
  public String tool() {
    return tool;
  }

  /** Every problem, in the order found. */
  public Seq<String> problems() {
    return problems;
  }

  /**
   * {@code error} as the invalid input a {@code tryBuild()} returns: itself when it is one, else
   * one problem carrying its message.
   */
  public static CoexistError.InvalidInput invalidInput(CoexistError error) {
    return error instanceof CoexistError.InvalidInput invalid ? invalid
        : new CoexistError.InvalidInput(List.of(error.message()));
  }
}
