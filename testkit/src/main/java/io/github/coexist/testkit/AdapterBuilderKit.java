package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The builder convention every adapter keeps, as a kit its builder test extends: {@code
 * tryBuild()} returns every configuration problem at once as {@link CoexistError.InvalidInput},
 * {@code build()} throws them as one documented {@link IllegalStateException} subtype, and
 * neither changes the builder.
 *
 * @param <B> the adapter's builder
 * @param <A> the adapter
 */
public abstract class AdapterBuilderKit<B, A extends AutoCloseable> {
  private final Function<B, Either<CoexistError.InvalidInput, A>> tryBuild;
  private final Function<B, A> build;
  private final Class<? extends IllegalStateException> configurationError;

  /**
   * A kit for one adapter's builder.
   *
   * @param tryBuild the builder's {@code tryBuild()}
   * @param build the builder's {@code build()}
   * @param configurationError the exception type {@code build()} is documented to throw
   */
  protected AdapterBuilderKit(Function<B, Either<CoexistError.InvalidInput, A>> tryBuild, Function<B, A> build,
      Class<? extends IllegalStateException> configurationError) {
    this.tryBuild = tryBuild;
    this.build = build;
    this.configurationError = configurationError;
  }

  /** A builder whose configuration is usable and needs no network to build. */
  protected abstract B usable();

  /** A builder whose configuration has at least two problems. */
  protected abstract B unusable();

  private Either<CoexistError.InvalidInput, A> tryBuild(B builder) {
    return tryBuild.apply(builder);
  }

  private A build(B builder) {
    return build.apply(builder);
  }

  @Test
  @DisplayName("tryBuild returns every problem at once, the same each time it is called")
  void tryBuildListsEveryProblem() {
    B builder = unusable();
    CoexistError.InvalidInput first = tryBuild(builder).getLeft();
    assertThat(first.problems()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(tryBuild(builder).getLeft()).isEqualTo(first);
  }

  @Test
  @DisplayName("build throws one documented exception naming every problem tryBuild returns")
  void buildThrowsEveryProblem() {
    B builder = unusable();
    CoexistError.InvalidInput invalid = tryBuild(builder).getLeft();
    assertThatThrownBy(() -> build(builder)).isExactlyInstanceOf(configurationError)
        .satisfies(e -> invalid.problems().forEach(p -> assertThat(e).hasMessageContaining(p)));
  }

  @Test
  @DisplayName("tryBuild leaves the builder as it was: tryBuild again, then build, each give a new adapter")
  void tryBuildDoesNotChangeTheBuilder() throws Exception {
    B builder = usable();
    try (A first = tryBuild(builder).get(); A second = tryBuild(builder).get(); A third = build(builder)) {
      assertThat(first).isNotSameAs(second).isNotSameAs(third);
      assertThat(second).isNotSameAs(third);
    }
  }
}
