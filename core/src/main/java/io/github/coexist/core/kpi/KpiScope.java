package io.github.coexist.core.kpi;

import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.util.Objects;

/**
 * Whose numbers a query asks for: the whole organisation, one service, or one team (the services
 * the engine has been told the team owns).
 */
public sealed interface KpiScope {

  /** Every fact the engine holds. */
  static KpiScope organisation() {
    return Organisation.INSTANCE;
  }

  /** The facts of one service. */
  static KpiScope service(ServiceId service) {
    return new OfService(service);
  }

  /** The facts of every service the team owns. */
  static KpiScope team(TeamId team) {
    return new OfTeam(team);
  }

  /** The whole organisation. */
  enum Organisation implements KpiScope {
    /** The one instance. */
    INSTANCE
  }

  /** One service. */
  record OfService(ServiceId service) implements KpiScope {
    public OfService {
      Objects.requireNonNull(service, "service");
    }
  }

  /** One team's services. */
  record OfTeam(TeamId team) implements KpiScope {
    public OfTeam {
      Objects.requireNonNull(team, "team");
    }
  }
}
