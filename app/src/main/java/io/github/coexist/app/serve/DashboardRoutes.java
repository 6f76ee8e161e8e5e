package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.app.dashboard.DashboardBasis;
import io.github.coexist.app.dashboard.DashboardData;
import io.github.coexist.app.dashboard.DashboardFilter;
import io.github.coexist.app.dashboard.DashboardPage;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.app.http.Router;
import io.github.coexist.app.json.Views;
import io.github.coexist.core.Coexist;
import io.github.coexist.app.events.Excerpt;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dashboard: {@code GET /} (the page, which asks the API for its data), {@code GET
 * /api/dashboard/summary} (KPIs, trends by complete week and month, decision counts) and the
 * drill-down lists behind the KPIs, {@code GET /api/dashboard/deployments} and {@code GET
 * /api/dashboard/incidents}, each paged. All take {@code days}, {@code service} or {@code team}
 * ({@link DashboardFilter}); the deployments also {@code only=all|failed|hotfixes}.
 */
final class DashboardRoutes {
  /** How many drill-down items a page holds unless {@code limit} says otherwise. */
  static final int DEFAULT_PAGE = 20;
  /** The most drill-down items a page holds. */
  static final int MAX_PAGE = 200;

  private final Coexist app;
  private final Access access;

  DashboardRoutes(Coexist app, Access access) {
    this.app = app;
    this.access = access;
  }

  void register(Router router) {
    router.on("GET", "/", access.read(this::page));
    router.on("GET", "/api/dashboard/summary", access.read(this::summary));
    router.on("GET", "/api/dashboard/deployments", access.read(this::deployments));
    router.on("GET", "/api/dashboard/incidents", access.read(this::incidents));
  }

  /** The page asks the API for its data, so it is the same whatever the data. */
  HttpAnswer page(HttpExchangeData request) {
    return HttpAnswer.html(DashboardPage.served(), DashboardPage.CONTENT_SECURITY_POLICY);
  }

  HttpAnswer summary(HttpExchangeData request) {
    Validation<Seq<String>, DashboardFilter> filter = DashboardFilter.parse(request.query(), app.kpis());
    return filter.isValid() ? Answers.ok(DashboardData.summary(app, filter.get()))
        : Answers.invalid(filter.getError().asJava());
  }

  HttpAnswer deployments(HttpExchangeData request) {
    List<String> problems = new ArrayList<>();
    DashboardBasis.Only only = only(request.queryParam("only"), problems);
    return list(request, "dashboard/deployments", "&only=" + only.name().toLowerCase(Locale.ROOT), "deployments", problems,
        (filter, page) -> DashboardBasis.deployments(app, filter, only, page.position(), page.limit()));
  }

  HttpAnswer incidents(HttpExchangeData request) {
    return list(request, "dashboard/incidents", "", "incidents", new ArrayList<>(),
        (filter, page) -> DashboardBasis.incidents(app, filter, page.position(), page.limit()));
  }

  private interface Read {
    DashboardBasis.Page read(DashboardFilter filter, Paging.Page page);
  }

  private HttpAnswer list(HttpExchangeData request, String name, String extra, String items, List<String> problems,
      Read read) {
    Validation<Seq<String>, DashboardFilter> filter = DashboardFilter.parse(request.query(), app.kpis());
    if (filter.isInvalid()) {
      problems.addAll(filter.getError().asJava());
    }
    String fingerprint = filter.map(DashboardFilter::query).getOrElse("") + extra;
    Paging paging = new Paging(name, fingerprint, DEFAULT_PAGE, MAX_PAGE);
    Paging.Page page = paging.read(request, problems);
    if (page.position().isPresent() && !DashboardBasis.validPosition(page.position().get())) {
      problems.add("cursor is not one this server gave: pass the 'next' of the page before, unchanged");
    }
    if (!problems.isEmpty()) {
      return Answers.invalid(problems);
    }
    DashboardBasis.Page found = read.read(filter.get(), page);
    ObjectNode body = Views.JSON.createObjectNode();
    ArrayNode list = body.putArray(items);
    found.items().forEach(list::add);
    body.put("count", list.size());
    body.put("total", found.total());
    return paging.answer(request, body, found.next());
  }

  private static DashboardBasis.Only only(Optional<String> text, List<String> problems) {
    if (text.isEmpty()) {
      return DashboardBasis.Only.ALL;
    }
    for (DashboardBasis.Only only : DashboardBasis.Only.values()) {
      if (only.name().equalsIgnoreCase(text.get().strip())) {
        return only;
      }
    }
    problems.add("only must be all, failed or hotfixes, was " + Excerpt.quote(text.get()));
    return DashboardBasis.Only.ALL;
  }
}
