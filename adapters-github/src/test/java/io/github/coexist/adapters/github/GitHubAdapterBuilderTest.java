package io.github.coexist.adapters.github;

import io.github.coexist.adapters.http.InvalidConfigurationException;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.testkit.AdapterBuilderKit;
import io.vavr.control.Either;
import java.util.Map;

class GitHubAdapterBuilderTest extends AdapterBuilderKit<GitHubAdapter.Builder, GitHubAdapter> {

  @Override
  protected GitHubAdapter.Builder usable() {
    return GitHubAdapter.builder(GitHubConfig.of(Map.of("coexist.github.token", "t", "coexist.github.webhook-secret",
        "s")));
  }

  @Override
  protected GitHubAdapter.Builder unusable() {
    return GitHubAdapter.builder(GitHubConfig.of(Map.of()));
  }

  @Override
  protected Either<CoexistError.InvalidInput, GitHubAdapter> tryBuild(GitHubAdapter.Builder builder) {
    return builder.tryBuild();
  }

  @Override
  protected GitHubAdapter build(GitHubAdapter.Builder builder) {
    return builder.build();
  }

  @Override
  protected Class<? extends IllegalStateException> configurationError() {
    return InvalidConfigurationException.class;
  }
}
