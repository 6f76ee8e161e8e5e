package io.github.coexist.adapters.jira;

import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.risk.RiskLevel;
import io.vavr.control.Either;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the Jira Service Management adapter, read below {@link #prefix()} ({@code
 * coexist.jira.url}, or the environment variable {@code COEXIST_JIRA_URL}).
 *
 * <p>Every setting has a default method stating its default. Besides those below, the common
 * HTTP settings apply: {@code connect-timeout} (default 5s), {@code request-timeout} (10s),
 * {@code max-attempts} (4, the first included) and {@code max-retry-after} (30s: a longer {@code
 * Retry-After} is handed back as {@code RateLimited} instead of being waited for), and for
 * deployment gating {@code gating.poll-interval} (30s: the first wait between reads of the gating
 * status, doubling up to ten times that).
 *
 * <p>{@link #validate()} checks every setting and lists every problem at once.
 */
public interface JiraConfig {

  /** The prefix of every key; default {@code coexist.jira}. */
  default String prefix() {
    return "coexist.jira";
  }

  /** The value of setting {@code key} (without the prefix), if set and not blank. */
  Optional<String> get(String key);

  /** Settings read from {@code source} by their full dotted keys ({@code coexist.jira.url}). */
  static JiraConfig of(ConfigSource source) {
    Objects.requireNonNull(source, "source");
    return new JiraConfig() {
      @Override
      public Optional<String> get(String key) {
        return source.get(prefix() + "." + key).map(String::strip).filter(v -> !v.isEmpty());
      }

      @Override
      public String toString() {
        return "JiraConfig[" + prefix() + "]"; // values may hold secrets: never printed
      }
    };
  }

  /** Settings from a map of full dotted keys ({@code coexist.jira.url}). */
  static JiraConfig fromMap(Map<String, String> values) {
    return of(ConfigSource.of(values));
  }

  /** Settings from environment variables ({@code COEXIST_JIRA_URL}, ...). */
  static JiraConfig fromEnvironment() {
    return of(ConfigSource.environment());
  }

  /** Settings from Java system properties ({@code -Dcoexist.jira.url=...}). */
  static JiraConfig fromSystemProperties() {
    return of(ConfigSource.systemProperties());
  }

  /** Every problem of these settings at once, or {@code Done} when they are usable. */
  default Either<CoexistError, Done> validate() {
    return JiraSettings.read(this).map(settings -> Done.DONE);
  }

  // ---------------------------------------------------------------- where and who

  /**
   * {@code url}: the site URL, such as {@code https://acme.atlassian.net}. No default; either it or
   * {@link #cloudId()} is required.
   */
  default Optional<String> url() {
    return get("url");
  }

  /**
   * {@code cloud-id}: the site's cloud id. When set (and {@link #url()} is not), requests go to
   * {@code {api-base}/ex/jira/{cloud-id}}, as OAuth 2.0 and scoped API tokens require. No default.
   */
  default Optional<String> cloudId() {
    return get("cloud-id");
  }

  /** {@code api-base}: Atlassian's API gateway; default {@code https://api.atlassian.com}. */
  default String apiBase() {
    return get("api-base").orElse("https://api.atlassian.com");
  }

  /**
   * {@code auth}: {@code basic} (account e-mail and API token), {@code bearer} (an OAuth 2.0 access
   * token) or {@code oauth} (client credentials, fetched and refreshed); default {@code basic}.
   */
  default String auth() {
    return get("auth").orElse("basic").toLowerCase(Locale.ROOT);
  }

  /** {@code email}: the account e-mail for basic auth. No default; required for basic auth. */
  default Optional<String> email() {
    return get("email");
  }

  /** {@code api-token}: the API token for basic auth. No default; required for basic auth. */
  default Optional<String> apiToken() {
    return get("api-token");
  }

  /** {@code access-token}: the bearer token for bearer auth. No default; required for bearer auth. */
  default Optional<String> accessToken() {
    return get("access-token");
  }

  /** {@code client-id}: the OAuth client id for oauth auth and deployment gating. No default. */
  default Optional<String> clientId() {
    return get("client-id");
  }

  /** {@code client-secret}: the OAuth client secret for oauth auth and deployment gating. No default. */
  default Optional<String> clientSecret() {
    return get("client-secret");
  }

  /** {@code token-path}: where the API gateway issues OAuth tokens; default {@code /oauth/token}. */
  default String tokenPath() {
    return get("token-path").orElse("/oauth/token");
  }

  // ---------------------------------------------------------------- change requests

  /** {@code project}: the key of the service project holding change requests. No default; required. */
  default Optional<String> project() {
    return get("project");
  }

  /** {@code issue-type}: the issue type of change requests; default {@code Change}. */
  default String issueType() {
    return get("issue-type").orElse("Change");
  }

  /**
   * {@code field.<field>.name}: the name a change field is found by in the create metadata;
   * defaults {@code Change type}, {@code Change risk}, {@code Planned start}, {@code Planned end},
   * {@code Affected services}.
   */
  default String fieldName(ChangeField field) {
    return get("field." + field.key() + ".name").orElse(field.defaultName());
  }

  /**
   * {@code field.<field>.id}: the field id ({@code customfield_10042}) that overrides finding the
   * field by name. No default. {@code none} for affected services leaves that field out.
   */
  default Optional<String> fieldId(ChangeField field) {
    return get("field." + field.key() + ".id");
  }

  /**
   * {@code option.change-type.<type>}: the option of the change type field for a change type;
   * defaults {@code Standard}, {@code Normal}, {@code Emergency}.
   */
  default String changeTypeOption(ChangeType type) {
    String key = type.name().toLowerCase(Locale.ROOT);
    return get("option.change-type." + key).orElse(JiraSettings.titleCase(key));
  }

  /**
   * {@code option.change-risk.<level>}: the option of the change risk field for a risk level;
   * defaults {@code Low}, {@code Medium}, {@code High}, {@code Critical} (for low, moderate, high,
   * very-high).
   */
  default String riskOption(RiskLevel level) {
    String key = level.name().toLowerCase(Locale.ROOT).replace('_', '-');
    String fallback = switch (level) {
      case LOW -> "Low";
      case MODERATE -> "Medium";
      case HIGH -> "High";
      case VERY_HIGH -> "Critical";
    };
    return get("option.change-risk." + key).orElse(fallback);
  }

  /**
   * {@code status.<state>}: the workflow status that stands for a change state; the defaults
   * follow the JSM change workflow: new {@code Open}, assess {@code Planning}, authorize {@code
   * Awaiting CAB approval}, scheduled {@code Awaiting implementation}, implement {@code
   * Implementing}, review {@code Peer review}, closed {@code Completed}, canceled {@code Canceled}.
   */
  default String status(ChangeState state) {
    String fallback = switch (state) {
      case NEW -> "Open";
      case ASSESS -> "Planning";
      case AUTHORIZE -> "Awaiting CAB approval";
      case SCHEDULED -> "Awaiting implementation";
      case IMPLEMENT -> "Implementing";
      case REVIEW -> "Peer review";
      case CLOSED -> "Completed";
      case CANCELED -> "Canceled";
    };
    return get("status." + state.name().toLowerCase(Locale.ROOT)).orElse(fallback);
  }

  /** {@code status.failed}: the status of a change closed as unsuccessful; default {@code Failed}. */
  default String failedStatus() {
    return get("status.failed").orElse("Failed");
  }

  /** {@code status.declined}: the status of a change its approvers declined; default {@code Declined}. */
  default String declinedStatus() {
    return get("status.declined").orElse("Declined");
  }

  /**
   * {@code transition.<state>}: the name of the transition that moves a change into a state; no
   * default: a transition is then found by the status it leads to. The states are those of
   * {@link #status(ChangeState)} plus {@code failed} and {@code declined}.
   */
  default Optional<String> transition(String state) {
    return get("transition." + state.toLowerCase(Locale.ROOT));
  }

  /** {@code label}: the label every coexist change carries; default {@code coexist}. */
  default String label() {
    return get("label").orElse("coexist");
  }

  /** {@code property}: the issue property holding the deployment key; default {@code coexist.deployment}. */
  default String property() {
    return get("property").orElse("coexist.deployment");
  }

  /**
   * {@code idempotency-search}: how an existing change is searched for: {@code label} (a label
   * derived from the key; works on every site) or {@code property} (JQL on the issue property,
   * only where an app indexes it); default {@code label}. Either way the property is read back.
   */
  default String idempotencySearch() {
    return get("idempotency-search").orElse("label").toLowerCase(Locale.ROOT);
  }

  /**
   * {@code search.settle-time}: after a create whose answer was lost (time-out, 5xx, connection
   * reset), how long the search for the issue it may have made keeps retrying, with back-off,
   * before coexist creates again: {@code /search/jql} is eventually consistent and lists a new
   * issue only after a lag. Default {@code 10s}.
   */
  default String searchSettleTime() {
    return get("search.settle-time").orElse("10s");
  }

  /** {@code service.<service>}: the JSM service id of a coexist service, for affected services. No default. */
  default Optional<String> serviceId(String service) {
    return get("service." + service);
  }

  // ---------------------------------------------------------------- problems

  /** {@code problem.issue-type}: the issue type problems and known errors are recorded as; default {@code Problem}. */
  default String problemIssueType() {
    return get("problem.issue-type").orElse("Problem");
  }

  /**
   * {@code problem.status.<state>}: the workflow status of a problem state; defaults new {@code
   * Open}, assess {@code Under review}, root-cause-analysis {@code Under investigation},
   * fix-in-progress {@code In progress}, resolved {@code Resolved}, closed {@code Closed}.
   */
  default String problemStatus(ProblemState state) {
    String fallback = switch (state) {
      case NEW -> "Open";
      case ASSESS -> "Under review";
      case ROOT_CAUSE_ANALYSIS -> "Under investigation";
      case FIX_IN_PROGRESS -> "In progress";
      case RESOLVED -> "Resolved";
      case CLOSED -> "Closed";
    };
    return get("problem.status." + JiraSettings.key(state)).orElse(fallback);
  }

  /** {@code problem.label}: the label every coexist problem carries; default {@code coexist-problem}. */
  default String problemLabel() {
    return get("problem.label").orElse("coexist-problem");
  }

  /**
   * {@code problem.property}: the issue property holding a problem's record key, known error
   * (root cause, workaround), fix and resolution; default {@code coexist.problem}.
   */
  default String problemProperty() {
    return get("problem.property").orElse("coexist.problem");
  }

  /** {@code problem.known-error-label}: the label marking a known error; default {@code known-error}. */
  default String knownErrorLabel() {
    return get("problem.known-error-label").orElse("known-error");
  }

  // ---------------------------------------------------------------- incidents

  /** {@code incident.request-type}: the request type incidents are raised with; default {@code Report an incident}. */
  default String incidentRequestType() {
    return get("incident.request-type").orElse("Report an incident");
  }

  /**
   * {@code incident.status.<state>}: the workflow status of an incident state; defaults new
   * {@code Open}, in-progress {@code Work in progress}, on-hold {@code Pending}, resolved {@code
   * Resolved}, closed {@code Closed}, canceled {@code Canceled}.
   */
  default String incidentStatus(IncidentState state) {
    String fallback = switch (state) {
      case NEW -> "Open";
      case IN_PROGRESS -> "Work in progress";
      case ON_HOLD -> "Pending";
      case RESOLVED -> "Resolved";
      case CLOSED -> "Closed";
      case CANCELED -> "Canceled";
    };
    return get("incident.status." + JiraSettings.key(state)).orElse(fallback);
  }

  /** {@code incident.transition.<state>}: a transition name to prefer into an incident state. No default. */
  default Optional<String> incidentTransition(IncidentState state) {
    return get("incident.transition." + JiraSettings.key(state));
  }

  /** {@code field.impact.name} / {@code field.urgency.name}: the incident fields' names; defaults {@code Impact}, {@code Urgency}. */
  default String incidentFieldName(String field) {
    return get("field." + field + ".name").orElse(JiraSettings.titleCase(field));
  }

  /** {@code field.impact.id} / {@code field.urgency.id}: pinned ids of the incident fields. No default. */
  default Optional<String> incidentFieldId(String field) {
    return get("field." + field + ".id");
  }

  /**
   * {@code option.impact.<level>}: comma-separated options of the Impact field for a level, the
   * first written, all read; defaults high {@code Extensive, Significant}, medium {@code
   * Moderate}, low {@code Minor}.
   */
  default String impactOptions(Impact impact) {
    String fallback = switch (impact) {
      case HIGH -> "Extensive, Significant";
      case MEDIUM -> "Moderate";
      case LOW -> "Minor";
    };
    return get("option.impact." + JiraSettings.key(impact)).orElse(fallback);
  }

  /**
   * {@code option.urgency.<level>}: comma-separated options of the Urgency field for a level;
   * defaults high {@code Critical, High}, medium {@code Medium}, low {@code Low}.
   */
  default String urgencyOptions(Urgency urgency) {
    String fallback = switch (urgency) {
      case HIGH -> "Critical, High";
      case MEDIUM -> "Medium";
      case LOW -> "Low";
    };
    return get("option.urgency." + JiraSettings.key(urgency)).orElse(fallback);
  }

  /**
   * {@code option.priority.<priority>}: the Jira priority of an incident priority; defaults
   * critical {@code Highest}, high {@code High}, moderate {@code Medium}, low {@code Low},
   * planning {@code Lowest}.
   */
  default String priorityName(Priority priority) {
    String fallback = switch (priority) {
      case CRITICAL -> "Highest";
      case HIGH -> "High";
      case MODERATE -> "Medium";
      case LOW -> "Low";
      case PLANNING -> "Lowest";
    };
    return get("option.priority." + JiraSettings.key(priority)).orElse(fallback);
  }

  /** {@code incident.major-label}: the label marking a major incident; default {@code major-incident}. */
  default String majorLabel() {
    return get("incident.major-label").orElse("major-incident");
  }

  /**
   * {@code incident.link-type}: the issue link type from a change to the incident it caused;
   * default {@code Problem/Incident} (the change "causes", the incident "is caused by").
   */
  default String causeLinkType() {
    return get("incident.link-type").orElse("Problem/Incident");
  }

  /** {@code incident.label}: the label every coexist incident carries; default {@code coexist-incident}. */
  default String incidentLabel() {
    return get("incident.label").orElse("coexist-incident");
  }

  /** {@code incident.property}: the issue property holding an incident's record key; default {@code coexist.incident}. */
  default String incidentProperty() {
    return get("incident.property").orElse("coexist.incident");
  }

  // ---------------------------------------------------------------- webhooks and gating

  /** {@code webhook.secrets}: comma-separated secrets of the admin webhook (several while rotating). No default. */
  default Optional<String> webhookSecrets() {
    return get("webhook.secrets");
  }

  /**
   * {@code gating.environment-type.<environment>}: the Jira environment type (production,
   * staging, testing, development, unmapped) of a pipeline environment; default by name: {@code
   * prod*} production, {@code stag*} staging, {@code test*}/{@code qa*} testing, {@code dev*}
   * development, else unmapped.
   */
  default String environmentType(String environment) {
    return get("gating.environment-type." + environment)
        .orElseGet(() -> JiraSettings.guessEnvironmentType(environment));
  }

  /** {@code gating.provider}: the product name reported with deployments; default {@code coexist}. */
  default String gatingProvider() {
    return get("gating.provider").orElse("coexist");
  }

  /** The change fields the adapter writes; their ids differ from site to site. */
  enum ChangeField {
    /** Standard, Normal or Emergency (a select list). */
    CHANGE_TYPE("change-type", "Change type"),
    /** Low, Medium, High or Critical (a select list). */
    CHANGE_RISK("change-risk", "Change risk"),
    /** When the change is planned to start (a date-time). */
    PLANNED_START("planned-start", "Planned start"),
    /** When the change is planned to end (a date-time). */
    PLANNED_END("planned-end", "Planned end"),
    /** The JSM services the change affects. */
    AFFECTED_SERVICES("affected-services", "Affected services");

    private final String key;
    private final String defaultName;

    ChangeField(String key, String defaultName) {
      this.key = key;
      this.defaultName = defaultName;
    }

    /** The key of the field in settings ({@code change-risk}). */
    public String key() {
      return key;
    }

    /** The field's name on a JSM site as Atlassian ships it. */
    public String defaultName() {
      return defaultName;
    }
  }
}
