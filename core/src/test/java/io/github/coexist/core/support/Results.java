package io.github.coexist.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;

/** Unwraps results in tests, failing with the error when there is one. */
public final class Results {
  private Results() {}

  /** The success of {@code either}; fails the test showing the error otherwise. */
  public static <T> T right(Either<?, T> either) {
    assertThat(either.isRight()).as("expected success but was %s", either).isTrue();
    return either.get();
  }
}
