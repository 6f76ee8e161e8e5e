package io.github.coexist.core.problem;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.control.Either;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProblemManagerLockTest {
  private final ExecutorService others = Executors.newCachedThreadPool();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stopOthers() {
    release.countDown();
    others.shutdownNow();
  }

  private static NewProblem problem(String title) {
    return NewProblem.builder().title(title).service("db").impact(2).urgency(2)
        .raisedBy(Actor.person("carol")).build().get();
  }

  @Test
  @DisplayName("while the problem records hang on one problem, another command on the manager completes")
  void slowRecordsBlockNoCommand() throws Exception {
    ProblemManager problems = ProblemManager.builder(ManualClock.atMondayMorning()).records(new HangingRecords()).build();

    CompletableFuture<Either<CoexistError, Problem>> slow =
        CompletableFuture.supplyAsync(() -> problems.raise(problem("slow")), others);
    assertThat(entered.await(5, SECONDS)).isTrue();
    Either<CoexistError, Problem> quick =
        CompletableFuture.supplyAsync(() -> problems.raise(problem("quick")), others).get(5, SECONDS);

    assertThat(quick.get().externalKey()).isPresent();
    assertThat(problems.problems()).hasSize(2);
    release.countDown();
    assertThat(slow.get(5, SECONDS).get().externalKey()).isPresent();
  }

  /** In-memory records whose ensure hangs for the problem titled "slow" until released. */
  private final class HangingRecords implements ProblemRecords {
    private final InMemoryProblemRecords memory = new InMemoryProblemRecords();

    @Override
    public String system() {
      return memory.system();
    }

    @Override
    public Either<CoexistError, ExternalKey> ensure(Problem problem) {
      if (problem.title().equals("slow")) {
        entered.countDown();
        try {
          release.await(10, SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return memory.ensure(problem);
    }

    @Override
    public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
      return memory.find(key);
    }

    @Override
    public Either<CoexistError, RecordedProblem> update(ExternalKey key, Problem problem) {
      return memory.update(key, problem);
    }

    @Override
    public Either<CoexistError, RecordedProblem> read(ExternalKey key) {
      return memory.read(key);
    }
  }
}
