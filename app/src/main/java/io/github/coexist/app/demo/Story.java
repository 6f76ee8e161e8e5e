package io.github.coexist.app.demo;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.Coexist;
import io.vavr.control.Either;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The week at the shop: every working day a few releases of every kind, drawn from the seeded
 * {@link Random}, and the episodes ({@link Episodes}) that make the story: a change approved by
 * the CAB and one it rejects, an incident a deployment caused and its emergency fix, a recurring
 * failure that becomes a problem, a release held by the weekend freeze. It runs on the hand-moved
 * clock through the {@link Agenda}; after every beat the app ticks and the story looks at the
 * changes still waiting, so decisions made by people, by the ITSM tool or by the end of a freeze
 * are told when they happen.
 */
final class Story {
  private static final String[] VERBS = {"Add", "Fix", "Speed up", "Tidy", "Harden", "Log more of", "Cache",
      "Rework", "Test", "Document"};

  private final Coexist app;
  private final Tools tools;
  private final Pipeline pipeline;
  private final Account account;
  private final Random random;
  private final Agenda agenda;
  private final List<LocalDate> workdays = new ArrayList<>();
  private final Map<ChangeId, Waiting> waiting = new LinkedHashMap<>();
  private final Map<String, String> heads = new HashMap<>();
  private final Map<Integer, Consumer<Change>> onDeployed = new HashMap<>();
  private int releases = 400;

  /** A change the story waits on, and how it last stood. */
  private static final class Waiting {
    final Release release;
    final Reviews reviews;
    RiskAssessment risk;
    boolean held;
    boolean reviewsPlanned;

    Waiting(Release release, Reviews reviews, RiskAssessment risk, boolean held) {
      this.release = release;
      this.reviews = reviews;
      this.risk = risk;
      this.held = held;
    }
  }

  Story(Coexist app, Tools tools, Pipeline pipeline, Account account, Random random, Agenda agenda, int days) {
    this.app = app;
    this.tools = tools;
    this.pipeline = pipeline;
    this.account = account;
    this.random = random;
    this.agenda = agenda;
    for (LocalDate day = Shop.firstDay(days); !day.isAfter(Shop.LAST_FRIDAY); day = day.plusDays(1)) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        workdays.add(day);
      }
    }
    for (Shop.Unit unit : Shop.UNITS) {
      heads.put(unit.name(), sha());
    }
  }

  // ------------------------------------------------------------------ the timetable

  /** The working days, first to last. */
  List<LocalDate> workdays() {
    return workdays;
  }

  /** The working day a fraction {@code p} (0 to 1) into the story. */
  LocalDate day(double p) {
    return workdays.get(Math.min(workdays.size() - 1, (int) Math.floor(p * workdays.size())));
  }

  /**
   * The working day a fraction {@code p} into the story's first week: what must recur within a
   * week happens there, however long the story.
   */
  LocalDate dayOfFirstWeek(double p) {
    int week = Math.min(workdays.size(), 5);
    return workdays.get(Math.min(workdays.size() - 1, (int) Math.floor(p * week)));
  }

  /** The working day after {@code day}, or {@code day} itself when it is the last. */
  LocalDate nextDay(LocalDate day) {
    int at = workdays.indexOf(day);
    return at + 1 < workdays.size() ? workdays.get(at + 1) : day;
  }

  /** {@code hour:minute} on {@code day} in Berlin. */
  static Instant at(LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), Shop.BERLIN).toInstant();
  }

  /** The agenda beats are planned on. */
  Agenda agenda() {
    return agenda;
  }

  /** The seeded randomness every draw comes from. */
  Random random() {
    return random;
  }

  /** Plans each working day's everyday releases, and the Monday morning the weekend freeze ends. */
  void planEverydayWork() {
    for (LocalDate day : workdays) {
      int count = 2 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        // Between 09:00 and 15:15, so that a release asked for and deployed at once stays clear of Friday's freeze.
        int minute = 9 * 60 + 5 * random.nextInt((15 * 60 + 15 - 9 * 60) / 5 + 1);
        agenda.at(at(day, minute / 60, minute % 60), this::everydayRelease);
      }
    }
    LocalDate monday = Shop.LAST_FRIDAY.plusDays(3);
    agenda.at(at(monday, 8, 0), () -> account.block("FREEZE", "the weekend freeze ends; held changes are looked at again"));
  }

  private void everydayRelease() {
    Shop.Unit unit = Shop.UNITS.get(random.nextInt(Shop.UNITS.size()));
    Actor requester = unit.developers().get(random.nextInt(unit.developers().size()));
    boolean toggle = random.nextDouble() < 0.15;
    double scale = random.nextDouble();
    int lines = toggle ? 2 + random.nextInt(10) : 8 + (int) (scale * scale * 700);
    int files = toggle ? 1 : 1 + lines / 45 + random.nextInt(3);
    PipelineEvidence evidence = toggle ? PipelineEvidence.allPassed() : PipelineEvidence.of(
        pick(0.04, EvidenceStatus.FAILED, 0.06, EvidenceStatus.MISSING),
        pick(0.0, EvidenceStatus.FAILED, 0.12, EvidenceStatus.MISSING),
        pick(0.0, EvidenceStatus.FAILED, 0.2, EvidenceStatus.MISSING));
    String title = toggle ? "Turn on the " + word() + " flag for " + unit.name()
        : VERBS[random.nextInt(VERBS.length)] + " the " + word() + " of " + unit.name();
    ask(release(unit, title, requester, files, lines, evidence, random.nextDouble() < 0.85, false, Optional.empty(),
        toggle ? Optional.of(Shop.CONFIG_TOGGLE) : Optional.empty(), random.nextDouble() < 0.9), Reviews.usual());
  }

  private EvidenceStatus pick(double failed, EvidenceStatus a, double missing, EvidenceStatus b) {
    double draw = random.nextDouble();
    return draw < failed ? a : draw < failed + missing ? b : EvidenceStatus.PASSED;
  }

  private String word() {
    String[] words = {"search filters", "price badges", "session handling", "retry policy", "image sizes",
        "stock counter", "address form", "error pages", "feature toggles", "audit log", "rate limits", "email templates"};
    return words[random.nextInt(words.length)];
  }

  // ------------------------------------------------------------------ releases

  /** A new release of {@code unit}: its commits were made in the day before it, its sha follows the last one. */
  Release release(Shop.Unit unit, String title, Actor requester, int files, int lines, PipelineEvidence evidence,
      boolean rollbackPlan, boolean emergency, Optional<IncidentId> hotfixFor, Optional<String> model, boolean succeeds) {
    int number = ++releases;
    Instant now = app.clock().instant();
    int count = 1 + random.nextInt(3);
    List<Long> ages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ages.add(30L + random.nextInt(24 * 60));
    }
    ages.sort((a, b) -> Long.compare(b, a));
    List<Commit> commits = new ArrayList<>();
    for (long minutes : ages) {
      commits.add(new Commit(sha(), now.minus(Duration.ofMinutes(minutes))));
    }
    String sha = commits.get(commits.size() - 1).sha();
    String base = heads.put(unit.name(), sha);
    return new Release(number, unit, title, requester, files, lines, evidence, rollbackPlan, emergency, hotfixFor, model,
        commits, base, sha, succeeds, Optional.empty());
  }

  /**
   * Sends {@code release} to the gate, tells the decision, and reacts: an approved release is
   * deployed, a pending one is reviewed by {@code reviews}; a held one waits for its freeze.
   */
  Change ask(Release release, Reviews reviews) {
    Change change = must(pipeline.ask(release), "the gate request of " + release.summary());
    account.decision("DECISION", change, release, where(release, change), false);
    react(release, reviews, change);
    return change;
  }

  /** Calls {@code then} with the change once {@code release} is deployed (successfully or not). */
  void onDeployed(Release release, Consumer<Change> then) {
    onDeployed.put(release.number(), then);
  }

  private void react(Release release, Reviews reviews, Change change) {
    Decision decision = change.decision();
    if (decision.outcome() == Decision.Outcome.APPROVED) {
      deployLater(release, change);
    } else if (decision.isPending()) {
      Waiting w = new Waiting(release, reviews, change.risk(), held(decision));
      waiting.put(change.id(), w);
      planReviews(w, change);
    }
  }

  private void planReviews(Waiting w, Change change) {
    if (w.reviewsPlanned || change.decision().authority().isEmpty() || held(change.decision())) {
      return;
    }
    w.reviewsPlanned = true;
    for (Reviews.Vote vote : w.reviews.votes(change, w.release, random, tools.decidesInTool())) {
      agenda.after(vote.after(), () -> vote(change.id(), vote));
    }
  }

  /** Whether a pending decision waits for a freeze to end: only a request to people expires. */
  private static boolean held(Decision decision) {
    return decision.isPending() && decision.expiresAt().isEmpty();
  }

  /** Where the tools keep the change and the release, for the account. */
  private Account.Where where(Release release, Change change) {
    return new Account.Where(tools.record(change), pipeline.where(release));
  }

  private void vote(ChangeId id, Reviews.Vote vote) {
    Change change = app.gate().change(id).orElseThrow().change();
    if (!change.decision().isPending()) {
      return;
    }
    String verb = vote.approve() ? "approves" : "rejects";
    if (tools.decidesInTool()) {
      String key = must(tools.decideInTool(change, vote.by(), vote.approve()), "the decision in " + tools.toolName());
      account.block("VOTE", vote.by().name() + " " + verb + " " + key + " in " + tools.toolName() + " for the "
          + change.decision().authority().orElse("authority") + " (" + id + ")")
          .row("comment", vote.comment());
      return;
    }
    Either<CoexistError, GateDecision> counted = vote.approve() ? app.gate().approve(id, vote.by(), vote.comment())
        : app.gate().reject(id, vote.by(), vote.comment());
    GateDecision decision = must(counted, vote.by() + "'s vote on " + id);
    if (decision.change().decision().isPending()) {
      account.block("VOTE", vote.by().name() + " " + verb + " " + id + " " + decision.change().service())
          .row("comment", vote.comment())
          .row("waits for", decision.waitingFor().orElse("nothing"));
    }
  }

  /** After every beat: tells every change that stopped waiting, or now waits for something else. */
  void watch() {
    for (Iterator<Map.Entry<ChangeId, Waiting>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<ChangeId, Waiting> entry = it.next();
      Waiting w = entry.getValue();
      Change change = app.gate().change(entry.getKey()).map(TrackedChange::change).orElseThrow();
      Decision decision = change.decision();
      boolean riskTold = change.risk().equals(w.risk);
      w.risk = change.risk();
      if (!decision.isPending()) {
        it.remove();
        account.decision("DECISION", change, w.release, where(w.release, change), riskTold);
        if (decision.outcome() == Decision.Outcome.APPROVED) {
          deployLater(w.release, change);
        }
        continue;
      }
      if (held(decision) != w.held) {
        account.decision("DECISION", change, w.release, where(w.release, change), riskTold);
        planReviews(w, change);
      }
      w.held = held(decision);
    }
  }

  // ------------------------------------------------------------------ deployments

  private void deployLater(Release release, Change change) {
    // An emergency goes out as soon as it is approved; the rest wait for the next pipeline slot.
    Duration wait = release.emergency() ? Duration.ofMinutes(3) : Duration.ofMinutes(10 + 5 * random.nextInt(5));
    agenda.after(wait, () -> {
      Instant started = app.clock().instant();
      must(pipeline.started(release, change), "the start of " + release.summary());
      agenda.after(Duration.ofMinutes(4 + random.nextInt(12)), () -> finish(release, change, started));
    });
  }

  private void finish(Release release, Change asked, Instant started) {
    must(pipeline.finished(release, asked, started), "the end of " + release.summary());
    Change change = app.gate().change(asked.id()).map(TrackedChange::change).orElseThrow();
    long minutes = Duration.between(started, app.clock().instant()).toMinutes();
    Account.Block b = account.block("DEPLOY", release.deploymentId() + " " + release.unit().name() + " to "
        + Release.ENVIRONMENT + ": " + (release.succeeds() ? "succeeded" : "FAILED") + " after " + minutes + " min");
    b.row("change", change.id() + " " + state(change));
    b.row("release", release.summary() + ", " + release.commits().size()
        + (release.commits().size() == 1 ? " commit" : " commits") + " up to " + release.sha().substring(0, 7));
    String record = tools.record(change);
    if (!record.isEmpty()) {
      b.row("record", record);
    }
    Consumer<Change> then = onDeployed.remove(release.number());
    if (then != null) {
      then.accept(change);
    }
  }

  static String state(Change change) {
    String state = change.state().name().toLowerCase(Locale.ROOT);
    if (change.state() == ChangeState.REVIEW && change.retrospectiveReviewRequired()) {
      return "in review: awaits its retrospective review";
    }
    return state + change.closeCode().map(c -> " " + c.name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("");
  }

  // ------------------------------------------------------------------ helpers

  /** A new 40-digit sha. */
  String sha() {
    return String.format(Locale.ROOT, "%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
  }

  /** The value, or an {@link IllegalStateException} naming the step that failed: the story cannot go on without it. */
  static <T> T must(Either<CoexistError, T> result, String step) {
    return result.getOrElseThrow(error -> new IllegalStateException(step + " failed: " + error.message()));
  }
}
