package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.core.error.CoexistError;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;

class JdbcDeliveryIdsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:30:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @OnBothDatabases
  @DisplayName("an id is claimed once, across a restart, until it is released")
  void claimOnce(TestDatabase database) {
    DeliveryIds ids = database.open().deliveryIds(CLOCK);
    assertThat(ids.claim("72d3162e-cc78-11e3-81ab-4c9367dc0958").get()).isTrue();
    assertThat(ids.claim("72d3162e-cc78-11e3-81ab-4c9367dc0958").get()).isFalse();

    DeliveryIds restarted = database.open().deliveryIds(CLOCK);
    assertThat(restarted.claim("72d3162e-cc78-11e3-81ab-4c9367dc0958").get()).isFalse();
    assertThat(restarted.release("72d3162e-cc78-11e3-81ab-4c9367dc0958").isRight()).isTrue();
    assertThat(ids.claim("72d3162e-cc78-11e3-81ab-4c9367dc0958").get()).isTrue();
  }

  @OnBothDatabases
  @DisplayName("an id older than the retention can be claimed again, once")
  void retention(TestDatabase database) {
    JdbcStore store = database.open();
    assertThat(store.deliveryIds(CLOCK, Duration.ofHours(1)).claim("d-1").get()).isTrue();
    DeliveryIds later = store.deliveryIds(Clock.offset(CLOCK, Duration.ofMinutes(59)), Duration.ofHours(1));
    assertThat(later.claim("d-1").get()).isFalse();
    DeliveryIds muchLater = store.deliveryIds(Clock.offset(CLOCK, Duration.ofHours(2)), Duration.ofHours(1));
    assertThat(muchLater.claim("d-1").get()).isTrue();
    assertThat(muchLater.claim("d-1").get()).isFalse();
  }

  @OnBothDatabases
  @DisplayName("of callers racing for one id on two instances, exactly one wins")
  void oneWinner(TestDatabase database) throws Exception {
    List<DeliveryIds> instances = List.of(database.open().deliveryIds(CLOCK), database.open().deliveryIds(CLOCK));
    int racers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      for (int round = 0; round < 20; round++) {
        String id = "race-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
          DeliveryIds ids = instances.get(r % 2);
          claims.add(pool.submit(() -> {
            start.await();
            return ids.claim(id).getOrElseThrow(e -> new AssertionError(e.message()));
          }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> claim : claims) {
          winners += claim.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).as("winners of " + id).isOne();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @OnBothDatabases
  @DisplayName("an id longer than the column is refused, never cut; one that fits is kept whole")
  void neverCut(TestDatabase database) {
    DeliveryIds ids = database.open().deliveryIds(CLOCK);
    String longest = "a".repeat(JdbcDeliveryIds.MAX_LENGTH);
    assertThat(ids.claim(longest + "b").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(ids.claim(longest).get()).isTrue();
    assertThat(ids.claim("a".repeat(JdbcDeliveryIds.MAX_LENGTH - 1) + "b").get()).isTrue();
    assertThat(ids.claim(longest).get()).isFalse();
    assertThat(ids.claim(" ").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
  }

  @OnBothDatabases
  @DisplayName("the database itself refuses an id longer than the column")
  void columnLimit(TestDatabase database) {
    database.open();
    assertThatThrownBy(() -> database.update("INSERT INTO delivery_id (id, seen_at_ms) VALUES (?, ?)",
        "x".repeat(JdbcDeliveryIds.MAX_LENGTH + 1), 0L)).isInstanceOf(SQLException.class);
  }
}
