package io.github.coexist.app.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.app.json.Views;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.kpi.KpiBasis;
import io.github.coexist.core.kpi.KpiQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The drill-down behind the dashboard's KPIs, newest first, a page at a time: the production
 * deployments the DORA metrics count and the incidents the ITSM metrics count, as the KPI engine
 * names them ({@link io.github.coexist.core.kpi.KpiEngine#basis}). A page's position is the time and
 * id of its last item, so walking on finds the items after it even while new ones arrive.
 */
public final class DashboardBasis {
  private DashboardBasis() {}

  /** Which deployments a page lists: all, or only the failed ones, or only the hotfixes. */
  public enum Only {
    /** Every production deployment. */
    ALL,
    /** Those an incident was attributed to (what the change failure rate and recovery time count). */
    FAILED,
    /** The hotfixes (what the rework rate counts). */
    HOTFIXES
  }

  /**
   * A page of items, newest first.
   *
   * @param items the page's items, as JSON
   * @param total how many items the whole list holds
   * @param next the position after the page's last item, when more follow
   */
  public record Page(List<ObjectNode> items, int total, Optional<String> next) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /** The deployments behind the KPIs of {@code filter}, at most {@code limit} after {@code position}. */
  public static Page deployments(Coexist app, DashboardFilter filter, Only only, Optional<String> position, int limit) {
    Predicate<KpiBasis.Deployment> kept = switch (only) {
      case ALL -> d -> true;
      case FAILED -> KpiBasis.Deployment::failed;
      case HOTFIXES -> KpiBasis.Deployment::hotfix;
    };
    List<KpiBasis.Deployment> all = new ArrayList<>(basis(app, filter).deployments().stream().filter(kept).toList());
    Collections.reverse(all);
    return page(all, position, limit, KpiBasis.Deployment::finishedAt, d -> d.id().value(), DashboardBasis::deployment);
  }

  /** The incidents behind the KPIs of {@code filter}, at most {@code limit} after {@code position}. */
  public static Page incidents(Coexist app, DashboardFilter filter, Optional<String> position, int limit) {
    List<KpiBasis.Incident> all = new ArrayList<>(basis(app, filter).incidents());
    Collections.reverse(all);
    return page(all, position, limit, i -> i.fact().openedAt(), i -> i.fact().id().value(), i -> incident(app, i));
  }

  /** Whether {@code position} is one a page gave: {@code <epoch millis>:<id>}. */
  public static boolean validPosition(String position) {
    int colon = position.indexOf(':');
    return colon > 0 && colon < position.length() - 1 && position.substring(0, colon).matches("-?\\d{1,19}");
  }

  private static KpiBasis basis(Coexist app, DashboardFilter filter) {
    return app.kpis().basis(KpiQuery.of(filter.window(app.clock().instant()), filter.scope()));
  }

  private static <T> Page page(List<T> newestFirst, Optional<String> position, int limit,
      Function<T, Instant> time, Function<T, String> id,
      Function<T, ObjectNode> view) {
    int start = 0;
    if (position.isPresent()) {
      int colon = position.get().indexOf(':');
      long millis = Long.parseLong(position.get().substring(0, colon));
      String last = position.get().substring(colon + 1);
      while (start < newestFirst.size() && !after(newestFirst.get(start), millis, last, time, id)) {
        start++;
      }
    }
    int end = Math.min(newestFirst.size(), start + limit);
    List<ObjectNode> items = newestFirst.subList(start, end).stream().map(view).toList();
    Optional<String> next = end < newestFirst.size()
        ? Optional.of(time.apply(newestFirst.get(end - 1)).toEpochMilli() + ":" + id.apply(newestFirst.get(end - 1)))
        : Optional.empty();
    return new Page(items, newestFirst.size(), next);
  }

  /** Whether {@code item} comes after the position in newest-first order: earlier, or as early with a smaller id. */
  private static <T> boolean after(T item, long millis, String last, Function<T, Instant> time,
      Function<T, String> id) {
    long at = time.apply(item).toEpochMilli();
    return at < millis || (at == millis && id.apply(item).compareTo(last) < 0);
  }

  private static ObjectNode deployment(KpiBasis.Deployment d) {
    ObjectNode node = Views.JSON.createObjectNode();
    node.put("id", d.id().value());
    node.put("service", d.service().value());
    node.put("finishedAt", d.finishedAt().toString());
    node.put("failed", d.failed());
    node.put("hotfix", d.hotfix());
    ArrayNode incidents = node.putArray("incidents");
    d.incidents().forEach(i -> incidents.add(i.value()));
    return node;
  }

  private static ObjectNode incident(Coexist app, KpiBasis.Incident i) {
    ObjectNode node = Views.JSON.createObjectNode();
    node.put("id", i.fact().id().value());
    node.put("title", app.incidents().incident(i.fact().id()).map(x -> x.title()).getOrNull());
    node.put("service", i.fact().service().value());
    node.put("priority", i.fact().priority());
    node.put("openedAt", i.fact().openedAt().toString());
    node.put("acknowledgedAt", i.fact().acknowledgedAt().map(Instant::toString).orElse(null));
    node.put("resolvedAt", i.fact().resolvedAt().map(Instant::toString).orElse(null));
    i.fact().resolvedAt().ifPresentOrElse(
        r -> node.put("restoreSeconds", Duration.between(i.fact().openedAt(), r).toSeconds()),
        () -> node.putNull("restoreSeconds"));
    node.put("attributedTo", i.attributedTo().map(d -> d.value()).orElse(null));
    return node;
  }
}
