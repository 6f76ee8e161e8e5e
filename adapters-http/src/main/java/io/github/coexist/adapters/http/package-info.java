/**
 * Shared HTTP plumbing for coexist's adapters, so that every adapter calls its tool the same safe
 * way: {@link io.github.coexist.adapters.http.RemoteClient} (JDK HttpClient, timeouts, bounded
 * jittered retries honouring {@code Retry-After}, requests only to the configured host), typed
 * error mapping ({@link io.github.coexist.adapters.http.StatusPolicy}), {@code Link} pagination,
 * webhook signatures and delivery de-duplication, redacted {@link
 * io.github.coexist.adapters.http.Secret}s and settings read with every problem listed at once.
 */
package io.github.coexist.adapters.http;
