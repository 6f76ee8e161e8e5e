package io.github.coexist.app.events;

/** Told about every line of a log that was skipped, with its number (from 1) and what is wrong with it. */
@FunctionalInterface
public interface BadLines {
  /** Line {@code lineNumber} was skipped because of {@code problem}. */
  void skipped(long lineNumber, String problem);
}
