package io.github.coexist.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.NewIncident;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.KpiScope;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 16, case 10: a service's CSAT counts the answers on its incident tickets, through core end to end. */
class CsatPerServiceTest {
  private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");

  @Test
  @DisplayName("an answer on an incident ticket counts for the incident's service and no other")
  void answerOnIncidentTicket() {
    ManualClock clock = new ManualClock(T0);
    Actor reporter = Actor.person("alice");
    try (Coexist coexist = Coexist.builder().clock(clock).serviceDirectory(InMemoryServiceDirectory.of(
        Service.of("shop", "shop-team"), Service.of("search", "search-team"))).build()) {
      Incident incident = coexist.incidents().open(NewIncident.builder().title("Cannot pay").service("shop").impact(2)
          .urgency(2).reporter(reporter).build().get()).get();
      coexist.incidents().resolve(incident.id(), "restarted", Actor.person("bob")).get();
      clock.advance(Duration.ofMinutes(10));
      coexist.surveys().respond(Ticket.of(incident), 5, "quick", reporter).get();

      TimeWindow day = new TimeWindow(T0, T0.plus(Duration.ofDays(1)));
      KpiReport shop = coexist.kpis().query(KpiQuery.of(day, KpiScope.service(ServiceId.of("shop"))));
      KpiReport search = coexist.kpis().query(KpiQuery.of(day, KpiScope.service(ServiceId.of("search"))));
      assertThat(shop.itsm().csat().responses()).isEqualTo(1);
      assertThat(shop.itsm().csat().meanRating()).hasValue(5.0);
      assertThat(search.itsm().csat().responses()).isZero();
    }
  }
}
