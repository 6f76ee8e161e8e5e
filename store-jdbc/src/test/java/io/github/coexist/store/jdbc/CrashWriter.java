package io.github.coexist.store.jdbc;

import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.kernel.Actor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The child process of {@link CrashDurabilityTest}: opens the embedded store in the directory
 * given, then appends audit entries and claims delivery ids without end, printing each one once
 * the store has acknowledged it ({@code audit <sequence>}, {@code delivery <id>}), until killed.
 */
final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    JdbcStore store = JdbcStore.embedded(Path.of(args[0])).getOrElseThrow(e -> new IllegalStateException(e.message()));
    AuditTrail trail = new AuditTrail(store.auditStore(), Clock.systemUTC());
    DeliveryIds ids = store.deliveryIds(Clock.systemUTC());
    out.println("ready");
    out.flush();
    for (long i = 1; ; i++) {
      AuditEntry entry = trail.record(AuditEvent.of(Actor.system("github"), "change.requested", "ch-" + i,
          Map.of("delivery", "d-" + i), "accepted")).getOrElseThrow(e -> new IllegalStateException(e.message()));
      out.println("audit " + entry.sequence());
      out.flush();
      if (ids.claim("d-" + i).getOrElseThrow(e -> new IllegalStateException(e.message()))) {
        out.println("delivery d-" + i);
        out.flush();
      }
    }
  }
}
