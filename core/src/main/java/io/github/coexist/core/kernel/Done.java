package io.github.coexist.core.kernel;

/** The result of a command that has nothing to return but success: {@code Either<CoexistError, Done>}. */
public enum Done {
  /** The command succeeded. */
  DONE
}
