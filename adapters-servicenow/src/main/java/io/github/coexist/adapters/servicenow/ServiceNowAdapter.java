package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.InvalidConfigurationException;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.ToolGuard;
import io.github.coexist.adapters.http.RequestAuth;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.ItsmAdapter;
import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.feedback.InMemoryFeedbackRecords;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.TeamId;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * coexist's ports on a ServiceNow instance, as one {@link ItsmAdapter} bundle named {@code
 * servicenow}: {@link #changeRecords()} on {@code change_request} (Table API, and the Change
 * Management API where the instance has it), {@link #incidentRecords()} on {@code incident},
 * {@link #problemRecords()} on {@code problem}, and {@link #cmdb()} on the CMDB (also the bundle's
 * {@link #serviceDirectory()}). Satisfaction answers stay in memory ({@link #feedbackRecords()}):
 * ServiceNow keeps survey results in its own survey tables, which coexist does not write. Approvals made in ServiceNow are picked up by polling ({@link
 * #awaitApproval}) or when the instance calls back ({@link #onChangeNotice}).
 *
 * <pre>{@code
 * try (ServiceNowAdapter servicenow = ServiceNowAdapter.builder(ServiceNowConfig.fromEnvironment()).build()) {
 *   ChangeRecords changes = servicenow.changeRecords();
 *   ServiceDirectory services = servicenow.cmdb();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every call has a timeout and bounded retries honouring {@code Retry-After}.
 */
public final class ServiceNowAdapter implements ItsmAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceNowAdapter.class);

  private final RemoteClient client;
  private final ServiceNowChangeRecords changes;
  private final CmdbServiceDirectory directory;
  private final ServiceNowIncidentRecords incidents;
  private final ServiceNowProblemRecords problems;
  private final FeedbackRecords feedback = new InMemoryFeedbackRecords();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Clock clock;
  private final RemoteClient.Sleeper sleeper;
  private final Duration pollInitial;
  private final Duration pollMax;
  private final URI url;
  private final References references;
  private final Optional<String> defaultGroup;

  private ServiceNowAdapter(Builder b, ServiceNowConfig config) {
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.url = config.url().orElseThrow();
    ServiceNowPolicy policy = new ServiceNowPolicy(clock);
    RemoteClient tokens = RemoteClient.builder("ServiceNow OAuth", config.http(url), policy)
        .sleeper(sleeper).guard(b.guard).build();
    this.client = RemoteClient.builder(ServiceNowPolicy.TOOL, config.http(url), policy)
        .auth(auth(config, tokens, clock))
        .sleeper(sleeper)
        .guard(b.guard)
        .build();
    Instance instance = new Instance(client, config.pageSize(), config.changeApi());
    TableSchema services = TableSchema.services(config.cmdbServiceTable());
    this.references = new References(instance);
    this.defaultGroup = config.changeDefaultGroup();
    this.changes = new ServiceNowChangeRecords(instance, references, services, defaultGroup);
    this.incidents = new ServiceNowIncidentRecords(instance, references, services);
    this.problems = new ServiceNowProblemRecords(instance, references, services);
    this.directory = new CmdbServiceDirectory(instance, services, config.cmdbRelationTypes(),
        TeamId.of(config.cmdbDefaultOwner()), config.cmdbCacheTtl(), clock);
    this.pollInitial = config.approvalPollInitial();
    this.pollMax = config.approvalPollMax();
  }

  /**
   * The start-up check: the configured default assignment group ({@code change.default-group}),
   * when set, must be a group ServiceNow knows ({@code sys_user_group} by name), for a change whose
   * owner has none falls back to it. An unknown one is an {@link CoexistError.InvalidInput} naming
   * it and the setting; an instance that could not be asked answers its transient error. Done when
   * nothing is configured that could be checked.
   */
  public Either<CoexistError, Done> checkSite() {
    if (defaultGroup.isEmpty()) {
      return Either.right(Done.DONE);
    }
    return references.sysIdOf(TableSchema.SYS_USER_GROUP, defaultGroup.get()).flatMap(found -> found.isPresent()
        ? Either.right(Done.DONE)
        : Either.left(CoexistError.invalid("ServiceNow has no assignment group named '" + defaultGroup.get()
            + "' in sys_user_group: fix change.default-group (COEXIST_SERVICENOW_CHANGE_DEFAULT_GROUP) or create"
            + " the group")));
  }

  /** A builder for an adapter with {@code config}. */
  public static Builder builder(ServiceNowConfig config) {
    return new Builder(config);
  }

  private static RequestAuth auth(ServiceNowConfig config, RemoteClient tokens, Clock clock) {
    RequestAuth base = switch (config.auth()) {
      case BASIC -> RequestAuth.basic(config.user().orElseThrow(), config.password().orElseThrow());
      case OAUTH -> new OAuthTokens(tokens, config.oauthGrant(), config.oauthClientId().orElseThrow(),
          config.oauthClientSecret().orElseThrow(), config.user(), config.password(),
          config.oauthRefreshToken(), clock);
      case API_KEY -> RequestAuth.none();
    };
    return config.apiKey().map(key -> withApiKey(base, key)).orElse(base);
  }

  private static RequestAuth withApiKey(RequestAuth base, Secret key) {
    return new RequestAuth() {
      @Override
      public Either<CoexistError, Map<String, String>> headers() {
        return base.headers().map(headers -> {
          Map<String, String> all = new HashMap<>(headers);
          all.put("x-sn-apikey", key.reveal());
          return all;
        });
      }

      @Override
      public void invalidate() {
        base.invalidate();
      }

      @Override
      public boolean refreshes() {
        return base.refreshes();
      }
    };
  }

  /** {@code servicenow}. */
  @Override
  public String name() {
    return "servicenow";
  }

  /** Change records on {@code change_request}; the system name is {@code servicenow}. */
  @Override
  public ChangeRecords changeRecords() {
    return changes;
  }

  /** Incident records on {@code incident}; the system name is {@code servicenow}. */
  @Override
  public IncidentRecords incidentRecords() {
    return incidents;
  }

  /** Problem records on {@code problem}, known errors included; the system name is {@code servicenow}. */
  @Override
  public ProblemRecords problemRecords() {
    return problems;
  }

  /** In-memory satisfaction answers of this adapter: coexist does not write ServiceNow's survey tables. */
  @Override
  public FeedbackRecords feedbackRecords() {
    return feedback;
  }

  /** Services, owners, tiers and dependencies from the CMDB, cached for {@code cmdb.cache-ttl}. */
  public ServiceDirectory cmdb() {
    return directory;
  }

  /** The {@link #cmdb()}, always present: the instance is a CMDB. */
  @Override
  public Optional<ServiceDirectory> serviceDirectory() {
    return Optional.of(directory);
  }

  /**
   * Polls the change until ServiceNow has approved or rejected it, it reached a final state, or
   * {@code maxWait} has passed, waiting {@code approval.poll-initial} at first and twice as long
   * each time after, up to {@code approval.poll-max}. Returns the record as last read: an
   * approval still {@link ApprovalStatus#REQUESTED} means the wait ran out. Transient failures
   * are polled through; any other failure ends the wait.
   */
  public Either<CoexistError, RecordedChange> awaitApproval(ExternalKey key, Duration maxWait) {
    Objects.requireNonNull(key, "key");
    Instant deadline = clock.instant().plus(maxWait);
    Duration wait = pollInitial;
    while (true) {
      Either<CoexistError, RecordedChange> read = changes.read(key);
      if (read.isLeft() && !read.getLeft().isTransient()) {
        return read;
      }
      if (read.isRight() && decided(read.get())) {
        return read;
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        return read;
      }
      Duration nap = wait.compareTo(left) < 0 ? wait : left;
      LOG.debug("ServiceNow change {} not decided yet; asking again in {} s", key.display(), nap.toSeconds());
      if (!sleeper.sleep(nap)) {
        return Either.left(new CoexistError.Unavailable("waiting for the approval of " + key.display()
            + " was interrupted"));
      }
      Duration doubled = wait.multipliedBy(2);
      wait = doubled.compareTo(pollMax) > 0 ? pollMax : doubled;
    }
  }

  private static boolean decided(RecordedChange change) {
    return change.approval() == ApprovalStatus.APPROVED || change.approval() == ApprovalStatus.REJECTED
        || change.state().isTerminal();
  }

  /**
   * Reads the change a ServiceNow callback (an outbound REST message or business rule posting
   * the record as JSON, with at least its {@code sys_id}) is about. The callback only says which
   * record to look at: the answer is read from the instance itself, so a forged or stale callback
   * cannot approve anything.
   */
  public Either<CoexistError, RecordedChange> onChangeNotice(byte[] body) {
    return Json.parse(body, "ServiceNow change notice").flatMap(json -> {
      JsonNode record = json.has("result") ? json.path("result") : json;
      String sysId = Fields.text(record, "sys_id");
      if (!sysId.matches("[0-9a-zA-Z]{1,64}")) {
        return Either.left(CoexistError.invalid("a ServiceNow change notice needs the record's sys_id"));
      }
      String number = Fields.text(record, "number");
      return changes.read(new ExternalKey(ServiceNowChangeRecords.SYSTEM, sysId, number.isBlank() ? sysId : number));
    });
  }

  /** Releases the HTTP client; calling it again does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "ServiceNowAdapter[" + url + "]";
  }

  /**
   * Builds a {@link ServiceNowAdapter}, following the convention every coexist adapter builder keeps: a
   * {@code null} argument throws {@link NullPointerException} naming it; {@link #tryBuild()}
   * returns every configuration problem at once as a {@link CoexistError.InvalidInput}; {@link
   * #build()} throws them as one {@link InvalidConfigurationException}. Neither changes the
   * builder: calling either again gives the same answer (a new adapter when the configuration is
   * usable).
   */
  public static final class Builder {
    private final ServiceNowConfig config;
    private Clock clock = Clock.systemUTC();
    private RemoteClient.Sleeper sleeper = RemoteClient.Sleeper.threadSleep();
    private Optional<ToolGuard> guard = Optional.empty();

    private Builder(ServiceNowConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The clock for token expiry, the CMDB cache and approval polling; the system UTC clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait between retries and polls; {@link Thread#sleep} unless set (tests record instead). */
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

    /** The adapter, or every configuration problem at once. */
    public Either<CoexistError.InvalidInput, ServiceNowAdapter> tryBuild() {
      return config.validate()
          .<CoexistError.InvalidInput>mapLeft(InvalidConfigurationException::invalidInput)
          .map(valid -> new ServiceNowAdapter(this, valid));
    }

    /**
     * The adapter.
     *
     * @throws InvalidConfigurationException listing every problem when the configuration is not usable
     */
    public ServiceNowAdapter build() {
      return tryBuild().getOrElseThrow(invalid -> new InvalidConfigurationException("ServiceNow", invalid));
    }
  }
}
