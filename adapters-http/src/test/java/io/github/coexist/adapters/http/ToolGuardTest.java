package io.github.coexist.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ToolGuardTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));
  private final ToolGuard guard = ToolGuard.of("servicenow", new ToolGuard.Settings(2, 4, 4, 50,
      Duration.ofSeconds(30)), clock);
  private final AtomicInteger reached = new AtomicInteger();

  private Either<CoexistError, String> down() {
    reached.incrementAndGet();
    return Either.left(new CoexistError.Unavailable("did not answer within 10000 ms"));
  }

  private Either<CoexistError, String> up() {
    reached.incrementAndGet();
    return Either.right("ok");
  }

  @Test
  @DisplayName("opens once most calls find the tool down, then refuses at once with a transient error until its wait ends")
  void opensAndRecovers() {
    for (int i = 0; i < 4; i++) {
      guard.call(this::down);
    }
    Either<CoexistError, String> refused = guard.call(this::up);

    assertThat(reached).hasValue(4);
    assertThat(guard.status().open()).isTrue();
    assertThat(refused.getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    assertThat(refused.getLeft().isTransient()).isTrue();
    assertThat(refused.getLeft().message()).contains("circuit breaker is open", "30 s");

    clock.advance(Duration.ofSeconds(31));
    assertThat(guard.call(this::up).get()).isEqualTo("ok");
    assertThat(guard.status().breaker()).isEqualTo("closed");
  }

  @Test
  @DisplayName("does not count a refusal by the tool against it: it answered")
  void refusalsKeepItClosed() {
    for (int i = 0; i < 10; i++) {
      guard.call(() -> Either.left(new CoexistError.Forbidden("no ACL")));
    }
    assertThat(guard.status().breaker()).isEqualTo("closed");
  }

  @Test
  @DisplayName("refuses a call at once while its bulkhead is full, without reaching the tool")
  void fullBulkhead() throws Exception {
    CountDownLatch inside = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<?>[] hanging = new CompletableFuture<?>[2];
    for (int i = 0; i < 2; i++) {
      hanging[i] = CompletableFuture.runAsync(() -> guard.call(() -> {
        inside.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return up();
      }));
    }
    assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();

    Either<CoexistError, String> refused = guard.call(this::up);
    ToolGuard.Status busy = guard.status();
    release.countDown();
    CompletableFuture.allOf(hanging).get(20, TimeUnit.SECONDS);

    assertThat(refused.getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    assertThat(refused.getLeft().message()).contains("2 calls under way");
    assertThat(busy.callsUnderWay()).isEqualTo(2);
    assertThat(reached).hasValue(2);
    assertThat(guard.status().callsUnderWay()).isZero();
  }
}
