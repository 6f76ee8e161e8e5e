package io.github.coexist.app.app;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.catalog.RequestId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
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
   * A {@link Coexist} builder on {@code clock} recording in {@code itsm} (whose adapter {@link
   * Coexist#close()} also closes, and whose CMDB, if it has one, is the service directory), with
   * incidents, problems and requests numbered {@code INC-0001}, {@code PRB-0001}, {@code REQ-0001}.
   */
  public static Coexist.Builder builder(Clock clock, Itsm itsm) {
    Coexist.Builder builder = Coexist.builder()
        .clock(clock)
        .changeRecords(itsm.changes())
        .incidentRecords(itsm.incidents())
        .problemRecords(itsm.problems())
        .feedbackRecords(itsm.feedback())
        .incidentIds(sequence("INC-", IncidentId::of))
        .problemIds(sequence("PRB-", ProblemId::of))
        .requestIds(sequence("REQ-", RequestId::of));
    itsm.directory().ifPresent(builder::serviceDirectory);
    itsm.resource().ifPresent(builder::closeOnClose);
    return builder;
  }

  private static <T> Supplier<T> sequence(String prefix, Function<String, T> id) {
    AtomicLong next = new AtomicLong();
    return () -> id.apply(prefix + String.format("%04d", next.incrementAndGet()));
  }
}
