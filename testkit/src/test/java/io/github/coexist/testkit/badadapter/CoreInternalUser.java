package io.github.coexist.testkit.badadapter;

import io.github.coexist.core.internal.text.DurationText;
import java.time.Duration;

/** Breaks the rules: uses a core internal type, which may change in any release. */
final class CoreInternalUser {
  private CoreInternalUser() {}

  static String took(Duration duration) {
    return DurationText.of(duration);
  }
}
