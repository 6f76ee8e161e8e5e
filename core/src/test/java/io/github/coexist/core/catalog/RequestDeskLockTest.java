package io.github.coexist.core.catalog;

import static io.github.coexist.core.catalog.CatalogFixtures.DAVE;
import static io.github.coexist.core.catalog.CatalogFixtures.STAGING;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.kernel.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestDeskLockTest {
  private final ExecutorService others = Executors.newCachedThreadPool();

  @AfterEach
  void stopOthers() {
    others.shutdownNow();
  }

  @Test
  @DisplayName("a listener waiting on another thread that reads the desk does not deadlock, and hears events in order")
  void listenerOutsideLock() {
    List<String> heard = new CopyOnWriteArrayList<>();
    RequestDesk[] desk = new RequestDesk[1];
    desk[0] = RequestDesk.builder(ManualClock.atMondayMorning(), CatalogFixtures.catalog()).listener(event -> {
      try {
        int seen = CompletableFuture.supplyAsync(() -> desk[0].requests().size(), others).get(5, SECONDS);
        heard.add(event.getClass().getSimpleName() + " " + seen);
      } catch (Exception e) {
        heard.add(e.toString());
      }
    }).build();

    desk[0].submit(STAGING.id(), DAVE, Map.of("name", "stage-7"));

    assertThat(heard).containsExactly("Submitted 1", "Approved 1");
  }
}
