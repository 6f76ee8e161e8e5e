/**
 * Incident management: alerts folded into incidents by dedup key (with flapping suppression and
 * auto-resolve), incidents opened by people, priority from impact and urgency, the lifecycle with
 * its SLA clocks, and change correlation that ranks the changes and deployments suspected of
 * causing an incident.
 *
 * <p>{@link io.github.coexist.core.incident.IncidentDesk} is the application service; {@link
 * io.github.coexist.core.incident.IncidentRecords} is the port that mirrors incidents into the
 * ITSM tool; {@link io.github.coexist.core.incident.ChangeLookup} and {@link
 * io.github.coexist.core.incident.ChangeLinks} connect it to change enablement without a package
 * cycle.
 */
@ValueStyle
@NullMarked
package io.github.coexist.core.incident;

import org.jspecify.annotations.NullMarked;

import io.github.coexist.core.internal.style.ValueStyle;
