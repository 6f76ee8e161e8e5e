package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * ServiceNow's raw date-time format: {@code yyyy-MM-dd HH:mm:ss} in UTC (raw values, never the
 * user's display format or zone). Seconds are the finest unit it stores.
 */
final class SnDates {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private SnDates() {}

  /** {@code instant} as ServiceNow stores it, cut to the second. */
  static String format(Instant instant) {
    return FORMAT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
  }

  /** The instant of a raw ServiceNow date-time. */
  static Either<CoexistError, Instant> parse(String value) {
    try {
      return Either.right(LocalDateTime.parse(value, FORMAT).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException | NullPointerException e) {
      return Either.left(CoexistError.invalid(
          "ServiceNow returned a date '" + value + "' not in the raw format yyyy-MM-dd HH:mm:ss"));
    }
  }
}
