package io.github.coexist.app.serve;

import io.github.coexist.adapters.jira.JiraAdapter;
import io.github.coexist.adapters.servicenow.ServiceNowAdapter;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.LeaseGrant;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.TickScheduler;
import io.github.coexist.adapters.http.ToolGuard;
import io.github.coexist.app.app.Wiring;
import io.github.coexist.app.app.Itsm;
import io.github.coexist.app.http.Router;
import io.github.coexist.app.http.WebServer;
import io.github.coexist.store.jdbc.JdbcStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * coexist running as a service: the {@link Coexist} behind an HTTP server with webhooks in
 * (GitHub, Jira), a JSON API, alerts, health and the dashboard; a worker doing the webhooks' work
 * after they are answered; a ticker moving time on. {@code serve} runs one; tests and benchmarks
 * start their own on port 0.
 *
 * <pre>{@code
 * try (CoexistServer server = CoexistServer.start(Map.of("COEXIST_PORT", "0")).getOrElseThrow(...)) {
 *   URI api = server.uri();   // http://127.0.0.1:PORT/
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops accepting requests, lets the worker finish within the
 * shutdown timeout, and closes the app and its adapters.
 */
public final class CoexistServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CoexistServer.class);

  private final ServeSettings settings;
  private final Coexist app;
  private final String itsm;
  private final GitHubSide github;
  private final TickScheduler ticker;
  private final Optional<EventLogSink> eventLog;
  private final Optional<JdbcStore> store;
  private final WebServer web;
  private final List<ToolWorkers> workers;
  private final List<Router.Served> routes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CoexistServer(ServeSettings settings, Coexist app, String itsm, GitHubSide github,
      TickScheduler ticker, Optional<EventLogSink> eventLog, Optional<JdbcStore> store, WebServer web,
      List<ToolWorkers> workers, List<Router.Served> routes) {
    this.workers = workers;
    this.routes = routes;
    this.settings = settings;
    this.app = app;
    this.itsm = itsm;
    this.github = github;
    this.ticker = ticker;
    this.eventLog = eventLog;
    this.store = store;
    this.web = web;
  }

  /**
   * Starts a server configured by {@code environment} (variable names to values, as {@code
   * System.getenv()}), on the system clock. A bad setting is an {@link CoexistError.InvalidInput}
   * listing every problem; a port that cannot be bound or a tool that refuses start-up is {@link
   * CoexistError.Unavailable}.
   */
  public static Either<CoexistError, CoexistServer> start(Map<String, String> environment) {
    return ServeSettings.read(environment).flatMap(settings -> start(settings, Clock.systemUTC()));
  }

  /** Starts a server with {@code settings} on {@code clock}. */
  static Either<CoexistError, CoexistServer> start(ServeSettings settings, Clock clock) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      Optional<EventLogSink> eventLog = Optional.empty();
      if (settings.eventLog().isPresent()) {
        try {
          eventLog = Optional.of(EventLogSink.open(settings.eventLog().get()));
        } catch (IOException e) {
          return Either.left(CoexistError.invalid("COEXIST_EVENT_LOG: " + e.getMessage()));
        }
        opened.add(eventLog.get());
      }
      Either<CoexistError, Optional<JdbcStore>> opening = settings.store().open();
      if (opening.isLeft()) {
        return Either.left(opening.getLeft());
      }
      Optional<JdbcStore> store = opening.get();
      store.ifPresent(opened::add);
      // The inbox recognises a delivery sent twice, across restarts and instances: the adapters'
      // own ledgers stay in memory, so a delivery is never remembered without being kept.
      StateStore state = store.<StateStore>map(s -> s.stateStore(clock)).orElseGet(() -> new InMemoryStateStore(clock));
      // One pool of workers per remote tool, so a tool that hangs holds up only its own deliveries.
      Optional<ToolWorkers> itsmWorkers = settings.itsm().equals("inmemory") ? Optional.empty()
          : Optional.of(new ToolWorkers(settings.itsm(), settings.workers()));
      Optional<ToolWorkers> githubWorkers = settings.github().connected()
          ? Optional.of(new ToolWorkers("github", settings.workers())) : Optional.empty();
      itsmWorkers.ifPresent(opened::add);
      githubWorkers.ifPresent(opened::add);
      Either<CoexistError, Itsm> itsm = itsm(settings, clock, itsmWorkers.map(ToolWorkers::guard));
      if (itsm.isLeft()) {
        return Either.left(itsm.getLeft());
      }
      opened.add(itsm.get().adapter());
      GitHubSide github = new GitHubSide(settings.github(), clock, Optional.empty(),
          githubWorkers.map(ToolWorkers::guard));
      opened.add(github);
      MetricsRoute metrics = new MetricsRoute();
      opened.add(metrics);
      Coexist.Builder builder = metrics.instrument(Wiring.builder(clock, itsm.get()))
          .gateReplies(github.gateReplies())
          .approvalPolicy(settings.policy().policy())
          .calendar(settings.policy().calendar())
          .production(settings.production());
      itsmWorkers.ifPresent(w -> builder.deliverToItsmOn(w.executor()));
      githubWorkers.ifPresent(w -> builder.deliverToPipelinesOn(w.executor()));
      List<ToolWorkers> workers = itsmWorkers.stream().collect(java.util.stream.Collectors.toCollection(ArrayList::new));
      githubWorkers.ifPresent(workers::add);
      eventLog.ifPresent(log -> builder.factListener(log.sink()));
      store.ifPresent(s -> builder.auditStore(s.auditStore()));
      builder.store(state).instance(instanceName()).leaseTtl(leaseTtl(settings.tickInterval()))
          .closeOnClose(metrics);
      Coexist app;
      try {
        app = builder.build();
      } catch (IllegalStateException unreadable) {
        return Either.left(new CoexistError.Unavailable(unreadable.getMessage()));
      }
      opened.remove(itsm.get().adapter()); // the app closes its ITSM bundle and the metrics
      opened.remove(metrics);
      opened.add(app);
      for (Service service : settings.policy().services()) {
        app.register(service).peekLeft(e -> LOG.warn("service {} from the policy file not registered: {}",
            service.id(), e.message()));
      }
      Access access = new Access(settings.access());
      Router router = new Router();
      TickScheduler ticker = TickScheduler.start(app, settings.tickInterval());
      opened.add(ticker);
      new WebhookRoutes(github, app, itsm.get().jiraWebhooks(), ticker).register(router);
      new ChangeRoutes(app, access).register(router);
      new IncidentRoutes(app, access, new NativeAlerts(settings.alerts().serviceLabel()), settings.alerts()).register(router);
      new ReportRoutes(app, access).register(router);
      new DashboardRoutes(app, access).register(router);
      metrics.register(app, router, access);
      new OpenApiRoute().register(router);
      AtomicReference<WebServer> serving = new AtomicReference<>();
      Readiness readiness = new Readiness(
          () -> Optional.ofNullable(serving.get()).map(WebServer::problem).orElse(Optional.of("starting")),
          app, store, workers);
      new Health(app, itsm.get().name(), StoreReport.of(settings.store(), store), github, ticker, workers)
          .register(router, readiness);
      WebServer web;
      try {
        web = WebServer.start(settings.http(), router);
        serving.set(web);
      } catch (IOException e) {
        return Either.left(new CoexistError.Unavailable("cannot listen on " + settings.bind() + ":" + settings.port()
            + ": " + e.getMessage()));
      }
      CoexistServer server = new CoexistServer(settings, app, itsm.get().name(), github, ticker, eventLog, store, web,
          List.copyOf(workers), router.routes());
      opened.clear();
      server.logStart();
      return Either.right(server);
    } finally {
      closeAll(opened);
    }
  }

  /**
   * How long the lease lasts unless renewed: one tick interval, so a standby takes over within two
   * intervals of the holder's death, but at least 3 s (renewed at a third of it) and at most a minute.
   */
  static Duration leaseTtl(Duration tickInterval) {
    Duration ttl = tickInterval.compareTo(Duration.ofSeconds(3)) < 0 ? Duration.ofSeconds(3) : tickInterval;
    return ttl.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : ttl;
  }

  /** This process's name for the lease: host and process id. */
  private static String instanceName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid();
  }

  private static Either<CoexistError, Itsm> itsm(ServeSettings settings, Clock clock, Optional<ToolGuard> guard) {
    if (settings.serviceNow().isPresent()) {
      ServiceNowAdapter.Builder serviceNow = ServiceNowAdapter.builder(settings.serviceNow().get()).clock(clock);
      guard.ifPresent(serviceNow::guard);
      ServiceNowAdapter adapter = serviceNow.build();
      // An unknown default assignment group stops start-up; an instance merely down is retried later.
      Either<CoexistError, ?> checked = adapter.checkSite();
      if (checked.isLeft() && !checked.getLeft().isTransient()) {
        adapter.close();
        return Either.left(checked.getLeft());
      }
      checked.peekLeft(e -> LOG.warn("ServiceNow does not answer yet ({}); changes are recorded there once it does",
          e.message()));
      return Either.right(Itsm.serviceNow(adapter, settings.serviceNowCmdb()));
    }
    if (settings.jira().isPresent()) {
      JiraAdapter.Builder jira = JiraAdapter.builder(settings.jira().get()).clock(clock);
      guard.ifPresent(jira::guard);
      JiraAdapter adapter = jira.build();
      // Fail early on a site whose fields or request types do not fit; a site merely down is retried later.
      Either<CoexistError, ?> fields = adapter.checkSite();
      if (fields.isLeft() && !fields.getLeft().isTransient()) {
        adapter.close();
        return Either.left(fields.getLeft());
      }
      fields.peekLeft(e -> LOG.warn("Jira does not answer yet ({}); changes are recorded there once it does",
          e.message()));
      return Either.right(Itsm.jira(adapter));
    }
    return Either.right(Itsm.inMemory());
  }

  private void logStart() {
    LOG.info("coexist serving on {} (ITSM {}, policy {}, ticking every {} ms)", uri(), itsm,
        settings.policy().policy().version(), settings.tickInterval().toMillis());
    LOG.info(github.describe());
    LOG.info("API access: {}", settings.access());
    app.storeStatus().ifPresent(status -> LOG.info("state kept in {} (instance {}, {})", status.location(),
        status.instance(), status.holdsLease() ? "holding the lease"
            : "standing by while " + status.lease().map(LeaseGrant::holder).orElse("another instance")
                + " holds the lease"));
    settings.eventLog().ifPresent(file -> LOG.info("KPI facts are appended to {}", file));
    if (!loopback(settings.bind())) {
      if (!settings.access().required()) {
        LOG.warn("listening on {} without COEXIST_API_TOKEN or other credentials: anyone who reaches it can read"
            + " everything and post alerts", settings.bind());
      }
      if (!github.checksSignatures()) {
        LOG.warn("listening on {} without COEXIST_GITHUB_WEBHOOK_SECRET: anyone who reaches it can post deliveries",
            settings.bind());
      }
    }
  }

  private static boolean loopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The port the server listens on (the one picked, when asked for port 0). */
  public int port() {
    return web.port();
  }

  /** The server's base URI, {@code http://HOST:PORT/}. */
  public URI uri() {
    String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
    if (host.equals("0.0.0.0") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** The app behind the server. */
  Coexist app() {
    return app;
  }

  /** Every route the server serves (the OpenAPI check compares them with the description). */
  List<Router.Served> routes() {
    return routes;
  }

  /** The durable store, when there is one (tests close it to see readiness fail). */
  Optional<JdbcStore> store() {
    return store;
  }

  /** Asks for a tick now (tests use a long tick interval and move time on themselves). */
  void tickNow() {
    ticker.tickNow();
  }

  /** Stops accepting requests, drains the worker within the shutdown timeout, and closes everything. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("coexist stopping: no new requests; finishing the work in hand (at most {} s)",
        settings.shutdownTimeout().toSeconds());
    web.close();
    ticker.close(); // the signal being processed finishes; the rest waits in the inbox for the next start
    // Deliveries under way finish within the shutdown timeout; what is left stays owed in the store.
    workers.forEach(w -> w.close(settings.shutdownTimeout()));
    List<AutoCloseable> rest = new ArrayList<>();
    eventLog.ifPresent(rest::add);
    store.ifPresent(rest::add);
    rest.add(github);
    rest.add(app);
    closeAll(rest); // the app first, then GitHub, the store, the event log last
    LOG.info("coexist stopped");
  }

  /** Closes {@code resources} last opened first, each even if another fails. */
  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("could not close {}: {}", resources.get(i).getClass().getSimpleName(), e.toString());
      }
    }
  }
}
