package io.github.coexist.core.service;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.internal.style.ValueStyle;
import io.vavr.control.Either;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A service as DevOps and ITSM both see it: who owns it, how critical it is, the time zone its
 * users live in, and the services it depends on. The CMDB view that risk and impact read.
 */
@Value.Immutable
@ValueStyle
public abstract class Service {

  /** The service's identifier. */
  public abstract ServiceId id();

  /** The team that owns the service and is assigned its changes and incidents. */
  public abstract TeamId owner();

  /** How critical the service is; {@link Tier#TIER_3} unless set. */
  @Value.Default
  public Tier tier() {
    return Tier.TIER_3;
  }

  /** The zone of the service's users, for time-of-day risk and calendars; UTC unless set. */
  @Value.Default
  public ZoneId zone() {
    return ZoneOffset.UTC;
  }

  /** The services this one depends on (calls, reads from, runs on). */
  public abstract Set<ServiceId> dependsOn();

  /**
   * A builder; {@code id} and {@code owner} are required: {@code build()} throws {@link IllegalStateException} naming every
   * one left out, and a {@code null} argument throws {@link NullPointerException} naming it.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A service with the given id and owner and every other attribute at its default. */
  public static Service of(String id, String owner) {
    return builder().id(ServiceId.of(id)).owner(TeamId.of(owner)).build();
  }

  /**
   * A service from untrusted text, reporting every problem at once.
   *
   * @param id the service id
   * @param owner the owning team
   * @param tier 1 to 4
   * @param zone an IANA zone id such as {@code Europe/Berlin}
   */
  public static Either<CoexistError, Service> parse(String id, String owner, int tier, String zone) {
    Problems problems = new Problems()
        .require(!Problems.isBlank(id), "service id is required")
        .require(!Problems.isBlank(owner), "owner is required")
        .require(tier >= 1 && tier <= 4, "tier must be 1 to 4, was " + tier);
    ZoneId parsedZone = ZoneOffset.UTC;
    if (!Problems.isBlank(zone)) {
      try {
        parsedZone = ZoneId.of(zone);
      } catch (java.time.DateTimeException e) {
        problems.add("zone '" + zone + "' is not a known time zone");
      }
    }
    ZoneId finalZone = parsedZone;
    return problems.toEither(() -> builder()
        .id(ServiceId.of(id))
        .owner(TeamId.of(owner))
        .tier(Tier.values()[tier - 1])
        .zone(finalZone)
        .build());
  }

  @Value.Check
  void check() {
    if (dependsOn().contains(id())) {
      throw new IllegalStateException("service " + id() + " cannot depend on itself");
    }
  }

  /** Builds a {@link Service}. */
  public static final class Builder extends ImmutableService.Builder {}
}
