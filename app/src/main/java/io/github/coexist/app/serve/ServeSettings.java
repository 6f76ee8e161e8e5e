package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.adapters.jira.JiraConfig;
import io.github.coexist.adapters.servicenow.ServiceNowConfig;
import io.github.coexist.app.http.BodyLimits;
import io.github.coexist.app.http.ServerSettings;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything {@code serve} is configured with, read from environment variables (a map, so tests
 * pass their own). {@link #read} lists every bad or missing setting at once. Secrets are held as
 * {@link Secret}s and never printed.
 *
 * @param http the HTTP server's address, time-outs, threads and body limits
 * @param itsm {@code inmemory}, {@code servicenow} or {@code jira}
 * @param tickInterval how often time moves on (approvals read back, expiries, retries, time-outs)
 * @param shutdownTimeout how long shutdown waits for work in flight
 * @param production the production environments, for the KPIs and the policy
 * @param policy the approval policy, calendar and services
 * @param eventLog where to append the KPI facts as an event log, if anywhere
 * @param store where the audit trail and webhook delivery ids are kept
 * @param access who may read and write through the API
 * @param github the GitHub side's settings
 * @param serviceNow the ServiceNow adapter's settings, when the ITSM tool is ServiceNow
 * @param serviceNowCmdb whether ServiceNow's CMDB is the service directory
 * @param jira the Jira adapter's settings, when the ITSM tool is Jira
 * @param alerts how alerts in the monitoring tools' own formats are taken
 * @param workers each tool's workers, bulkhead and circuit breaker
 */
record ServeSettings(
    ServerSettings http,
    String itsm,
    Duration tickInterval,
    Duration shutdownTimeout,
    ProductionEnvironments production,
    PolicyFile policy,
    Optional<Path> eventLog,
    StoreSettings store,
    AccessSettings access,
    GitHubSide.Setup github,
    Optional<ServiceNowConfig> serviceNow,
    boolean serviceNowCmdb,
    Optional<JiraConfig> jira,
    AlertSources alerts,
    WorkerSettings workers) {

  static final Set<String> ITSM_TOOLS = Set.of("inmemory", "servicenow", "jira");

  /** The settings in {@code env}, or every problem with them as one {@link CoexistError.InvalidInput}. */
  static Either<CoexistError, ServeSettings> read(Map<String, String> env) {
    ConfigSource source = ConfigSource.environment(env);
    ConfigReader read = new ConfigReader(source, "coexist");
    int port = read.integer("port", 8080, 0, 65535);
    String bind = read.optional("bind").orElse("127.0.0.1");
    try {
      InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      read.problem(describe(read, "bind") + " must be an address or host name of this machine, was '" + bind + "'");
    }
    String itsm = read.optional("itsm").orElse("inmemory").toLowerCase(Locale.ROOT);
    if (!ITSM_TOOLS.contains(itsm)) {
      read.problem(describe(read, "itsm") + " must be inmemory, servicenow or jira, was '" + itsm + "'");
    }
    Duration tick = read.duration("tick-interval", Duration.ofSeconds(5));
    Duration shutdown = read.duration("shutdown-timeout", Duration.ofSeconds(10));
    ServerSettings http = http(read, bind, port);
    Optional<String> productionText = read.optional("production-environments");
    ProductionEnvironments production = productionText
        .map(text -> ProductionEnvironments.parse(text)
            .peekLeft(e -> report(e, describe(read, "production-environments") + ": ", read::problem))
            .getOrElse(ProductionEnvironments.defaults()))
        .orElse(ProductionEnvironments.defaults());
    PolicyFile policy = read.optional("policy-file")
        .map(file -> PolicyFile.read(Path.of(file), production)
            .peekLeft(e -> report(e, describe(read, "policy-file") + " " + file + ": ", read::problem))
            .getOrElse(() -> PolicyFile.defaults(production)))
        .orElseGet(() -> PolicyFile.defaults(production));
    Optional<Path> eventLog = read.optional("event-log").map(Path::of);
    eventLog.map(Path::toAbsolutePath).map(Path::getParent).filter(dir -> !Files.isDirectory(dir)).ifPresent(dir ->
        read.problem(describe(read, "event-log") + ": folder " + dir + " does not exist"));
    StoreSettings store = StoreSettings.read(read);
    AccessSettings access = AccessSettings.read(read);
    GitHubSide.Setup github = GitHubSide.setup(source, productionText, read::problem);
    Optional<ServiceNowConfig> serviceNow = Optional.empty();
    boolean cmdb = read.bool("servicenow.cmdb", true);
    if (itsm.equals("servicenow")) {
      ServiceNowConfig config = ServiceNowConfig.fromEnvironment(env);
      config.validate().peekLeft(e -> report(e, "", read::problem));
      serviceNow = Optional.of(config);
    }
    Optional<JiraConfig> jira = Optional.empty();
    if (itsm.equals("jira")) {
      JiraConfig config = JiraConfig.of(source);
      config.validate().peekLeft(e -> report(e, "", read::problem));
      if (config.webhookSecrets().isEmpty()) {
        read.problem("coexist.jira.webhook.secrets (COEXIST_JIRA_WEBHOOK_SECRETS) is required with COEXIST_ITSM=jira:"
            + " Jira tells coexist about approvals through its signed webhook");
      }
      jira = Optional.of(config);
    }
    Optional<ServiceNowConfig> serviceNowConfig = serviceNow;
    Optional<JiraConfig> jiraConfig = jira;
    AlertSources alerts = AlertSources.read(read);
    WorkerSettings workers = WorkerSettings.read(read);
    return read.result(() -> new ServeSettings(http, itsm, tick, shutdown, production, policy, eventLog,
        store, access, github, serviceNowConfig, cmdb, jiraConfig, alerts, workers));
  }

  /**
   * The HTTP server's settings ({@code COEXIST_HTTP_*}), each with its documented default; a bad
   * one is a problem of {@code read}, and the defaults stand in for it.
   */
  private static ServerSettings http(ConfigReader read, String bind, int port) {
    return new ServerSettings(bind, port,
        read.duration("http.header-timeout", ServerSettings.HEADER_TIMEOUT),
        read.duration("http.body-timeout", ServerSettings.BODY_TIMEOUT),
        read.duration("http.idle-timeout", ServerSettings.IDLE_TIMEOUT),
        read.integer("http.threads", ServerSettings.THREADS, ServerSettings.MIN_THREADS, 1000),
        read.integer("http.queue", ServerSettings.QUEUE, 1, 100_000),
        read.duration("http.drain-timeout", ServerSettings.DRAIN_TIMEOUT),
        BodyLimits.standard(),
        // At least one of GitHub's largest deliveries must fit, or webhooks would always be refused.
        BodyLimits.MB * read.integer("http.bodies-in-flight-mb", (int) (ServerSettings.BODIES_IN_FLIGHT / BodyLimits.MB),
            (int) (BodyLimits.WEBHOOK_LIMIT / BodyLimits.MB), 1_000_000));
  }

  /** The port to listen on; 0 for any free one. */
  int port() {
    return http.port();
  }

  /** The address to listen on. */
  String bind() {
    return http.host();
  }

  /** {@code key} as the settings name it: {@code coexist.port (COEXIST_PORT)}. */
  static String describe(ConfigReader read, String key) {
    return read.key(key) + " (" + ConfigSource.envName(read.key(key)) + ")";
  }

  /** Hands each problem of {@code error}, after {@code prefix}, to {@code problems}. */
  static void report(CoexistError error, String prefix, Consumer<String> problems) {
    if (error instanceof CoexistError.InvalidInput invalid) {
      invalid.problems().forEach(p -> problems.accept(prefix + p));
    } else {
      problems.accept(prefix + error.message());
    }
  }

  @Override
  public String toString() {
    return "ServeSettings[" + bind() + ":" + port() + ", itsm " + itsm + ", " + store + ", tick " + tickInterval + ", "
        + github + ", " + access + "]";
  }
}
