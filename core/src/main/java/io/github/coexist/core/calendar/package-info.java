/**
 * The change calendar: freeze (blackout) and maintenance windows, global or per service, each
 * with a zone and a recurrence ({@link io.github.coexist.core.calendar.Schedule}: weekly, annual
 * or once), as data ({@link io.github.coexist.core.calendar.CalendarWindow}, read from untrusted
 * text with {@code CalendarWindow.parse}), resolved into instants across daylight-saving changes by
 * {@link io.github.coexist.core.calendar.StandardChangeCalendar}.
 *
 * <p>The change gate asks {@link io.github.coexist.core.calendar.ChangeCalendar#freezes} whether a
 * change is held and {@link io.github.coexist.core.calendar.ChangeCalendar#heldUntil} until when.
 */
@NullMarked
package io.github.coexist.core.calendar;

import org.jspecify.annotations.NullMarked;
