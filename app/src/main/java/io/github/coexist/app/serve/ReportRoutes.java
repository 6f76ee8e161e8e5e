package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.AuditVerification;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kpi.DoraBenchmarks;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiScope;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.Coexist;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.app.http.Router;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.events.Excerpt;
import io.github.coexist.app.kpis.KpiReportJson;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/kpis?from=&to=&service=} (the {@code kpis} command's JSON; the last 30 days
 * unless given) and {@code GET /api/audit?from=&limit=&cursor=} (entries by pages and the chain's
 * verification). The dashboard's routes are {@link DashboardRoutes}.
 */
final class ReportRoutes {
  /** The window the KPIs and the dashboard show unless asked otherwise. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  /** How many audit entries a page holds unless {@code limit} says otherwise. */
  static final int DEFAULT_AUDIT_PAGE = 100;
  /** The most audit entries a page holds. */
  static final int MAX_AUDIT_PAGE = 1000;

  private final Coexist app;
  private final Access access;

  ReportRoutes(Coexist app, Access access) {
    this.app = app;
    this.access = access;
  }

  void register(Router router) {
    router.on("GET", "/api/kpis", access.read(this::kpis));
    router.on("GET", "/api/audit", access.read(this::audit));
  }

  HttpAnswer kpis(HttpExchangeData request) {
    List<String> problems = new ArrayList<>();
    Instant now = app.clock().instant();
    Optional<Instant> from = instant(request.queryParam("from"), "from", problems);
    Optional<Instant> to = instant(request.queryParam("to"), "to", problems);
    Instant end = to.orElse(now);
    Instant start = from.orElse(end.minus(DEFAULT_WINDOW));
    if (problems.isEmpty() && end.isBefore(start)) {
      problems.add("to (" + end + ") is before from (" + start + ")");
    }
    if (!problems.isEmpty()) {
      return Answers.invalid(problems);
    }
    Optional<String> service = request.queryParam("service");
    KpiScope scope = service.map(s -> KpiScope.service(ServiceId.of(s))).orElse(KpiScope.organisation());
    KpiQuery query = new KpiQuery(new TimeWindow(start, end), scope, DoraBenchmarks.defaults());
    return Answers.ok(KpiReportJson.tree(app.kpis().query(query), app.kpis().failures(query), service));
  }

  HttpAnswer audit(HttpExchangeData request) {
    List<String> problems = new ArrayList<>();
    long from = number(request.queryParam("from"), "from", 1, Long.MAX_VALUE, 1, problems);
    Paging paging = new Paging("audit", "", DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE);
    Paging.Page page = paging.read(request, problems);
    if (page.position().isPresent() && request.queryParam("from").isPresent()) {
      problems.add("give either from or cursor, not both");
    }
    if (!problems.isEmpty()) {
      return Answers.invalid(problems);
    }
    long start = page.position().map(Long::parseLong).orElse(from);
    AuditTrail trail = app.audit();
    Either<CoexistError, Seq<AuditEntry>> entries = trail.read(start, page.limit());
    Either<CoexistError, AuditVerification> verification = trail.verify();
    if (entries.isLeft() || verification.isLeft()) {
      return Answers.error(entries.isLeft() ? entries.getLeft() : verification.getLeft());
    }
    ObjectNode answer = Views.JSON.createObjectNode();
    ArrayNode list = answer.putArray("entries");
    entries.get().forEach(e -> list.add(Views.audit(e)));
    answer.put("count", list.size());
    answer.set("verification", Views.verification(verification.get()));
    // A full page may be the last one: the next then answers empty, with no next.
    return paging.answer(request, answer, list.size() == page.limit()
        ? Optional.of(String.valueOf(entries.get().last().sequence() + 1)) : Optional.empty());
  }

  /** An ISO-8601 instant ({@code 2025-03-04T00:00:00Z}) or a date ({@code 2025-03-04}, midnight UTC). */
  private static Optional<Instant> instant(Optional<String> text, String name, List<String> problems) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.get()).toInstant());
    } catch (DateTimeParseException notATime) {
      try {
        return Optional.of(LocalDate.parse(text.get()).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException notADate) {
        problems.add(name + " must be an ISO-8601 time such as 2025-03-04T00:00:00Z or a date such as 2025-03-04,"
            + " was " + Excerpt.quote(text.get()));
        return Optional.empty();
      }
    }
  }

  private static long number(Optional<String> text, String name, long min, long max, long fallback,
      List<String> problems) {
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.get().strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be a whole number from " + min + (max == Long.MAX_VALUE ? "" : " to " + max)
        + ", was " + Excerpt.quote(text.get()));
    return fallback;
  }
}
