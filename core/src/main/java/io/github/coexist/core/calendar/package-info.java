/**
 * The change calendar: freeze (blackout) and maintenance windows, global or per service, with a
 * zone and a recurrence.
 */
package io.github.coexist.core.calendar;
