package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DispatcherTest {

  @Test
  @DisplayName("jobs run one at a time in the order submitted")
  void order() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    try (Dispatcher dispatcher = new Dispatcher(Duration.ofMillis(5), Duration.ofMillis(20))) {
      for (int i = 0; i < 50; i++) {
        int n = i;
        dispatcher.submit("job " + n, () -> {
          seen.add(n);
          return Either.right(Done.DONE);
        });
      }
      Client.await("every job ran", () -> dispatcher.backlog().done() == 50);
    }
    assertThat(seen).isSorted().hasSize(50);
  }

  @Test
  @DisplayName("a job failing transiently waits as retrying and is tried again until it succeeds")
  void transientRetried() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch failedTwice = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    try (Dispatcher dispatcher = new Dispatcher(Duration.ofMillis(5), Duration.ofMillis(20))) {
      dispatcher.submit("flaky", () -> {
        if (attempts.incrementAndGet() <= 2) {
          failedTwice.countDown();
          return Either.left(new CoexistError.Unavailable("ServiceNow answered 503"));
        }
        awaitQuietly(release);
        return Either.right(Done.DONE);
      });
      assertThat(failedTwice.await(5, TimeUnit.SECONDS)).isTrue();
      Client.await("the third attempt runs", () -> attempts.get() == 3);
      assertThat(dispatcher.backlog().lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("503"));
      assertThat(dispatcher.backlog().done()).isZero();
      release.countDown();
      Client.await("the job is done", () -> dispatcher.backlog().done() == 1);
      assertThat(dispatcher.backlog().pending()).isZero();
      assertThat(dispatcher.backlog().failed()).isZero();
    }
  }

  @Test
  @DisplayName("a job in hand counts as pending until it is done: the backlog never shows nothing left while work goes on")
  void pendingWhileRunning() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Dispatcher dispatcher = new Dispatcher(Duration.ofMillis(5), Duration.ofMillis(20))) {
      dispatcher.submit("slow", () -> {
        started.countDown();
        awaitQuietly(release);
        return Either.right(Done.DONE);
      });
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(dispatcher.backlog().pending()).isEqualTo(1);
      release.countDown();
      Client.await("the job is done", () -> dispatcher.backlog().done() == 1);
      assertThat(dispatcher.backlog().pending()).isZero();
    }
  }

  @Test
  @DisplayName("while a job waits out its backoff it counts as pending")
  void pendingWhileWaiting() {
    try (Dispatcher dispatcher = new Dispatcher(Duration.ofSeconds(30), Duration.ofSeconds(30))) {
      dispatcher.submit("down", () -> Either.left(new CoexistError.RateLimited(java.util.Optional.empty(), "slow down")));
      Client.await("the job waits to be retried", () -> dispatcher.backlog().retrying() == 1);
      assertThat(dispatcher.backlog().pending()).isEqualTo(1);
      dispatcher.close(Duration.ofMillis(100));
    }
  }

  @Test
  @DisplayName("a job refused for good, or throwing, is counted as failed and not retried")
  void refused() {
    AtomicInteger attempts = new AtomicInteger();
    try (Dispatcher dispatcher = new Dispatcher(Duration.ofMillis(5), Duration.ofMillis(20))) {
      dispatcher.submit("bad", () -> {
        attempts.incrementAndGet();
        return Either.left(CoexistError.invalid("environment 'moon' is not a known environment"));
      });
      dispatcher.submit("bug", () -> {
        throw new IllegalStateException("boom");
      });
      Client.await("both are counted", () -> dispatcher.backlog().failed() == 2);
      assertThat(attempts).hasValue(1);
      assertThat(dispatcher.backlog().lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("bug"));
    }
  }

  @Test
  @DisplayName("a job left undone at shutdown runs its hook; one done or refused for good does not")
  void leftUndone() {
    List<String> undone = new java.util.concurrent.CopyOnWriteArrayList<>();
    Dispatcher dispatcher = new Dispatcher(Duration.ofSeconds(30), Duration.ofSeconds(30));
    dispatcher.submit("done", () -> Either.right("ok"), () -> undone.add("done"));
    dispatcher.submit("refused", () -> Either.left(CoexistError.invalid("no")), () -> undone.add("refused"));
    dispatcher.submit("waiting", () -> Either.left(new CoexistError.Unavailable("down")), () -> undone.add("waiting"));
    Client.await("the last job waits to be retried", () -> dispatcher.backlog().retrying() == 1);
    dispatcher.close(Duration.ofMillis(100));
    assertThat(undone).containsExactly("waiting");
    dispatcher.submit("late", () -> Either.right("ok"), () -> undone.add("late"));
    assertThat(undone).containsExactly("waiting", "late");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
