/**
 * The one inbound port: what a pipeline, an ITSM tool or a monitoring system tells coexist, as
 * {@link io.github.coexist.core.signal.Signal}s handed to {@code Coexist.accept}. An adapter
 * verifies and maps its tool's deliveries onto these; core routes every case, so a new pipeline
 * (GitLab, Jenkins) needs only to produce signals. Values only: nothing here calls a service.
 */
@NullMarked
package io.github.coexist.core.signal;

import org.jspecify.annotations.NullMarked;
