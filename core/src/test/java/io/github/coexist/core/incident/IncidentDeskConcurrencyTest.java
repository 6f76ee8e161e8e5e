package io.github.coexist.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IncidentDeskConcurrencyTest {

  @Test
  @DisplayName("alerts raised from many threads at once fold into one incident per key, each counted once, events in order")
  void concurrentAlerts() throws Exception {
    ManualClock clock = ManualClock.atMondayMorning();
    AuditTrail trail = new AuditTrail(new InMemoryAuditStore(), clock);
    List<IncidentEvent> events = new CopyOnWriteArrayList<>();
    IncidentDesk desk = Fixtures.desk(clock).audit(trail).listener(events::add).build();
    Instant at = clock.instant();
    int threads = 8;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            Alert alert = Fixtures.alert("key-" + ((thread + i) % 3), "firing", at);
            assertThat(desk.raise(alert).isRight()).isTrue();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(desk.openIncidents()).hasSize(3);
    Map<String, Integer> counts = desk.openIncidents().stream().collect(Collectors.toMap(
        i -> i.alerts().orElseThrow().correlationKey(), i -> i.alerts().orElseThrow().count()));
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(threads * perThread);
    assertThat(events).hasSize(3).allMatch(e -> e instanceof IncidentEvent.Opened);
    assertThat(desk.unsynced()).isEmpty();
    assertThat(trail.verify().get().intact()).isTrue();
    assertThat(trail.read(1, 100).get()).hasSize(3);
  }
}
