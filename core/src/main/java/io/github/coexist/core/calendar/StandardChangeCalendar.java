package io.github.coexist.core.calendar;

import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The standard {@link ChangeCalendar}: a fixed list of {@link CalendarWindow}s, each resolved in
 * its own zone for every occurrence, so "Friday 16:00 to Monday 08:00 Europe/Berlin" stays at
 * 16:00 Berlin time across daylight-saving changes (see {@link Schedule} for skipped and repeated
 * local times).
 *
 * <pre>{@code
 * ChangeCalendar calendar = StandardChangeCalendar.builder()
 *     .window(CalendarWindow.freeze("weekend", berlin,
 *         Schedule.weekly(FRIDAY, LocalTime.of(16, 0), MONDAY, LocalTime.of(8, 0))))
 *     .window(CalendarWindow.freeze("year end", berlin,
 *         Schedule.annualDays(MonthDay.of(12, 20), MonthDay.of(1, 2))))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StandardChangeCalendar implements ChangeCalendar {
  private static final Comparator<WindowOccurrence> BY_START = Comparator
      .comparing(WindowOccurrence::start)
      .thenComparing(WindowOccurrence::end)
      .thenComparing(WindowOccurrence::window);

  private final List<CalendarWindow> windows;

  private StandardChangeCalendar(List<CalendarWindow> windows) {
    this.windows = List.copyOf(windows);
  }

  /** A builder with no windows. */
  public static Builder builder() {
    return new Builder();
  }

  /** A calendar of {@code windows}; throws {@link IllegalArgumentException} on a repeated name. */
  public static StandardChangeCalendar of(CalendarWindow... windows) {
    return builder().windows(List.of(windows)).build();
  }

  @Override
  public List<WindowOccurrence> occurrences(ServiceId service, Instant from, Instant to) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    List<WindowOccurrence> found = new ArrayList<>();
    for (CalendarWindow window : windows) {
      if (window.appliesTo(service)) {
        found.addAll(window.occurrences(from, to));
      }
    }
    found.sort(BY_START);
    return List.copyOf(found);
  }

  /** The windows, in the order added. */
  public List<CalendarWindow> windows() {
    return windows;
  }

  @Override
  public String toString() {
    return "StandardChangeCalendar" + windows;
  }

  /** Builds a {@link StandardChangeCalendar}. */
  public static final class Builder {
    private final List<CalendarWindow> windows = new ArrayList<>();

    private Builder() {}

    /** Adds a window. */
    public Builder window(CalendarWindow window) {
      windows.add(Objects.requireNonNull(window, "window"));
      return this;
    }

    /** Adds every window of {@code windows}. */
    public Builder windows(Iterable<CalendarWindow> windows) {
      windows.forEach(this::window);
      return this;
    }

    /**
     * The calendar; throws {@link IllegalArgumentException} when two windows share a name, since
     * the name is what tells people which window holds their change.
     */
    public StandardChangeCalendar build() {
      Set<String> names = new HashSet<>();
      for (CalendarWindow window : windows) {
        if (!names.add(window.name())) {
          throw new IllegalArgumentException("calendar window names must be unique; repeated: " + window.name());
        }
      }
      return new StandardChangeCalendar(windows);
    }
  }
}
