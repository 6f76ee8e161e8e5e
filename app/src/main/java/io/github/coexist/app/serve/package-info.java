/**
 * {@code coexist serve}: coexist as a small service on the embedded default. GitHub (and Jira)
 * webhooks in, gate answers out, alerts, a JSON API, health and the dashboard, configured by
 * environment variables ({@link io.github.coexist.app.serve.ServeCommand}); {@link
 * io.github.coexist.app.serve.CoexistServer} starts one in-process.
 */
package io.github.coexist.app.serve;
