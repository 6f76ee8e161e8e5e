package io.github.coexist.app.dashboard;

import io.github.coexist.core.signal.Signal;
import io.github.coexist.app.app.Itsm;
import io.github.coexist.app.app.Wiring;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.NewIncident;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A realistic organisation for the dashboard's tests: five services over five weeks of working
 * days, deployments growing and failures falling week by week; changes approved automatically, by
 * a person, rejected by the policy and by a person, an emergency; incidents after some deployments,
 * linked to them and resolved; surveys answered; and at the end two approvals waiting and three
 * incidents open. Deterministic: a seeded random and a hand-moved clock.
 */
public final class SampleOrganisation {
  /** Monday 2 March 2026, 08:00 UTC: the first day. */
  public static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
  /** Friday 3 April 2026, 16:00 UTC: now, when the page is rendered. */
  public static final Instant END = Instant.parse("2026-04-03T16:00:00Z");
  static final List<String> SERVICES = List.of("checkout", "payments", "search", "inventory", "notifications");
  private static final List<String> DEVELOPERS = List.of("ana", "bo", "chen", "dara", "eli", "farah");

  private final ManualClock clock;
  private final Coexist app;
  private final Random random = new Random(20260302L);
  private final PriorityQueue<Step> steps = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private int deployments;

  private record Step(Instant at, long order, Runnable action) implements Comparable<Step> {
    @Override
    public int compareTo(Step other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  private SampleOrganisation(Coexist app, ManualClock clock) {
    this.app = app;
    this.clock = clock;
  }

  /** The organisation's app at {@link #END}. Close it after use. */
  static Coexist build() {
    ManualClock clock = new ManualClock(START);
    return new SampleOrganisation(Wiring.builder(clock, Itsm.inMemory()).build(), clock).run();
  }

  /**
   * Plays the five weeks into {@code app} (a served one, say), moving {@code clock}, which the app
   * reads and which must stand at {@link #START}; at the end the clock stands at {@link #END}.
   */
  public static void play(Coexist app, ManualClock clock) {
    new SampleOrganisation(app, clock).run();
  }

  /** The five weeks the sample covers. */
  static TimeWindow window() {
    return new TimeWindow(START.minus(Duration.ofHours(8)), END);
  }

  private Coexist run() {
    app.register(service("checkout", "shop", 1, "Europe/Berlin"));
    app.register(service("payments", "payments", 1, "Europe/Berlin"));
    app.register(service("search", "discovery", 2, "Europe/London"));
    app.register(service("inventory", "supply", 3, "UTC"));
    app.register(service("notifications", "platform", 4, "UTC"));
    for (int day = 0; day < 33; day++) {
      Instant morning = START.plus(Duration.ofDays(day));
      int dayOfWeek = day % 7;
      if (dayOfWeek >= 5) {
        continue;
      }
      int week = day / 7;
      int count = 2 + week + random.nextInt(2);
      for (int k = 0; k < count; k++) {
        Instant at = morning.plus(Duration.ofMinutes(60 + k * (420 / count) + random.nextInt(30)));
        int w = week;
        at(at, () -> request(w));
      }
    }
    at(START.plus(Duration.ofDays(8)).plus(Duration.ofHours(3)), () -> personReported("checkout",
        "Basket total shows the wrong currency", 4));
    at(START.plus(Duration.ofDays(16)).plus(Duration.ofHours(2)), () -> personReported("search",
        "Search results missing new arrivals", 3));
    at(START.plus(Duration.ofDays(24)).plus(Duration.ofHours(5)), () -> personReported("notifications",
        "Order confirmation e-mails arrive twice", 5));
    at(START.plus(Duration.ofDays(22)).plus(Duration.ofHours(4)), this::emergency);
    at(END.minus(Duration.ofHours(26)), () -> refusedByPolicy("search"));
    at(END.minus(Duration.ofHours(6)), () -> rejectedByPerson("checkout"));
    at(END.minus(Duration.ofHours(5)), () -> waiting("payments", 1800, 48));
    at(END.minus(Duration.ofHours(2)), () -> waiting("inventory", 900, 22));
    at(END.minus(Duration.ofHours(4)), () -> openIncident("checkout", "Checkout 5xx above 2% in eu-west", "critical",
        Duration.ofMinutes(6), true, false));
    at(END.minus(Duration.ofHours(3)), () -> openIncident("payments", "Card authorisations slow (p95 4 s)", "major",
        Duration.ofMinutes(12), false, true));
    at(END.minus(Duration.ofMinutes(25)), () -> openIncident("search", "Search latency above SLO", "warning",
        null, false, false));
    while (!steps.isEmpty()) {
      Step step = steps.poll();
      if (step.at().isAfter(clock.instant())) {
        clock.set(step.at());
        app.tick(); // a served app's lease lapses as time jumps: renewed before the step acts
      }
      step.action().run();
      app.tick();
    }
    clock.set(END);
    app.tick();
    return app;
  }

  private void at(Instant at, Runnable action) {
    steps.add(new Step(at, sequence.incrementAndGet(), action));
  }

  private void request(int week) {
    String service = SERVICES.get(random.nextInt(SERVICES.size()));
    String developer = DEVELOPERS.get(random.nextInt(DEVELOPERS.size()));
    int roll = random.nextInt(100);
    boolean big = roll < 12;
    boolean failedChecks = roll >= 12 && roll < 17;
    int lines = big ? 900 + random.nextInt(1500) : 10 + random.nextInt(180);
    PipelineEvidence evidence = failedChecks
        ? PipelineEvidence.of(EvidenceStatus.FAILED, EvidenceStatus.PASSED, EvidenceStatus.PASSED)
        : PipelineEvidence.allPassed();
    long n = sequence.incrementAndGet();
    List<Commit> commits = new ArrayList<>();
    int commitCount = 1 + random.nextInt(4);
    for (int c = 0; c < commitCount; c++) {
      // lead times shrink as the weeks go by: from about two days to a few hours
      long hours = 2 + random.nextInt(Math.max(2, 44 - 9 * week));
      commits.add(new Commit(sha(n * 10 + c), clock.instant().minus(Duration.ofHours(hours))));
    }
    DeploymentRequest.Builder request = DeploymentRequest.builder()
        .idempotencyKey("github:acme/" + service + ":run:" + (9000 + n) + ":production")
        .service(service).environment("production").repository("acme/" + service)
        .headSha(sha(n)).filesChanged(big ? 30 + random.nextInt(40) : 1 + random.nextInt(8)).linesChanged(lines)
        .rollbackPlan(!big || random.nextBoolean()).requester(Actor.person(developer)).evidence(evidence)
        .summary("#" + (100 + n) + " " + summary(service, n)).source("github");
    commits.forEach(request::addCommit);
    GateDecision decision = app.gate().decide(request).getOrElseThrow(e -> new IllegalStateException(e.message()));
    ChangeId change = decision.change().id();
    switch (decision.outcome()) {
      case APPROVED -> deploy(change, service, commits, week);
      case PENDING -> {
        boolean approve = random.nextInt(4) > 0;
        at(clock.instant().plus(Duration.ofMinutes(40 + random.nextInt(240))), () -> {
          if (approve) {
            app.gate().approve(change, Actor.person("lee"), "reviewed the migration plan").peek(d -> {
              if (d.outcome() == io.github.coexist.core.change.Decision.Outcome.APPROVED) {
                deploy(change, service, commits, week);
              }
            });
          } else {
            app.gate().reject(change, Actor.person("lee"), "too big for a Friday; split it");
          }
        });
      }
      default -> { } // rejected by the policy: nothing deploys
    }
  }

  private void deploy(ChangeId change, String service, List<Commit> commits, int week) {
    Instant started = clock.instant().plus(Duration.ofMinutes(2));
    Instant finished = started.plus(Duration.ofMinutes(6 + random.nextInt(10)));
    boolean broken = random.nextInt(100) < 6;
    String id = "d-" + (++deployments);
    at(finished, () -> {
      Deployment d = new Deployment(DeploymentId.of(id), ServiceId.of(service), "production",
          broken ? Deployment.Status.FAILURE : Deployment.Status.SUCCESS, started, Optional.of(finished), commits,
          Optional.of(change), Optional.empty(), Optional.of("acme/" + service), Optional.of(commits.get(0).sha()));
      app.accept(Signal.DeploymentReported.of(d)).getOrElseThrow(e -> new IllegalStateException(e.message()));
      // failures after a deployment become rarer each week
      if (!broken && random.nextInt(100) < 26 - 5 * week) {
        at(finished.plus(Duration.ofMinutes(10 + random.nextInt(50))), () -> incidentAfter(service, id));
      }
    });
  }

  private void incidentAfter(String service, String deployment) {
    Incident incident = raise(service, "Error rate up after deploy on " + service, random.nextBoolean() ? "major"
        : "critical");
    Actor oncall = Actor.person("oncall-" + service);
    at(clock.instant().plus(Duration.ofMinutes(3 + random.nextInt(20))), () -> {
      app.incidents().acknowledge(incident.id(), oncall);
      app.incidents().confirmSuspect(incident.id(), DeploymentId.of(deployment), oncall);
    });
    at(clock.instant().plus(Duration.ofMinutes(45 + random.nextInt(180))), () ->
        app.incidents().resolve(incident.id(), "rolled back " + deployment, oncall));
  }

  private void personReported(String service, String title, int rating) {
    Actor reporter = Actor.person(DEVELOPERS.get(random.nextInt(DEVELOPERS.size())) + "@customer");
    Incident incident = app.incidents().open(NewIncident.builder().title(title).service(service).impact(3).urgency(3)
        .reporter(reporter).build().getOrElseThrow(e -> new IllegalStateException(e.message())))
        .getOrElseThrow(e -> new IllegalStateException(e.message()));
    Actor desk = Actor.person("service-desk");
    at(clock.instant().plus(Duration.ofMinutes(20)), () -> app.incidents().acknowledge(incident.id(), desk));
    at(clock.instant().plus(Duration.ofHours(5)), () -> {
      app.incidents().resolve(incident.id(), "fixed", desk);
      app.surveys().unanswered().forEach(s -> app.surveys().respond(s.ticket(), rating, "thanks", s.respondent()));
    });
  }

  private void emergency() {
    DeploymentRequest.Builder request = DeploymentRequest.builder()
        .idempotencyKey("github:acme/payments:run:8999:production").service("payments").environment("production")
        .repository("acme/payments").headSha(sha(8999)).filesChanged(2).linesChanged(14).rollbackPlan(true)
        .requester(Actor.person("bo")).evidence(PipelineEvidence.allPassed()).emergency(true)
        .summary("#999 Hotfix: card tokens expire early");
    ChangeId change = app.gate().decide(request).get().change().id();
    at(clock.instant().plus(Duration.ofMinutes(15)), () -> app.gate().approve(change, Actor.person("cto"), "go"));
  }

  private void waiting(String service, int lines, int files) {
    long n = sequence.incrementAndGet();
    app.gate().decide(DeploymentRequest.builder()
        .idempotencyKey("github:acme/" + service + ":run:" + (9000 + n) + ":production")
        .service(service).environment("production").repository("acme/" + service).headSha(sha(n))
        .filesChanged(files).linesChanged(lines).rollbackPlan(false).requester(Actor.person("dara"))
        .evidence(PipelineEvidence.of(EvidenceStatus.PASSED, EvidenceStatus.MISSING, EvidenceStatus.PASSED))
        .summary("#" + (100 + n) + " " + summary(service, n)).source("github"))
        .getOrElseThrow(e -> new IllegalStateException(e.message()));
  }

  private void refusedByPolicy(String service) {
    long n = sequence.incrementAndGet();
    app.gate().decide(DeploymentRequest.builder()
        .idempotencyKey("github:acme/" + service + ":run:" + (9000 + n) + ":production")
        .service(service).environment("production").repository("acme/" + service).headSha(sha(n))
        .filesChanged(3).linesChanged(60).rollbackPlan(true).requester(Actor.person("eli"))
        .evidence(PipelineEvidence.of(EvidenceStatus.FAILED, EvidenceStatus.PASSED, EvidenceStatus.PASSED)
            .withCheck("integration-tests", EvidenceStatus.FAILED))
        .summary("#" + (100 + n) + " " + summary(service, n)).source("github"))
        .getOrElseThrow(e -> new IllegalStateException(e.message()));
  }

  private void rejectedByPerson(String service) {
    long n = sequence.incrementAndGet();
    ChangeId change = app.gate().decide(DeploymentRequest.builder()
        .idempotencyKey("github:acme/" + service + ":run:" + (9000 + n) + ":production")
        .service(service).environment("production").repository("acme/" + service).headSha(sha(n))
        .filesChanged(64).linesChanged(2400).rollbackPlan(false).requester(Actor.person("farah"))
        .evidence(PipelineEvidence.allPassed()).summary("#" + (100 + n) + " Rewrite the basket pricing engine")
        .source("github")).getOrElseThrow(e -> new IllegalStateException(e.message())).change().id();
    at(clock.instant().plus(Duration.ofMinutes(50)), () -> app.gate().reject(change, Actor.person("lee"),
        "no rollback plan for a pricing rewrite"));
  }

  private void openIncident(String service, String title, String severity, Duration acknowledgeAfter, boolean major,
      boolean hold) {
    Incident incident = raise(service, title, severity);
    IncidentId id = incident.id();
    Actor oncall = Actor.person("oncall-" + service);
    if (acknowledgeAfter != null) {
      at(clock.instant().plus(acknowledgeAfter), () -> {
        app.incidents().acknowledge(id, oncall);
        if (major) {
          app.incidents().markMajor(id, oncall);
        }
        if (hold) {
          app.incidents().hold(id, "waiting for the card network", oncall);
        }
      });
    }
  }

  private Incident raise(String service, String summary, String severity) {
    return app.incidents().raise(Alert.builder().source("prometheus").dedupKey(service + "-" + sequence.incrementAndGet())
        .service(service).summary(summary).severity(severity).status("firing").at(clock.instant()).build()
        .getOrElseThrow(e -> new IllegalStateException(e.message())))
        .getOrElseThrow(e -> new IllegalStateException(e.message())).incident().orElseThrow();
  }

  private static Service service(String id, String owner, int tier, String zone) {
    return Service.parse(id, owner, tier, zone).getOrElseThrow(e -> new IllegalStateException(e.message()));
  }

  private static String sha(long n) {
    return String.format("%040x", n * 2654435761L);
  }

  private static String summary(String service, long n) {
    String[] what = {"Tidy up retry settings", "Add metrics to the", "Upgrade the HTTP client of", "Cache lookups in",
        "Fix time zone handling in", "New feature flag for", "Refactor the API of"};
    return what[(int) (n % what.length)] + (what[(int) (n % what.length)].endsWith("in")
        || what[(int) (n % what.length)].endsWith("of") || what[(int) (n % what.length)].endsWith("the")
        || what[(int) (n % what.length)].endsWith("for") ? " " + service : " (" + service + ")");
  }
}
