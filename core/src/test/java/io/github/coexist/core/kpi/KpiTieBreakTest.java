package io.github.coexist.core.kpi;

import static io.github.coexist.core.kpi.Facts.T0;
import static io.github.coexist.core.kpi.Facts.commit;
import static io.github.coexist.core.kpi.Facts.day;
import static io.github.coexist.core.kpi.Facts.h;
import static io.github.coexist.core.kpi.Facts.prod;
import static io.github.coexist.core.kpi.Facts.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.service.ServiceId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Deployments that finish at the same instant are ordered by id, whichever arrives first: the
 * smaller id deploys a commit they share, so the engine's answer does not depend on arrival order.
 */
class KpiTieBreakTest {

  private static KpiReport of(KpiEngine engine, String service) {
    return engine.query(KpiQuery.of(window(T0, day(1)), KpiScope.service(ServiceId.of(service))));
  }

  @Test
  @DisplayName("the smaller id deploys the shared commit, in either order of arrival")
  void arrivalOrderDoesNotMatter() {
    for (List<String> order : List.of(List.of("d-a", "d-b"), List.of("d-b", "d-a"))) {
      KpiEngine engine = KpiEngine.create();
      for (String id : order) {
        engine.add(prod(id, id.equals("d-a") ? "alpha" : "beta", h(10), commit("c1", h(8))));
      }
      assertThat(of(engine, "alpha").dora().leadTimeForChanges().medianSeconds()).as("order %s", order).hasValue(2 * 3600.0);
      assertThat(of(engine, "beta").dora().leadTimeForChanges().medianSeconds()).as("order %s", order).isEmpty();
    }
  }
}
