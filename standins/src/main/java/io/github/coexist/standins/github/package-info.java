/**
 * A stand-in for GitHub: {@link io.github.coexist.standins.github.GitHubStandIn}, a local
 * server answering the REST calls coexist makes as GitHub does (including its failures), and
 * {@link io.github.coexist.standins.github.GitHubDeliveries}, signed webhook deliveries
 * built from fixtures written after GitHub's documented payloads. For adapter tests and the demo.
 */
package io.github.coexist.standins.github;
