package io.github.coexist.core.delivery;

/**
 * How big a change is: files touched and lines added plus removed. Never negative (the request
 * builder reports negative input as a problem).
 */
public record ChangeSize(int filesChanged, int linesChanged) {
  /** Nothing known about the size: zero files, zero lines. */
  public static final ChangeSize UNKNOWN = new ChangeSize(0, 0);

  public ChangeSize {
    if (filesChanged < 0 || linesChanged < 0) {
      throw new IllegalArgumentException("a change size cannot be negative");
    }
  }
}
