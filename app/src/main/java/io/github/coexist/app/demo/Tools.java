package io.github.coexist.app.demo;

import io.github.coexist.adapters.github.GitHubAdapter;
import io.github.coexist.adapters.github.GitHubConfig;
import io.github.coexist.adapters.jira.JiraAdapter;
import io.github.coexist.adapters.jira.JiraConfig;
import io.github.coexist.adapters.servicenow.ServiceNowAdapter;
import io.github.coexist.adapters.servicenow.ServiceNowConfig;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.Coexist;
import io.github.coexist.app.app.Wiring;
import io.github.coexist.app.app.Itsm;
import io.github.coexist.standins.github.GitHubStandIn;
import io.github.coexist.standins.jira.JiraStandIn;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools the story runs against: the ITSM tool (coexist's in-memory default, or a local
 * ServiceNow or Jira stand-in through the real adapter) and the pipeline (direct calls, or a local
 * GitHub stand-in through the real GitHub adapter). Everything runs in this process on loopback;
 * {@link #close()} stops it all.
 */
final class Tools implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tools.class);
  private static final String GITHUB_TOKEN = "demo-token";
  private static final String WEBHOOK_SECRET = "demo-webhook-secret";
  /** The account the Jira stand-in's API token belongs to (its default). */
  private static final String JIRA_API_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";

  private final DemoOptions options;
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private Itsm itsm = Itsm.inMemory();
  /** CSAT where the bundle's own does not fit the demo (Jira keeps it on its requests only). */
  private Optional<FeedbackRecords> feedback = Optional.empty();
  private Optional<ServiceNowStandIn> servicenow = Optional.empty();
  private Optional<JiraStandIn> jira = Optional.empty();
  private Optional<GitHubStandIn> github = Optional.empty();
  private Optional<GitHubAdapter> githubAdapter = Optional.empty();

  private Tools(DemoOptions options) {
    this.options = options;
  }

  /** Starts the stand-ins and adapters {@code options} ask for, on {@code clock}. */
  static Tools start(DemoOptions options, Clock clock) {
    Tools tools = new Tools(options);
    try {
      switch (options.itsm()) {
        case SERVICENOW -> tools.startServiceNow(clock);
        case JIRA -> tools.startJira(clock);
        case INMEMORY -> { }
      }
      if (options.github()) {
        tools.startGitHub(clock);
      }
      return tools;
    } catch (RuntimeException e) {
      tools.close();
      throw e;
    }
  }

  private void startServiceNow(Clock clock) {
    ServiceNowStandIn instance = opened(ServiceNowStandIn.builder().clock(clock).start());
    for (Shop.Unit unit : Shop.UNITS) {
      instance.addService("cmdb_ci_service", unit.name(), unit.team().value(), unit.service().tier().rank(),
          unit.service().zone().getId());
    }
    instance.addStandardTemplate(Shop.CONFIG_TOGGLE);
    for (Shop.Unit unit : Shop.UNITS) {
      for (ServiceId dependency : unit.service().dependsOn()) {
        instance.addDependency(unit.name(), dependency.value());
      }
    }
    ServiceNowAdapter adapter = ServiceNowAdapter.builder(ServiceNowConfig.fromMap(Map.of(
            "coexist.servicenow.url", instance.baseUri().toString(),
            "coexist.servicenow.user", instance.user(),
            "coexist.servicenow.password", instance.password())))
        .clock(clock)
        .build();
    servicenow = Optional.of(instance);
    itsm = Itsm.serviceNow(adapter, true);
  }

  private void startJira(Clock clock) {
    // The adapter's own account approves what coexist approves by policy; people decide the rest.
    List<String> approvers = new java.util.ArrayList<>();
    approvers.add(JIRA_API_ACCOUNT);
    approvers.addAll(Shop.approverAccounts());
    JiraStandIn site = opened(JiraStandIn.builder().clock(clock)
        .services(Shop.jsmServiceIds().values().toArray(String[]::new))
        .approvers(approvers.toArray(String[]::new))
        .webhookSecret(WEBHOOK_SECRET)
        .start());
    if (!site.accountId().equals(JIRA_API_ACCOUNT)) {
      throw new IllegalStateException("the Jira stand-in's API account is " + site.accountId() + ", not "
          + JIRA_API_ACCOUNT + ": it must be an approver");
    }
    Map<String, String> settings = new LinkedHashMap<>(site.adapterSettings());
    Shop.jsmServiceIds().forEach((service, id) -> settings.put("coexist.jira.service." + service, id));
    JiraAdapter adapter = JiraAdapter.builder(JiraConfig.fromMap(settings)).clock(clock).build();
    adapter.resolveFields().getOrElseThrow(e -> new IllegalStateException("the Jira stand-in's fields: " + e.message()));
    jira = Optional.of(site);
    itsm = Itsm.jira(adapter);
    feedback = Optional.of(new JiraOrMemoryFeedback(adapter.feedbackRecords()));
  }

  private void startGitHub(Clock clock) {
    GitHubStandIn stand = opened(GitHubStandIn.builder().clock(clock).token(GITHUB_TOKEN).start());
    GitHubAdapter adapter = opened(GitHubAdapter.builder(GitHubConfig.of(Map.of(
            "coexist.github.api-url", stand.apiUrl().toString(),
            "coexist.github.token", GITHUB_TOKEN,
            "coexist.github.webhook-secret", WEBHOOK_SECRET,
            // The story's CAB may take days: its runs wait for the change rather than time out first.
            "coexist.github.gate-timeout", "720h")))
        .clock(clock)
        .build());
    github = Optional.of(stand);
    githubAdapter = Optional.of(adapter);
  }

  private <T extends AutoCloseable> T opened(T resource) {
    open.push(resource);
    return resource;
  }

  /** Core's builder on {@code clock}, with the ITSM tool and, on GitHub, GitHub's gate replies. */
  Coexist.Builder configure(Clock clock) {
    Coexist.Builder builder = Wiring.builder(clock, itsm);
    feedback.ifPresent(builder::feedbackRecords);
    githubAdapter.ifPresent(adapter -> builder.gateReplies(adapter.gateReplies()));
    return builder;
  }

  /** How releases reach the app. */
  Pipeline pipeline(Coexist app) {
    if (github.isPresent()) {
      return new GitHubPipeline(app, github.get(), githubAdapter.orElseThrow(), WEBHOOK_SECRET);
    }
    return new DirectPipeline(app);
  }

  /** Registers the shop's services, unless the ITSM tool's CMDB already serves them. */
  Either<CoexistError, ?> register(Coexist app) {
    if (servicenow.isPresent()) {
      return Either.right("the CMDB");
    }
    for (Shop.Unit unit : Shop.UNITS) {
      Either<CoexistError, ?> registered = app.register(unit.service());
      if (registered.isLeft()) {
        return registered;
      }
    }
    return Either.right("memory");
  }

  /** One line per tool, for the account's introduction. */
  List<String> describe() {
    String itsmLine = switch (options.itsm()) {
      case INMEMORY -> "ITSM tool: coexist's embedded in-memory records";
      case SERVICENOW -> "ITSM tool: a local ServiceNow stand-in (loopback), through the ServiceNow adapter; its CMDB "
          + "is the service directory and its CAB decides in ServiceNow";
      case JIRA -> "ITSM tool: a local Jira Service Management stand-in (loopback), through the Jira adapter; the "
          + "CAB decides on the change issue's approval in Jira";
    };
    String pipelineLine = github.isPresent()
        ? "Pipelines: a local GitHub stand-in (loopback); every step is a signed webhook delivery to the GitHub "
            + "adapter, and the gate answers as the environment's deployment protection rule"
        : "Pipelines: call coexist directly";
    return List.of(itsmLine, pipelineLine);
  }

  /** Whether approvals are given in the ITSM tool rather than through coexist. */
  boolean decidesInTool() {
    return servicenow.isPresent() || jira.isPresent();
  }

  /** The ITSM tool's name as people say it. */
  String toolName() {
    return servicenow.isPresent() ? "ServiceNow" : jira.isPresent() ? "Jira" : "coexist";
  }

  /**
   * {@code who} approves or rejects {@code change} in the ITSM tool, as the CAB would at its
   * meeting; coexist reads it back on its next tick.
   */
  Either<CoexistError, String> decideInTool(Change change, Actor who, boolean approve) {
    Optional<ExternalKey> key = change.externalKey();
    if (key.isEmpty()) {
      return Either.left(new CoexistError.Conflict("change " + change.id() + " has no record in " + toolName() + " yet"));
    }
    if (servicenow.isPresent()) {
      if (approve) {
        servicenow.get().approve(key.get().id());
      } else {
        servicenow.get().reject(key.get().id());
      }
      return Either.right(key.get().display());
    }
    if (jira.isPresent() && jira.get().decideAs(key.get().display(), who.name(), approve)) {
      return Either.right(key.get().display());
    }
    return Either.left(new CoexistError.Conflict(key.get().display() + " has no approval waiting in " + toolName()));
  }

  /** Where the tool keeps {@code change}: {@code CHG0030001 in ServiceNow}; empty in memory. */
  String record(Change change) {
    if (!decidesInTool()) {
      return "";
    }
    return change.externalKey().map(k -> k.display() + " in " + toolName()).orElse("not yet in " + toolName());
  }

  /** The ServiceNow stand-in, when it runs. */
  Optional<ServiceNowStandIn> servicenow() {
    return servicenow;
  }

  /** The Jira stand-in, when it runs. */
  Optional<JiraStandIn> jira() {
    return jira;
  }

  /** The GitHub stand-in, when it runs. */
  Optional<GitHubStandIn> github() {
    return github;
  }

  /** The ITSM tool's ports. */
  Itsm itsm() {
    return itsm;
  }

  @Override
  public void close() {
    while (!open.isEmpty()) {
      AutoCloseable resource = open.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("could not stop {}: {}", resource, e.toString());
      }
    }
  }
}
