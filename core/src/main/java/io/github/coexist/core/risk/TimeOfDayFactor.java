package io.github.coexist.core.risk;

import io.github.coexist.core.service.Service;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * When the change is planned to start, in the service's own zone: a weekend scores the whole
 * weight, a weekday outside business hours {@value #OFF_HOURS} of it, business hours nothing.
 * Fewer people are around to notice and fix a failure off hours, fewest at the weekend. When the
 * service is unknown so is its users' zone, and the change counts as at the riskiest time: an
 * unknown must never make a change look safer than any known answer would.
 */
final class TimeOfDayFactor extends BuiltInFactor {
  static final double OFF_HOURS = 0.6;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private final LocalTime dayStart;
  private final LocalTime dayEnd;
  private final Set<DayOfWeek> weekend;

  TimeOfDayFactor(double weight, LocalTime dayStart, LocalTime dayEnd, Set<DayOfWeek> weekend) {
    super("time-of-day", weight);
    if (!dayEnd.isAfter(dayStart)) {
      throw new IllegalArgumentException(
          "factor time-of-day: business hours must end after they start, were " + dayStart + " to " + dayEnd);
    }
    this.dayStart = dayStart;
    this.dayEnd = dayEnd;
    this.weekend = Set.copyOf(weekend);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    ZoneId zone = context.service().map(Service::zone).orElse(ZoneOffset.UTC);
    ZonedDateTime start = context.plannedStart().atZone(zone);
    String when = Text.capitalised(start.getDayOfWeek()) + " " + CLOCK.format(start) + " " + zoneName(zone);
    if (context.service().isEmpty()) {
      return contribution(1, when + ": service unknown, so its users' zone is too: counted as the riskiest time");
    }
    if (weekend.contains(start.getDayOfWeek())) {
      return contribution(1, when + ": weekend");
    }
    LocalTime time = start.toLocalTime();
    if (time.isBefore(dayStart) || !time.isBefore(dayEnd)) {
      return contribution(OFF_HOURS, when + ": outside business hours");
    }
    return contribution(0, when + ": business hours");
  }

  /** "Europe/Berlin"; "UTC" rather than the offset's "Z". */
  private static String zoneName(ZoneId zone) {
    return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }
}
