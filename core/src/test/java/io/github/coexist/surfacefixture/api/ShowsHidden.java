package io.github.coexist.surfacefixture.api;

import io.github.coexist.surfacefixture.internal.Hidden;
import java.util.List;
import java.util.Optional;

/** A fixture: an API type that shows an internal type in its signatures. */
public class ShowsHidden {
  /** A public field of an internal type. */
  public Hidden field;

  /** A protected method taking an internal type. */
  protected void take(Hidden hidden) {}

  /** A public method returning internal types as type arguments. */
  public Optional<List<Hidden>> give() {
    return Optional.empty();
  }

  /** A public nested builder whose setter takes an internal type. */
  public static final class Builder {
    /** Takes an internal type. */
    public Builder with(Hidden hidden) {
      return this;
    }
  }
}
