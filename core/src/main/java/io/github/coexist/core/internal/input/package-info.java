/**
 * Not API: may change in any release. What the input builders of several capability packages
 * share: the raw fields of a ticket and their checks ({@link
 * io.github.coexist.core.internal.input.TicketFields}), behind {@code NewIncident.builder()} and
 * {@code NewProblem.builder()}.
 */
@NullMarked
package io.github.coexist.core.internal.input;

import org.jspecify.annotations.NullMarked;
