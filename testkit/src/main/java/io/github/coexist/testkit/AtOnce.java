package io.github.coexist.testkit;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one call from several threads released together, for the kits' "concurrently" tests. */
final class AtOnce {
  private AtOnce() {}

  /** The distinct results of {@code call} made from {@code threads} threads at once; a failed call fails the test. */
  static <T> Set<T> distinctResults(int threads, Callable<Either<CoexistError, T>> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Either<CoexistError, T>>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      Set<T> results = new HashSet<>();
      for (Future<Either<CoexistError, T>> f : futures) {
        results.add(f.get(30, TimeUnit.SECONDS).getOrElseThrow(e -> new AssertionError(e.message())));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
