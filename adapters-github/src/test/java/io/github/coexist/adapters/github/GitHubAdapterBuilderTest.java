package io.github.coexist.adapters.github;

import io.github.coexist.adapters.http.InvalidConfigurationException;
import io.github.coexist.testkit.AdapterBuilderKit;
import java.util.Map;

class GitHubAdapterBuilderTest extends AdapterBuilderKit<GitHubAdapter.Builder, GitHubAdapter> {

  GitHubAdapterBuilderTest() {
    super(GitHubAdapter.Builder::tryBuild, GitHubAdapter.Builder::build, InvalidConfigurationException.class);
  }

  @Override
  protected GitHubAdapter.Builder usable() {
    return GitHubAdapter.builder(GitHubConfig.of(Map.of("coexist.github.token", "t", "coexist.github.webhook-secret",
        "s")));
  }

  @Override
  protected GitHubAdapter.Builder unusable() {
    return GitHubAdapter.builder(GitHubConfig.of(Map.of()));
  }
}
