package io.github.coexist.app.demo;

import io.github.coexist.core.calendar.CalendarWindow;
import io.github.coexist.core.calendar.ChangeCalendar;
import io.github.coexist.core.calendar.Schedule;
import io.github.coexist.core.calendar.StandardChangeCalendar;
import io.github.coexist.core.catalog.Approval;
import io.github.coexist.core.catalog.Catalog;
import io.github.coexist.core.catalog.CatalogItem;
import io.github.coexist.core.catalog.CatalogItemId;
import io.github.coexist.core.catalog.FieldSpec;
import io.github.coexist.core.catalog.TaskTemplate;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeAuthority;
import io.github.coexist.core.change.ChangeModel;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.risk.RiskAssessor;
import io.github.coexist.core.risk.RiskFactors;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.risk.RiskRule;
import io.github.coexist.core.risk.StandardRiskAssessor;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The simulated organisation: an online shop's services, the teams and people who own them, the
 * change advisory board, the approval policy, the risk rules, the change calendar and the
 * self-service catalog. Pure data; nothing here moves.
 */
final class Shop {
  /** Where the shop's people work; the freeze and the account's times are in this zone. */
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** The Friday every story ends on; the weekend freeze after it holds the last deployment. */
  static final LocalDate LAST_FRIDAY = LocalDate.of(2026, 3, 6);

  /** The version every decision of the demo records. */
  static final String POLICY_VERSION = "acme-shop-2026.1";

  /** The standard change template the pipelines may ask for. */
  static final String CONFIG_TOGGLE = "config-toggle";

  /** The change advisory board: two of them must approve. */
  static final List<Actor> CAB = List.of(person("mara.schulz"), person("tom.becker"), person("lena.vogel"));

  /** The emergency CAB on call: one of them approves an emergency and reviews it afterwards. */
  static final List<Actor> ECAB = List.of(person("jonas.weber"), person("aylin.demir"));

  /** The site reliability engineer on call, who answers alerts. */
  static final Actor ON_CALL = person("felix.braun");

  /** A service desk agent who reports what customers tell her. */
  static final Actor SUPPORT = person("kim.lange");

  /** The platform lead, who approves new environments. */
  static final Actor PLATFORM_LEAD = person("tom.becker");

  /** The database administrator, who approves database access. */
  static final Actor DBA = person("irene.kraus");

  /** The catalog item for a new staging environment. */
  static final CatalogItemId STAGING = CatalogItemId.of("staging-environment");

  /** The catalog item for read access to a database. */
  static final CatalogItemId DB_ACCESS = CatalogItemId.of("database-read-access");

  /** One service with the developers of the team that owns it. */
  record Unit(Service service, List<Actor> developers) {
    ServiceId id() {
      return service.id();
    }

    String name() {
      return service.id().value();
    }

    TeamId team() {
      return service.owner();
    }
  }

  /** The services, in the order the account lists them. */
  static final List<Unit> UNITS = List.of(
      unit("web", "storefront", Tier.TIER_2, BERLIN, List.of("catalog", "search", "checkout", "identity"),
          "nina.berg", "omar.haddad"),
      unit("checkout", "checkout-team", Tier.TIER_1, BERLIN, List.of("payments", "catalog", "identity", "notifications"),
          "lukas.meyer", "sofia.rossi"),
      unit("payments", "payments-team", Tier.TIER_1, BERLIN, List.of("identity"), "julia.wolf", "david.chen"),
      unit("catalog", "catalog-team", Tier.TIER_2, BERLIN, List.of(), "emma.fischer", "noah.klein"),
      unit("search", "discovery", Tier.TIER_2, BERLIN, List.of("catalog"), "lea.hoffmann", "ben.schmidt"),
      unit("identity", "identity-team", Tier.TIER_1, ZoneId.of("Europe/London"), List.of(),
          "hannah.wright", "samir.patel"),
      unit("notifications", "messaging", Tier.TIER_3, ZoneId.of("America/New_York"), List.of("identity"),
          "chloe.martin", "ethan.brooks"));

  private Shop() {}

  /** The unit of {@code name}. */
  static Unit unit(String name) {
    return UNITS.stream().filter(u -> u.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
  }

  /**
   * The policy, built with its builder: low risk with passing evidence is approved automatically,
   * the rest of low and moderate risk goes to a peer, high and very high risk to the CAB (two of
   * three), emergencies to the emergency CAB on call; a config toggle whose tests and review passed
   * is a pre-authorised standard change.
   */
  static ApprovalPolicy policy() {
    return ApprovalPolicy.builder()
        .version(POLICY_VERSION)
        .productionEnvironment("production")
        .environment("staging")
        .environment("dev")
        .authority(ChangeAuthority.anyPerson("peer", 1, Duration.ofHours(24)))
        .authority(ChangeAuthority.of("cab", 2, Duration.ofHours(72), CAB.toArray(Actor[]::new)))
        .authority(ChangeAuthority.of("ecab", 1, Duration.ofHours(4), ECAB.toArray(Actor[]::new)))
        .authorityFor(RiskLevel.LOW, "peer")
        .authorityFor(RiskLevel.MODERATE, "peer")
        .authorityFor(RiskLevel.HIGH, "cab")
        .authorityFor(RiskLevel.VERY_HIGH, "cab")
        .emergencyAuthority("ecab")
        .autoApproveUpTo(RiskLevel.LOW)
        .model(ChangeModel.standard(CONFIG_TOGGLE, ChangeModel.TESTS, ChangeModel.REVIEW))
        .build()
        .getOrElseThrow(error -> new IllegalStateException("the demo's policy is wrong: " + error.message()));
  }

  /** The built-in factors, and one rule: a tier 1 service changed without a rollback plan is high risk. */
  static RiskAssessor riskAssessor() {
    return StandardRiskAssessor.builder()
        .factors(RiskFactors.defaults())
        .rule(RiskRule.of("tier 1 service without a rollback plan",
            context -> !context.request().rollbackPlan()
                && context.service().map(s -> s.tier() == Tier.TIER_1).orElse(true),
            RiskLevel.HIGH))
        .build();
  }

  /** The weekend freeze, every Friday 16:00 to Monday 08:00 in Berlin, and the year-end freeze. */
  static ChangeCalendar calendar() {
    return StandardChangeCalendar.of(
        CalendarWindow.freeze("weekend", BERLIN,
            Schedule.weekly(DayOfWeek.FRIDAY, LocalTime.of(16, 0), DayOfWeek.MONDAY, LocalTime.of(8, 0))),
        CalendarWindow.freeze("year end", BERLIN, Schedule.annualDays(MonthDay.of(12, 20), MonthDay.of(1, 2))));
  }

  /** Two catalog items: a new staging environment, and read access to a database. */
  static Catalog catalog() {
    return Catalog.of(
        CatalogItem.builder()
            .id(STAGING)
            .name("New staging environment")
            .description("A namespace with its own pipeline, for a team to try a change before production")
            .addFields(FieldSpec.text("team", "Team", true),
                FieldSpec.choice("size", "Size", true, "small", "medium", "large"),
                FieldSpec.text("purpose", "What it is for", false))
            .approval(Approval.by(PLATFORM_LEAD))
            .addTasks(new TaskTemplate("provision the namespace", TeamId.of("platform")),
                new TaskTemplate("wire up the pipeline", TeamId.of("platform")))
            .build(),
        CatalogItem.builder()
            .id(DB_ACCESS)
            .name("Read access to a database")
            .addFields(FieldSpec.choice("database", "Database", true, "catalog-db", "orders-db", "payments-db"),
                FieldSpec.text("reason", "Why", true),
                FieldSpec.email("email", "E-mail", true))
            .approval(Approval.by(DBA))
            .addTasks(new TaskTemplate("grant the read-only role", TeamId.of("dba")))
            .build());
  }

  /** The first working day of a story of {@code days} working days that ends on {@link #LAST_FRIDAY}. */
  static LocalDate firstDay(int days) {
    LocalDate day = LAST_FRIDAY;
    for (int left = days - 1; left > 0; ) {
      day = day.minusDays(1);
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return day;
  }

  /** The demo's people by name, for the Jira approvers: every CAB and ECAB member and every developer. */
  static List<String> approverAccounts() {
    java.util.List<String> all = new java.util.ArrayList<>();
    CAB.forEach(a -> all.add(a.name()));
    ECAB.forEach(a -> all.add(a.name()));
    UNITS.forEach(u -> u.developers().forEach(d -> all.add(d.name())));
    return all;
  }

  /** Service name to its JSM service id, for the Jira stand-in. */
  static Map<String, String> jsmServiceIds() {
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    for (int i = 0; i < UNITS.size(); i++) {
      ids.put(UNITS.get(i).name(), String.format(java.util.Locale.ROOT, "svc-%s-%04d", UNITS.get(i).name(), i + 1));
    }
    return ids;
  }

  static Actor person(String name) {
    return Actor.person(name);
  }

  private static Unit unit(String id, String team, Tier tier, ZoneId zone, List<String> dependsOn, String... developers) {
    Service service = Service.builder()
        .id(ServiceId.of(id))
        .owner(TeamId.of(team))
        .tier(tier)
        .zone(zone)
        .dependsOn(dependsOn.stream().map(ServiceId::of).toList())
        .build();
    return new Unit(service, java.util.Arrays.stream(developers).map(Actor::person).toList());
  }
}
