/**
 * Micrometer meters for coexist: {@link io.github.coexist.micrometer.CoexistMetrics} is the one
 * entry point; the meters it publishes are listed in {@code docs/metrics.md}.
 */
package io.github.coexist.micrometer;
