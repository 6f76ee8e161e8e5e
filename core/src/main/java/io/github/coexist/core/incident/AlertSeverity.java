package io.github.coexist.core.incident;

import java.util.Locale;
import java.util.Optional;

/**
 * How bad a monitoring alert says things are. Gives the impact and urgency of an incident the
 * alert opens, unless the alert states them itself.
 */
public enum AlertSeverity {
  /** The service is down or losing data: impact high, urgency high (P1 by the ITIL matrix). */
  CRITICAL(Impact.HIGH, Urgency.HIGH),
  /** The service is failing for some users: impact medium, urgency high (P2). */
  ERROR(Impact.MEDIUM, Urgency.HIGH),
  /** Something is degraded or about to fail: impact medium, urgency medium (P3). */
  WARNING(Impact.MEDIUM, Urgency.MEDIUM),
  /** Worth knowing, not hurting anyone yet: impact low, urgency low (P5). */
  INFO(Impact.LOW, Urgency.LOW);

  private final Impact impact;
  private final Urgency urgency;

  AlertSeverity(Impact impact, Urgency urgency) {
    this.impact = impact;
    this.urgency = urgency;
  }

  /** The impact an incident opened by such an alert gets unless the alert says otherwise. */
  public Impact defaultImpact() {
    return impact;
  }

  /** The urgency an incident opened by such an alert gets unless the alert says otherwise. */
  public Urgency defaultUrgency() {
    return urgency;
  }

  /**
   * The severity named by {@code text}, ignoring case: {@code critical}, {@code error}, {@code
   * warning}, {@code info}, and the common aliases {@code fatal}, {@code high}, {@code major}
   * (error), {@code warn}, {@code minor}, {@code medium} (warning), {@code low}, {@code
   * informational} (info).
   */
  public static Optional<AlertSeverity> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "critical", "fatal", "p1", "sev1" -> Optional.of(CRITICAL);
      case "error", "high", "major", "p2", "sev2" -> Optional.of(ERROR);
      case "warning", "warn", "minor", "medium", "p3", "sev3" -> Optional.of(WARNING);
      case "info", "informational", "low", "p4", "p5", "sev4" -> Optional.of(INFO);
      default -> Optional.empty();
    };
  }
}
