package io.github.coexist.adapters.jira;

import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.adapters.http.HttpSettings;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.adapters.jira.JiraConfig.ChangeField;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.risk.RiskLevel;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link JiraConfig} checked and typed: every problem is found in one pass. */
final class JiraSettings {
  private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");

  /** How requests are authenticated. */
  enum AuthMode { BASIC, BEARER, OAUTH }

  final JiraConfig config;
  final HttpSettings http;
  final URI apiBase;
  final AuthMode authMode;
  final Optional<String> email;
  final Optional<Secret> apiToken;
  final Optional<Secret> accessToken;
  final Optional<String> clientId;
  final Optional<Secret> clientSecret;
  final String project;
  final String issueType;
  final Map<ChangeField, String> fieldNames = new EnumMap<>(ChangeField.class);
  final Map<ChangeField, String> fieldIds = new EnumMap<>(ChangeField.class);
  final boolean affectedServices;
  final Map<ChangeType, String> typeOptions = new EnumMap<>(ChangeType.class);
  final Map<RiskLevel, String> riskOptions = new EnumMap<>(RiskLevel.class);
  final StatusMap statuses;
  final String label;
  final String property;
  final boolean searchByProperty;
  final List<Secret> webhookSecrets;
  final Duration gatingPoll;
  final Duration settleTime;
  final Map<IncidentState, String> incidentStatuses = new EnumMap<>(IncidentState.class);
  final String incidentLabel;
  final String incidentProperty;
  final Map<ProblemState, String> problemStatuses = new EnumMap<>(ProblemState.class);
  final String problemLabel;
  final String problemProperty;

  private JiraSettings(JiraConfig config, ConfigReader read, Problems p) {
    this.config = config;
    Optional<URI> site = read.uri("url");
    Optional<URI> gateway = read.uri("api-base");
    // A malformed api-base is already a problem; the default keeps the rest of the checks going.
    this.apiBase = config.get("api-base").isPresent()
        ? gateway.orElse(URI.create("https://api.atlassian.com")) : URI.create(config.apiBase());
    Optional<String> cloudId = config.cloudId();
    URI base = null;
    if (config.url().isPresent() && cloudId.isPresent()) {
      p.add(describe(config, "url") + " and " + describe(config, "cloud-id")
          + " are both set: set the site URL for API tokens, or the cloud id for OAuth, not both");
    } else if (site.isPresent()) {
      base = site.get();
    } else if (cloudId.isPresent()) {
      if (!cloudId.get().matches("[A-Za-z0-9-]+")) {
        p.add(describe(config, "cloud-id") + " must be letters, digits and dashes");
      } else {
        base = URI.create(strip(apiBase.toString()) + "/ex/jira/" + cloudId.get());
      }
    } else if (config.url().isEmpty()) {
      p.add("one of " + describe(config, "url") + " or " + describe(config, "cloud-id") + " is required");
    }
    this.http = read.http(base == null ? URI.create("https://unset.invalid") : base);

    AuthMode mode = null;
    try {
      mode = AuthMode.valueOf(config.auth().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      p.add(describe(config, "auth") + " must be basic, bearer or oauth, was '" + config.auth() + "'");
    }
    this.authMode = mode == null ? AuthMode.BASIC : mode;
    this.email = config.email();
    this.apiToken = config.apiToken().map(Secret::of);
    this.accessToken = config.accessToken().map(Secret::of);
    this.clientId = config.clientId();
    this.clientSecret = config.clientSecret().map(Secret::of);
    if (mode == AuthMode.BASIC) {
      p.require(email.isPresent(), describe(config, "email") + " is required for basic auth");
      p.require(apiToken.isPresent(), describe(config, "api-token") + " is required for basic auth");
    } else if (mode == AuthMode.BEARER) {
      p.require(accessToken.isPresent(), describe(config, "access-token") + " is required for bearer auth");
    } else if (mode == AuthMode.OAUTH) {
      p.require(clientId.isPresent(), describe(config, "client-id") + " is required for oauth auth");
      p.require(clientSecret.isPresent(), describe(config, "client-secret") + " is required for oauth auth");
    }
    if ((mode == AuthMode.BEARER || mode == AuthMode.OAUTH) && cloudId.isEmpty()) {
      p.add(describe(config, "cloud-id") + " is required for " + config.auth()
          + " auth: OAuth tokens are only accepted at " + strip(apiBase.toString()) + "/ex/jira/{cloud-id}");
    }

    this.project = config.project().orElse("");
    if (config.project().isEmpty()) {
      p.add(describe(config, "project") + " is required");
    } else if (!PROJECT_KEY.matcher(project).matches()) {
      p.add(describe(config, "project") + " must be a project key such as OPS, was '" + project + "'");
    }
    this.issueType = config.issueType();

    for (ChangeField field : ChangeField.values()) {
      fieldNames.put(field, config.fieldName(field));
      config.fieldId(field).ifPresent(id -> fieldIds.put(field, id));
    }
    this.affectedServices = !"none".equalsIgnoreCase(fieldIds.getOrDefault(ChangeField.AFFECTED_SERVICES, ""));
    if (!affectedServices) {
      fieldIds.remove(ChangeField.AFFECTED_SERVICES);
    }
    for (ChangeType type : ChangeType.values()) {
      typeOptions.put(type, config.changeTypeOption(type));
    }
    for (RiskLevel level : RiskLevel.values()) {
      riskOptions.put(level, config.riskOption(level));
    }
    this.statuses = new StatusMap(config);
    statuses.duplicates().forEach(p::add);

    this.label = config.label();
    p.require(!label.matches(".*\\s.*"), describe(config, "label") + " must not contain white space");
    this.property = config.property();
    p.require(property.matches("[A-Za-z0-9._-]{1,255}"),
        describe(config, "property") + " must be 1 to 255 letters, digits, dots, dashes or underscores");
    String search = config.idempotencySearch();
    p.require(search.equals("label") || search.equals("property"),
        describe(config, "idempotency-search") + " must be label or property, was '" + search + "'");
    this.searchByProperty = search.equals("property");
    Map<String, IncidentState> seen = new HashMap<>();
    for (IncidentState state : IncidentState.values()) {
      String status = config.incidentStatus(state);
      incidentStatuses.put(state, status);
      if (seen.putIfAbsent(StatusMap.normal(status), state) != null) {
        p.add(describe(config, "incident.status." + key(state)) + " is '" + status
            + "', which already stands for another incident state; every state needs its own status");
      }
    }
    this.incidentLabel = config.incidentLabel();
    this.incidentProperty = config.incidentProperty();
    p.require(!incidentLabel.matches(".*\\s.*") && !incidentLabel.equals(label),
        describe(config, "incident.label") + " must differ from the change label and hold no white space");
    p.require(incidentProperty.matches("[A-Za-z0-9._-]{1,255}") && !incidentProperty.equals(property),
        describe(config, "incident.property") + " must differ from the change property and be 1 to 255 letters, "
            + "digits, dots, dashes or underscores");
    Map<String, ProblemState> problemSeen = new HashMap<>();
    for (ProblemState state : ProblemState.values()) {
      String status = config.problemStatus(state);
      problemStatuses.put(state, status);
      if (problemSeen.putIfAbsent(StatusMap.normal(status), state) != null) {
        p.add(describe(config, "problem.status." + key(state)) + " is '" + status
            + "', which already stands for another problem state; every state needs its own status");
      }
    }
    this.problemLabel = config.problemLabel();
    this.problemProperty = config.problemProperty();
    p.require(!problemLabel.matches(".*\\s.*") && !problemLabel.equals(label) && !problemLabel.equals(incidentLabel),
        describe(config, "problem.label") + " must differ from the change and incident labels and hold no white space");
    p.require(problemProperty.matches("[A-Za-z0-9._-]{1,255}") && !problemProperty.equals(property)
        && !problemProperty.equals(incidentProperty), describe(config, "problem.property")
        + " must differ from the change and incident properties and be 1 to 255 letters, digits, dots, dashes or "
        + "underscores");
    this.gatingPoll = read.duration("gating.poll-interval", Duration.ofSeconds(30));
    this.settleTime = read.duration("search.settle-time", Duration.ofSeconds(10));
    this.webhookSecrets = config.webhookSecrets()
        .map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).map(Secret::of).toList())
        .orElse(List.of());
  }

  /** The settings of {@code config}, or every problem found in them. */
  static Either<CoexistError, JiraSettings> read(JiraConfig config) {
    String prefix = config.prefix();
    ConfigSource view = fullKey -> fullKey.startsWith(prefix + ".")
        ? config.get(fullKey.substring(prefix.length() + 1)) : Optional.empty();
    ConfigReader read = new ConfigReader(view, prefix);
    Problems problems = new Problems();
    JiraSettings settings = new JiraSettings(config, read, problems);
    problems.list.forEach(read::problem);
    return read.result(() -> settings);
  }

  /** The JSM service id configured for a coexist service. */
  Optional<String> serviceId(String service) {
    return config.serviceId(service);
  }

  static String describe(JiraConfig config, String key) {
    String full = config.prefix() + "." + key;
    return full + " (" + ConfigSource.envName(full) + ")";
  }

  /** The settings key of an enum value: lower case with dashes ({@code very-high}, {@code in-progress}). */
  static String key(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String titleCase(String lower) {
    return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  static String guessEnvironmentType(String environment) {
    String e = environment.toLowerCase(Locale.ROOT);
    if (e.startsWith("prod") || e.equals("live")) {
      return "production";
    }
    if (e.startsWith("stag") || e.startsWith("preprod") || e.equals("uat")) {
      return "staging";
    }
    if (e.startsWith("test") || e.startsWith("qa")) {
      return "testing";
    }
    if (e.startsWith("dev")) {
      return "development";
    }
    return "unmapped";
  }

  private static String strip(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /** Problems found by the adapter's own checks, in order. */
  private static final class Problems {
    final List<String> list = new ArrayList<>();

    void require(boolean ok, String problem) {
      if (!ok) {
        list.add(problem);
      }
    }

    void add(String problem) {
      list.add(problem);
    }
  }

  /**
   * Which workflow status stands for which change state, both ways. Several statuses may stand
   * for one state (Completed and Failed are both closed), never one status for two states.
   */
  static final class StatusMap {
    private final Map<ChangeState, String> byState = new EnumMap<>(ChangeState.class);
    private final Map<String, ChangeState> byStatus = new HashMap<>();
    private final List<String> duplicates = new ArrayList<>();
    final String failed;
    final String declined;
    private final Map<String, Optional<String>> transitions = new HashMap<>();

    StatusMap(JiraConfig config) {
      for (ChangeState state : ChangeState.values()) {
        String status = config.status(state);
        byState.put(state, status);
        index(config, status, state, state.name().toLowerCase(Locale.ROOT));
        transitions.put(state.name().toLowerCase(Locale.ROOT), config.transition(state.name()));
      }
      this.failed = config.failedStatus();
      this.declined = config.declinedStatus();
      index(config, failed, ChangeState.CLOSED, "failed");
      index(config, declined, ChangeState.CANCELED, "declined");
      transitions.put("failed", config.transition("failed"));
      transitions.put("declined", config.transition("declined"));
    }

    private void index(JiraConfig config, String status, ChangeState state, String key) {
      ChangeState before = byStatus.putIfAbsent(normal(status), state);
      if (before != null && (before != state || key.equals("failed") || key.equals("declined"))) {
        duplicates.add(describe(config, "status." + key) + " is '" + status
            + "', which already stands for another state; every state needs its own status");
      }
    }

    List<String> duplicates() {
      return duplicates;
    }

    /** The status a change in {@code state} has. */
    String status(ChangeState state) {
      return byState.get(state);
    }

    /** The state a status stands for, when it stands for one. */
    Optional<ChangeState> state(String status) {
      return Optional.ofNullable(byStatus.get(normal(status)));
    }

    /** The configured transition name into the status named by {@code key} ({@code failed}). */
    Optional<String> transition(String key) {
      return transitions.getOrDefault(key, Optional.empty());
    }

    static String normal(String status) {
      return status.strip().toLowerCase(Locale.ROOT);
    }
  }
}
