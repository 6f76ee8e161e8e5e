package io.github.coexist.core.gate;

import io.github.coexist.core.error.CoexistError;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The causes of failure already reported to the operator: a configuration problem that every
 * change runs into (a mandatory field, an ACL, a missing group) is logged as a warning once, not
 * once per change or per tick. A cause is the system, the kind of error and its message. Bounded:
 * past {@link #MAX} causes (messages that name each record) it starts again, so a new cause is
 * never hidden for good. Thread-safe.
 */
final class ReportedCauses {
  static final int MAX = 512;

  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /** Whether {@code error} from {@code system} is reported for the first time (and now counts as reported). */
  boolean first(String system, CoexistError error) {
    if (reported.size() >= MAX) {
      reported.clear();
    }
    return reported.add(system + '\u0000' + error.getClass().getSimpleName() + '\u0000' + error.message());
  }
}
