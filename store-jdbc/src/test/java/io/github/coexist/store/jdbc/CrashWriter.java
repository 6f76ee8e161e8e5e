package io.github.coexist.store.jdbc;

import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link CrashDurabilityTest}: opens the embedded store in the directory
 * given, then appends audit entries, claims delivery ids, keeps signals in the inbox and commits
 * records without end, printing each one once the store has acknowledged it ({@code audit
 * <sequence>}, {@code delivery <id>}, {@code inbox <delivery key>}, {@code record <service id>}),
 * until killed.
 */
final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    JdbcStore store = JdbcStore.embedded(Path.of(args[0])).getOrElseThrow(e -> new IllegalStateException(e.message()));
    AuditTrail trail = new AuditTrail(store.auditStore(), Clock.systemUTC());
    DeliveryIds ids = store.deliveryIds(Clock.systemUTC());
    StateStore state = store.stateStore(Clock.systemUTC());
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
      Signal signal = new Signal.ApprovalGiven(new ExternalKey("servicenow", "change_request", "CHG" + i),
          Actor.person("cab"), "ok");
      state.inbox().record("github:d-" + i, signal, Clock.systemUTC().instant())
          .getOrElseThrow(e -> new IllegalStateException(e.message()));
      out.println("inbox github:d-" + i);
      out.flush();
      state.commit(Batch.of(List.of(new StoredRecord.OfService(Service.of("s-" + i, "web")))))
          .getOrElseThrow(e -> new IllegalStateException(e.message()));
      out.println("record s-" + i);
      out.flush();
    }
  }
}
