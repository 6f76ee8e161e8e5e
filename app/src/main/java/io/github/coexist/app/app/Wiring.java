package io.github.coexist.app.app;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.catalog.RequestId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the app wires core: {@code demo}, {@code serve} and {@code replay} all start from {@link
 * #builder}, on one clock, recording in the chosen ITSM tool, with readable sequential ids.
 */
public final class Wiring {
  private Wiring() {}

  /**
   * A {@link Coexist} builder on {@code clock} recording in {@code itsm}'s bundle (which {@link
   * Coexist#close()} closes, and whose CMDB is the service directory when {@link Itsm#cmdb()}),
   * with incidents, problems and requests numbered {@code INC-0001}, {@code PRB-0001}, {@code
   * REQ-0001}.
   */
  public static Coexist.Builder builder(Clock clock, Itsm itsm) {
    Coexist.Builder builder = Coexist.builder()
        .clock(clock)
        .itsm(itsm.adapter())
        .incidentIds(sequence("INC-", IncidentId::of))
        .problemIds(sequence("PRB-", ProblemId::of))
        .requestIds(sequence("REQ-", RequestId::of));
    if (!itsm.cmdb()) {
      builder.serviceDirectory(new InMemoryServiceDirectory());
    }
    return builder;
  }

  private static <T> Supplier<T> sequence(String prefix, Function<String, T> id) {
    AtomicLong next = new AtomicLong();
    return () -> id.apply(prefix + String.format("%04d", next.incrementAndGet()));
  }
}
