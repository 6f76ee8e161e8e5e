package io.github.coexist.surfacefixture.api;

import io.github.coexist.surfacefixture.internal.Hidden;
import java.util.List;

/** A fixture: a listed API type that uses an internal type only where users cannot see it. */
public final class Listed {
  private final Hidden hidden = new Hidden();

  /** Public, and shows no internal type. */
  public String name() {
    return hidden.toString();
  }

  List<Hidden> packagePrivate() {
    return List.of(hidden);
  }
}
