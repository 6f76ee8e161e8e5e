package io.github.coexist.store.jdbc;

/**
 * A value the {@link StateCodec} cannot write or read, with where in the value it happened
 * ({@code incident.activity[3].at}), built up as the failure travels out of the nested shapes.
 */
final class CodecFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String reason;

  CodecFailure(String reason) {
    this("", reason, null);
  }

  CodecFailure(String reason, Throwable cause) {
    this("", reason, cause);
  }

  private CodecFailure(String path, String reason, Throwable cause) {
    super(reason, cause, false, false);
    this.path = path;
    this.reason = reason;
  }

  /** This failure, one step further out: {@code step} is a property name or an index in brackets. */
  CodecFailure at(String step) {
    String joined = path.isEmpty() || path.startsWith("[") ? step + path : step + "." + path;
    return new CodecFailure(joined, reason, getCause());
  }

  @Override
  public String getMessage() {
    return path.isEmpty() ? reason : "at " + path + ": " + reason;
  }
}
