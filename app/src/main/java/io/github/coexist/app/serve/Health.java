package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.StoreStatus;
import io.github.coexist.core.store.LeaseGrant;
import io.github.coexist.core.TickScheduler;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.app.http.Router;
import io.github.coexist.app.json.Views;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code GET /health}: whether the service is up and keeping up. {@code status} is {@code ok}, or
 * {@code degraded} while work waits (webhook work retried, ITSM records or pipeline replies not
 * delivered yet) or an ITSM record was refused; {@code backlog} counts what waits, {@code
 * itsmSync} names each record that is behind and why; {@code store} names where the durable state
 * is kept (kind, database, location without secrets, schema version, what is durable). Always 200 while the process serves: a tool
 * being down is no reason to restart coexist. {@code /health/live} says only that the process
 * serves HTTP; {@code /health/ready} ({@link Readiness}) whether it should be sent traffic. {@code
 * tools} shows, per remote tool, its delivery workers (busy, alive, queued, refused) and its
 * bulkhead and circuit breaker ({@code breaker}: closed, open or half_open; calls under way);
 * an open breaker makes the status {@code degraded}.
 */
final class Health {
  private static final String VERSION = version();

  private final Coexist app;
  private final String itsm;
  private final StoreReport store;
  private final GitHubSide github;
  private final TickScheduler ticker;
  private final Instant startedAt;
  private final List<ToolWorkers> workers;

  Health(Coexist app, String itsm, StoreReport store, GitHubSide github, TickScheduler ticker,
      List<ToolWorkers> workers) {
    this.workers = workers;
    this.app = app;
    this.itsm = itsm;
    this.store = store;
    this.github = github;
    this.ticker = ticker;
    this.startedAt = app.clock().instant();
  }

  /**
   * Adds {@code /health}, {@code /health/live} (200 whenever the process serves HTTP) and {@code
   * /health/ready} ({@code readiness}); the last two are probes, answered even when the server is
   * busy.
   */
  void register(Router router, Readiness readiness) {
    router.on("GET", "/health", this::answer);
    router.probe("GET", "/health/live", request -> Answers.ok(Views.JSON.createObjectNode().put("status", "live")));
    router.probe("GET", "/health/ready", request -> readiness.answer());
  }

  HttpAnswer answer(HttpExchangeData request) {
    return Answers.ok(report());
  }

  /** The health document. */
  ObjectNode report() {
    ObjectNode node = Views.JSON.createObjectNode();
    ArrayNode sync = Views.JSON.createArrayNode();
    int changesBehind = 0;
    int repliesWaiting = 0;
    for (TrackedChange t : app.gate().changes()) {
      if (t.sync() != TrackedChange.Sync.SYNCED) {
        changesBehind += t.sync() == TrackedChange.Sync.PENDING ? 1 : 0;
        sync.addObject().put("kind", "change").put("id", t.change().id().value())
            .put("sync", ChangeRoutes.lower(t.sync())).put("problem", t.problem().orElse(null));
      }
      repliesWaiting += t.replyPending() ? 1 : 0;
    }
    app.incidents().unsynced().forEach((id, error) -> sync.addObject().put("kind", "incident").put("id", id.value())
        .put("sync", error.isTransient() ? "pending" : "failed").put("problem", error.message()));
    app.problems().unsynced().forEach((id, error) -> sync.addObject().put("kind", "problem").put("id", id.value())
        .put("sync", error.isTransient() ? "pending" : "failed").put("problem", error.message()));
    Optional<StoreStatus> state = app.storeStatus();
    long inbox = state.map(StoreStatus::inboxBacklog).filter(n -> n >= 0).orElse(0L);
    int incidentsBehind = app.incidents().unsynced().size();
    int problemsBehind = app.problems().unsynced().size();
    long pending = inbox + changesBehind + repliesWaiting + incidentsBehind + problemsBehind;
    boolean breakerOpen = workers.stream().anyMatch(w -> w.guard().status().open());
    node.put("status", pending == 0 && sync.isEmpty() && !breakerOpen ? "ok" : "degraded");
    node.put("itsm", itsm);
    ObjectNode storeNode = node.putObject("store");
    store.into(storeNode);
    state.ifPresent(status -> {
      storeNode.put("instance", status.instance());
      storeNode.put("leaseHolder", status.lease().map(LeaseGrant::holder).orElse(null));
      storeNode.put("leaseExpiresAt", status.lease().map(grant -> grant.expiresAt().toString()).orElse(null));
      storeNode.put("holdsLease", status.holdsLease());
      storeNode.put("revision", status.revision());
      storeNode.put("unsaved", status.unsaved());
      storeNode.put("deadLetters", status.deadLetters());
      storeNode.put("problem", status.problem().orElse(null));
    });
    node.put("version", VERSION);
    node.put("github", github.connected() ? "connected" : "receive-only");
    node.put("signaturesChecked", github.checksSignatures());
    node.put("startedAt", startedAt.toString());
    ObjectNode backlog = node.putObject("backlog");
    backlog.put("pending", pending);
    backlog.put("inbox", inbox);
    backlog.put("changesToSync", changesBehind);
    backlog.put("repliesToSend", repliesWaiting);
    backlog.put("incidentsToSync", incidentsBehind);
    backlog.put("problemsToSync", problemsBehind);
    github.gatesAwaitingAnswer().ifPresent(n -> backlog.put("gatesAwaitingAnswer", n));
    node.set("itsmSync", sync);
    node.set("tools", tools());
    ticker.last().ifPresentOrElse(last -> node.putObject("lastTick").put("at", last.at().toString())
        .put("waitingForDecision", last.gate().stillWaiting()), () -> node.putNull("lastTick"));
    return node;
  }

  /** Each remote tool's workers, bulkhead and breaker. */
  private ObjectNode tools() {
    ObjectNode tools = Views.JSON.createObjectNode();
    for (ToolWorkers w : workers) {
      ToolWorkers.Status status = w.status();
      tools.putObject(status.tool())
          .put("breaker", status.guard().breaker())
          .put("callsUnderWay", status.guard().callsUnderWay())
          .put("maxConcurrentCalls", status.guard().maxConcurrentCalls())
          .put("workersBusy", status.busy())
          .put("workers", status.threads())
          .put("queued", status.queued())
          .put("refused", status.refused());
    }
    return tools;
  }

  /** The app's version from its jar's Maven metadata; {@code development} when run from classes. */
  private static String version() {
    try (InputStream in = Health.class.getResourceAsStream(
        "/META-INF/maven/io.github.coexist/coexist-app/pom.properties")) {
      if (in == null) {
        return "development";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "development");
    } catch (IOException e) {
      return "development";
    }
  }
}
