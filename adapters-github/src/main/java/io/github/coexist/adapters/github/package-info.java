/**
 * coexist's GitHub adapter: webhook intake (signed deliveries turned into typed observations for
 * core), the change gate's answer as a custom deployment protection rule review, gate time-outs,
 * and a small REST client (token or GitHub App) for deployment statuses and commit ranges.
 *
 * <p>Start at {@link io.github.coexist.adapters.github.GitHubAdapter}: {@code
 * GitHubAdapter.builder(GitHubConfig.fromEnvironment()).build()} hands out {@link
 * io.github.coexist.adapters.github.GitHubWebhooks}, {@link
 * io.github.coexist.adapters.github.GitHubGateReplies}, {@link
 * io.github.coexist.adapters.github.GateTimeouts} and {@link
 * io.github.coexist.adapters.github.GitHubDeployments}.
 */
package io.github.coexist.adapters.github;
