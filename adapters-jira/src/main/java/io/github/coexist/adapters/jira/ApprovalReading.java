package io.github.coexist.adapters.jira;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval of a change issue as Jira holds it, wherever Jira keeps it. A change declined or
 * cancelled in Jira (the {@code status.declined} or {@code status.canceled} status) reads as
 * rejected, with Jira's reason (status and resolution) logged, whatever its approval record
 * says. A customer request's decision comes from the service desk approval API; an issue that is
 * no customer request has none there, so its workflow status decides: awaiting approval ({@code
 * status.authorize}) is requested, any status past it (scheduled, implementing, in review,
 * closed) approved, any before it not requested. Each cause is logged once, not once per change
 * or per read. Thread-safe.
 *
 * <p>Batched read-backs ({@link #ofUnlessUnchanged}) ask the service desk only about issues that
 * changed since they were last read, by any read: an approver's answer changes the issue (its approvals, and
 * its status once decided), and so its {@code updated} time. An issue read {@value #RECHECK} times
 * unchanged is asked about again all the same, so that a site where an answer would not touch the
 * issue is still read within a bounded number of ticks.
 */
final class ApprovalReading {
  private static final Logger LOG = LoggerFactory.getLogger(ApprovalReading.class);
  private final Approvals approvals;
  private final JiraSettings.StatusMap statuses;
  /** How many batched reads of an unchanged issue reuse its approval before the service desk is asked again. */
  static final int RECHECK = 20;
  /** How many issues' approvals are remembered; past it the memory starts again (a re-read, no harm). */
  private static final int REMEMBERED = 10_000;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /** The approval read for an issue at its {@code updated} time, and how many reads it has served. */
  private record Seen(String updated, ApprovalStatus approval, int reads) {}

  ApprovalReading(Approvals approvals, JiraSettings settings) {
    this.approvals = approvals;
    this.statuses = settings.statuses;
  }

  /**
   * The approval of {@code issue}, which is in {@code state}, as Jira holds it now; remembered
   * with the issue's {@code updated} time for the batched reads that follow.
   */
  Either<CoexistError, ApprovalStatus> of(IssueView issue, ChangeState state) {
    return ask(issue, state).peek(approval -> issue.updated().ifPresent(updated -> {
      if (seen.size() >= REMEMBERED) {
        seen.clear();
      }
      seen.put(issue.key().id(), new Seen(updated, approval, 1));
    }));
  }

  private Either<CoexistError, ApprovalStatus> ask(IssueView issue, ChangeState state) {
    if (state == ChangeState.CANCELED) {
      once("rejected:" + issue.key().id() + ":" + issue.status(), () -> "jira: change " + issue.key().display()
          + " was " + (issue.status().equalsIgnoreCase(statuses.declined) ? "declined" : "cancelled")
          + " in Jira (" + reason(issue) + "); it reads back as rejected");
      return Either.right(ApprovalStatus.REJECTED);
    }
    return approvals.status(issue.key()).map(found -> found.orElseGet(() -> {
      once("not-a-request", () -> "jira: " + issue.key().display() + " is no customer request, so the service "
          + "desk has no approvals for it; the approval of such changes is read from their workflow status "
          + "(logged once)");
      return fromStatus(state);
    }));
  }

  /**
   * As {@link #of}, for a batched read-back: the approval read last time when the issue has not
   * changed since (same {@code updated}) and served fewer than {@link #RECHECK} reads.
   */
  Either<CoexistError, ApprovalStatus> ofUnlessUnchanged(IssueView issue, ChangeState state) {
    if (state == ChangeState.CANCELED || issue.updated().isEmpty()) {
      return of(issue, state);
    }
    String id = issue.key().id();
    String updated = issue.updated().get();
    Seen last = seen.get(id);
    if (last != null && last.updated().equals(updated) && last.reads() < RECHECK) {
      seen.put(id, new Seen(updated, last.approval(), last.reads() + 1));
      return Either.right(last.approval());
    }
    return of(issue, state);
  }

  /** Jira's reason for a change it declined or cancelled: its status and, when set, its resolution. */
  static String reason(IssueView issue) {
    return "status '" + issue.status() + "'" + issue.resolution().map(r -> ", resolution '" + r + "'").orElse("");
  }

  private static ApprovalStatus fromStatus(ChangeState state) {
    if (state == ChangeState.AUTHORIZE) {
      return ApprovalStatus.REQUESTED;
    }
    return state.compareTo(ChangeState.AUTHORIZE) > 0 ? ApprovalStatus.APPROVED : ApprovalStatus.NOT_REQUESTED;
  }

  private void once(String cause, Supplier<String> message) {
    if (logged.add(cause)) {
      LOG.info("{}", message.get());
    }
  }
}
