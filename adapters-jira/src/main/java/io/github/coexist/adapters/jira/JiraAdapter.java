package io.github.coexist.adapters.jira;

import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.adapters.http.DeliveryLedger;
import io.github.coexist.adapters.http.InvalidConfigurationException;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.ToolGuard;
import io.github.coexist.adapters.http.RequestAuth;
import io.github.coexist.adapters.http.WebhookSignature;
import io.github.coexist.core.ItsmAdapter;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.service.ServiceDirectory;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * coexist on Jira Cloud with Jira Service Management, as one {@link ItsmAdapter} bundle named
 * {@code jira}: hands out {@link #changeRecords()} (change
 * requests as issues of the change issue type), {@link #incidentRecords()} (incidents as requests
 * of the incident request type), {@link #feedbackRecords()} (their CSAT feedback), {@link
 * #problemRecords()} (problems and known errors as issues of the problem issue type, linked to
 * their incidents), {@link #webhooks()} (signed admin webhooks in) and {@link #deploymentGating()}
 * (the Deployments API with gating, for OAuth credentials). Jira is no CMDB: {@link
 * #serviceDirectory()} is empty.
 *
 * <pre>{@code
 * JiraAdapter jira = JiraAdapter.builder(JiraConfig.fromEnvironment()).build();
 * jira.resolveFields().getOrElseThrow(e -> new IllegalStateException(e.message()));
 * ChangeRecords changes = jira.changeRecords();
 * }</pre>
 *
 * <p>Field ids differ from site to site: {@link #resolveFields()} finds them in the create
 * metadata, once; call it at start-up to fail early with every missing field named. Closing the
 * adapter releases its HTTP clients. Thread-safe.
 */
public final class JiraAdapter implements ItsmAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(JiraAdapter.class);
  private final JiraSettings settings;
  private final RemoteClient client;
  private final Optional<RemoteClient> gateway;
  private final JiraHttp http;
  private final Clock clock;
  private final RemoteClient.Sleeper sleeper;
  private final Optional<ToolGuard> guard;
  private final KeyIndex index;
  private final JiraChangeRecords changes;
  private final JiraIncidentRecords incidents;
  private final JiraFeedbackRecords feedback;
  private final JiraProblemRecords problems;
  private final AtomicBoolean closed = new AtomicBoolean();
  private IncidentFields incidentFields;
  private final Optional<JiraWebhooks> webhooks;
  private ChangeFields fields;

  private JiraAdapter(Builder b, JiraSettings settings) {
    this.settings = settings;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.guard = b.guard;
    this.index = new KeyIndex(b.indexCapacity);
    JiraErrors errors = new JiraErrors(clock);
    // One token cache serves the site and the gateway: both take the same client credentials.
    Optional<RequestAuth> oauth = settings.authMode == JiraSettings.AuthMode.OAUTH
        ? Optional.of(oauth(errors)) : Optional.empty();
    RequestAuth auth = switch (settings.authMode) {
      case BASIC -> RequestAuth.basic(settings.email.orElseThrow(), settings.apiToken.orElseThrow());
      case BEARER -> RequestAuth.bearer(settings.accessToken.orElseThrow());
      case OAUTH -> oauth.orElseThrow();
    };
    this.gateway = oauth.map(a -> RemoteClient.builder("jira-deployments", settings.http.withBaseUri(settings.apiBase),
        errors).auth(a).sleeper(sleeper).guard(guard).build());
    this.client = RemoteClient.builder("jira", settings.http, errors).auth(auth).sleeper(sleeper).guard(guard).build();
    this.http = new JiraHttp(client);
    this.changes = new JiraChangeRecords(http, settings, this::fields, index, sleeper);
    this.incidents = new JiraIncidentRecords(http, settings, this::incidentFields);
    this.feedback = new JiraFeedbackRecords(http);
    this.problems = new JiraProblemRecords(http, settings, this::incidentFields, incidents::find, index, sleeper);
    this.webhooks = settings.webhookSecrets.isEmpty() ? Optional.empty()
        : Optional.of(new JiraWebhooks(new WebhookSignature(settings.webhookSecrets),
            b.ledger.orElseGet(() -> DeliveryLedger.standard(clock)), settings, index,
            KeyLookup.changes(http, settings, index)));
    LOG.info("jira adapter for {} (project {}, {} auth)", settings.http.baseUri().getHost(), settings.project,
        settings.authMode.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** A builder for an adapter with {@code config}. */
  public static Builder builder(JiraConfig config) {
    return new Builder(config);
  }

  /**
   * Finds the site's ids of the change fields ({@code change-type}, {@code change-risk}, {@code
   * planned-start}, {@code planned-end}, {@code affected-services}) once and keeps them; every
   * missing field, ambiguous name and missing option is listed in one error.
   */
  public Either<CoexistError, Map<String, String>> resolveFields() {
    return fields().map(found -> {
      Map<String, String> ids = new LinkedHashMap<>();
      found.ids().forEach((field, id) -> ids.put(field.key(), id));
      return ids;
    });
  }

  /**
   * Finds the service desk, the incident request type and the ids of its Impact, Urgency and
   * Priority fields once and keeps them ({@code impact}, {@code urgency}, {@code priority}); every
   * problem is listed in one error.
   */
  public Either<CoexistError, Map<String, String>> resolveIncidentFields() {
    return incidentFields().map(found -> {
      Map<String, String> ids = new LinkedHashMap<>();
      ids.put("impact", found.impact().id());
      ids.put("urgency", found.urgency().id());
      ids.put("priority", found.priority().id());
      return ids;
    });
  }

  /**
   * The start-up check: the change fields ({@link #resolveFields()}) and the incident request type
   * of the project's service desk with its fields ({@link #resolveIncidentFields()}, read from
   * {@code GET /rest/servicedeskapi/servicedesk}, {@code .../servicedesk/{id}/requesttype} and the
   * create metadata). Every problem of both, a missing request type or service desk included, is
   * named in one {@link CoexistError.InvalidInput}, so one start-up shows all there is to fix; a
   * site that could not be asked (a transient error) answers that error instead. The ids found
   * are kept for the adapter's calls; the answer names them, incident fields prefixed {@code
   * incident.}.
   */
  public Either<CoexistError, Map<String, String>> checkSite() {
    Either<CoexistError, Map<String, String>> changes = resolveFields();
    Either<CoexistError, Map<String, String>> incidents = resolveIncidentFields();
    List<CoexistError> errors = new ArrayList<>();
    changes.peekLeft(errors::add);
    incidents.peekLeft(errors::add);
    Optional<CoexistError> down = errors.stream().filter(CoexistError::isTransient).findFirst();
    if (down.isPresent()) {
      return Either.left(down.get());
    }
    if (!errors.isEmpty()) {
      List<String> problems = new ArrayList<>();
      for (CoexistError error : errors) {
        if (error instanceof CoexistError.InvalidInput invalid) {
          invalid.problems().forEach(problems::add);
        } else {
          problems.add(error.message());
        }
      }
      return Either.left(new CoexistError.InvalidInput(io.vavr.collection.List.ofAll(problems)));
    }
    Map<String, String> ids = new LinkedHashMap<>(changes.get());
    incidents.get().forEach((field, id) -> ids.put("incident." + field, id));
    return Either.right(ids);
  }

  /** {@code jira}. */
  @Override
  public String name() {
    return "jira";
  }

  /** Incidents as Jira Service Management requests of the incident request type. */
  @Override
  public IncidentRecords incidentRecords() {
    return incidents;
  }

  /** CSAT feedback on Jira Service Management requests. */
  @Override
  public FeedbackRecords feedbackRecords() {
    return feedback;
  }

  /** Change requests in Jira Service Management. */
  @Override
  public ChangeRecords changeRecords() {
    return changes;
  }

  /**
   * Problems and known errors as issues of the problem issue type ({@code problem.issue-type}),
   * linked to the Jira issues of their incidents.
   */
  @Override
  public ProblemRecords problemRecords() {
    return problems;
  }

  /** Empty: Jira is no CMDB. */
  @Override
  public Optional<ServiceDirectory> serviceDirectory() {
    return Optional.empty();
  }

  /**
   * Inbound webhooks.
   *
   * @throws IllegalStateException when no webhook secret is configured ({@code webhook.secrets})
   */
  public JiraWebhooks webhooks() {
    return webhooks.orElseThrow(() -> new IllegalStateException("set "
        + JiraSettings.describe(settings.config, "webhook.secrets") + " to receive Jira webhooks"));
  }

  /**
   * Deployment gating through the Deployments API of Atlassian's gateway.
   *
   * @throws IllegalStateException unless the adapter authenticates with OAuth client credentials
   *     ({@code auth=oauth}), which that API requires
   */
  public JiraDeploymentGating deploymentGating() {
    RemoteClient api = gateway.orElseThrow(() -> new IllegalStateException("deployment gating needs OAuth "
        + "credentials: set " + JiraSettings.describe(settings.config, "auth") + " to oauth"));
    return new JiraDeploymentGating(new JiraHttp(api), settings, clock, sleeper);
  }

  synchronized Either<CoexistError, ChangeFields> fields() {
    if (fields != null) {
      return Either.right(fields);
    }
    Either<CoexistError, ChangeFields> found = ChangeFields.resolve(new FieldResolver(http, settings), settings);
    found.forEach(f -> {
      fields = f;
      LOG.info("jira change fields of {} in {}: {}", settings.issueType, settings.project, f.ids());
    });
    return found;
  }

  synchronized Either<CoexistError, IncidentFields> incidentFields() {
    if (incidentFields != null) {
      return Either.right(incidentFields);
    }
    Either<CoexistError, IncidentFields> found = IncidentFields.resolve(http, new FieldResolver(http, settings), settings);
    found.forEach(f -> incidentFields = f);
    return found;
  }

  private RequestAuth oauth(JiraErrors errors) {
    RemoteClient tokens = RemoteClient.builder("atlassian-oauth", settings.http.withBaseUri(settings.apiBase), errors)
        .sleeper(sleeper).guard(guard).build();
    return new ClientCredentialsAuth(tokens, settings.config.tokenPath(), settings.clientId.orElseThrow(),
        settings.clientSecret.orElseThrow(), clock);
  }

  /** Releases the HTTP clients; calling it again does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      client.close();
      gateway.ifPresent(RemoteClient::close);
    }
  }

  @Override
  public String toString() {
    return "JiraAdapter[" + settings.http.baseUri() + ", project " + settings.project + "]";
  }

  /**
   * Builds a {@link JiraAdapter}, following the convention every coexist adapter builder keeps: a
   * {@code null} argument throws {@link NullPointerException} naming it; {@link #tryBuild()}
   * returns every configuration problem at once as a {@link CoexistError.InvalidInput}; {@link
   * #build()} throws them as one {@link InvalidConfigurationException}. Neither changes the
   * builder: calling either again gives the same answer (a new adapter when the configuration is
   * usable).
   */
  public static final class Builder {
    private final JiraConfig config;
    private Clock clock = Clock.systemUTC();
    private RemoteClient.Sleeper sleeper = RemoteClient.Sleeper.threadSleep();
    private Optional<ToolGuard> guard = Optional.empty();
    private Optional<DeliveryIds> ledger = Optional.empty();
    private int indexCapacity = 10_000;

    private Builder(JiraConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The clock for token expiry, {@code Retry-After} dates and webhook de-duplication; UTC system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait between retries; {@link Thread#sleep} unless set (tests record instead). */
    public Builder sleeper(RemoteClient.Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The bulkhead and circuit breaker every call to the tool goes through (one per tool, shared by
     * every client the adapter makes); none unless set.
     */
    public Builder guard(ToolGuard guard) {
      this.guard = Optional.of(Objects.requireNonNull(guard, "guard"));
      return this;
    }

    /**
     * Where webhook delivery ids ({@code X-Atlassian-Webhook-Identifier}) are remembered, so a
     * redelivery is answered as a duplicate; a durable store's ids survive a restart. In memory
     * ({@link DeliveryLedger#standard}: 100,000 ids for 3 days) unless set.
     */
    public Builder deliveryIds(DeliveryIds deliveryIds) {
      this.ledger = Optional.of(Objects.requireNonNull(deliveryIds, "deliveryIds"));
      return this;
    }

    /** How many key-to-issue pairs the adapter remembers; tests make it small to force searches. */
    Builder indexCapacity(int capacity) {
      this.indexCapacity = capacity;
      return this;
    }

    /** The adapter, or every configuration problem at once. */
    public Either<CoexistError.InvalidInput, JiraAdapter> tryBuild() {
      return JiraSettings.read(config)
          .<CoexistError.InvalidInput>mapLeft(InvalidConfigurationException::invalidInput)
          .map(settings -> new JiraAdapter(this, settings));
    }

    /**
     * The adapter.
     *
     * @throws InvalidConfigurationException listing every problem when the configuration is not usable
     */
    public JiraAdapter build() {
      return tryBuild().getOrElseThrow(invalid -> new InvalidConfigurationException("Jira", invalid));
    }
  }
}
