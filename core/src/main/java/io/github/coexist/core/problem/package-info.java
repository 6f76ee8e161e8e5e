/**
 * Problem management: problems raised by hand or automatically when incidents recur on one
 * service with one signature, their lifecycle (New, Assess, Root cause analysis, Fix in progress,
 * Resolved, Closed), known errors with workarounds, and the change that fixes them.
 *
 * <p>{@link io.github.coexist.core.problem.ProblemManager} is the application service; {@link
 * io.github.coexist.core.problem.ProblemRecords} is the port that mirrors problems into the ITSM
 * tool.
 */
@ValueStyle
@NullMarked
package io.github.coexist.core.problem;

import org.jspecify.annotations.NullMarked;

import io.github.coexist.core.internal.style.ValueStyle;
