package io.github.coexist.standins.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for a Jira Cloud site with Jira Service Management, for adapter tests and the
 * demo: a real HTTP server on 127.0.0.1 that answers like Jira's REST API, failure modes included.
 *
 * <ul>
 *   <li>Site paths ({@code /rest/api/3}, {@code /rest/servicedeskapi}) take Basic auth with the
 *       account e-mail and API token; the same paths below {@code /ex/jira/{cloudId}} also take
 *       bearer tokens, as Atlassian's gateway does. OAuth tokens come from {@code POST /oauth/token}
 *       (client credentials); a bearer token sent to the site URL is refused with 401.
 *   <li>Custom field ids are site-specific ({@code customfield_10042} ...) and listed by the
 *       createmeta endpoints, paged; writes are checked like Jira checks them (unknown fields,
 *       option ids, date-time format, ADF descriptions) with {@code {errorMessages, errors}}.
 *   <li>A JSM-like change workflow with named transitions; entering Awaiting CAB approval opens
 *       an approval the configured approvers answer through the service desk API (409 once decided).
 *   <li>{@code POST /rest/api/3/search/jql} with a JQL subset, {@code nextPageToken} paging,
 *       optional eventual consistency ({@code reconcileIssues} sees new issues at once); the
 *       removed {@code /rest/api/3/search} answers 410; {@code POST /rest/api/3/issue/bulkfetch}
 *       reads up to 100 issues at once, strongly consistent. Every issue has an {@code updated}
 *       time that any change to it (fields, properties, status, an approver's answer) moves on.
 *   <li>Injected faults: 429 with {@code Retry-After} and rate-limit headers, 503, anything else,
 *       and creates whose answer is lost (504 after the issue was made).
 *   <li>Real-world sites: search lag in time, required custom fields, change issues that are no
 *       customer request (no service desk approvals; Approve and Decline transitions), automation
 *       rules that approve at once or label every new issue, labels edited with the {@code update}
 *       verb, resolutions on done statuses, and Problem issues with their own workflow.
 *   <li>The Deployments API with gating on the gateway, and signed webhook deliveries for every
 *       status change.
 * </ul>
 *
 * <p>Thread-safe. Close it to stop the server.
 */
public final class JiraStandIn implements AutoCloseable {
  private static final Pattern GATEWAY = Pattern.compile("^/ex/jira/([^/]+)(/.*)$");
  private static final Pattern DEPLOYMENTS = Pattern.compile("^/jira/deployments/0\\.1/cloud/([^/]+)(/.*)$");
  private static final Pattern ISSUE = Pattern.compile("^/rest/api/3/issue/([^/]+)$");
  private static final Pattern TRANSITIONS = Pattern.compile("^/rest/api/3/issue/([^/]+)/transitions$");
  private static final Pattern PROPERTY = Pattern.compile("^/rest/api/3/issue/([^/]+)/properties/([^/]+)$");
  private static final Pattern META_TYPES = Pattern.compile("^/rest/api/3/issue/createmeta/([^/]+)/issuetypes$");
  private static final Pattern META_FIELDS = Pattern.compile("^/rest/api/3/issue/createmeta/([^/]+)/issuetypes/([^/]+)$");
  private static final Pattern APPROVALS = Pattern.compile("^/rest/servicedeskapi/request/([^/]+)/approval$");
  private static final Pattern APPROVAL = Pattern.compile("^/rest/servicedeskapi/request/([^/]+)/approval/([^/]+)$");
  private static final Pattern REQUEST_TYPES = Pattern.compile("^/rest/servicedeskapi/servicedesk/([^/]+)/requesttype$");
  private static final Pattern FEEDBACK = Pattern.compile("^/rest/servicedeskapi/request/([^/]+)/feedback$");
  private static final Pattern GATING = Pattern.compile(
      "^/pipelines/([^/]+)/environments/([^/]+)/deployments/(\\d+)/gating-status$");

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY every answer waits
    // for the client's delayed ACK (tens of milliseconds). Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Builder config;
  private final HttpServer server;
  private final ExecutorService executor;
  private final JiraSite site;
  private final SiteQuirks quirks;
  private final SiteDeployments deployments;
  private final SiteServiceDesk serviceDesk;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final Set<String> tokens = java.util.Collections.synchronizedSet(new HashSet<>());
  private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<Consumer<WebhookDelivery>> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicInteger deliveryCount = new AtomicInteger();
  private final AtomicInteger tokenCount = new AtomicInteger();
  // Subscribers are called off the site's lock: one that posts the delivery to an adapter which
  // reads back from this site would otherwise wait on itself.
  private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "jira-standin-webhooks");
    t.setDaemon(true);
    return t;
  });

  private record Fault(String pathPrefix, int status, Map<String, String> headers, String body, AtomicInteger left) {}

  private JiraStandIn(Builder b) throws IOException {
    this.config = b;
    this.quirks = b.quirks;
    SiteFields fields = new SiteFields(b.fieldIds, b.omitted, b.duplicates, b.optionRenames, b.services, b.required);
    this.site = new JiraSite(b.project, fields, b.approvers, b.approvalsNeeded, b.searchPage, b.metaPage, b.searchLag,
        b.indexed, b.clock, b.quirks, this::statusChanged);
    this.deployments = new SiteDeployments(site, b.services, b.clock);
    this.serviceDesk = new SiteServiceDesk(site, b.project, b.clock, b.withoutRequestTypes);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "jira-standin");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    site.base = siteUri().toString();
  }

  /** A stand-in with every default, started. */
  public static JiraStandIn start() {
    return builder().start();
  }

  /** A builder to shape the site before starting it. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ where and who

  /** The site URL ({@code http://127.0.0.1:<port>}), what {@code coexist.jira.url} is set to. */
  public URI siteUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The stand-in's API gateway (the same server), what {@code coexist.jira.api-base} is set to. */
  public URI apiBase() {
    return siteUri();
  }

  /** The site's cloud id. */
  public String cloudId() {
    return config.cloudId;
  }

  /** The service project's key. */
  public String project() {
    return config.project;
  }

  /** The e-mail of the API account. */
  public String email() {
    return config.email;
  }

  /** The API token of the API account. */
  public String apiToken() {
    return config.apiToken;
  }

  /** A static OAuth access token the gateway accepts. */
  public String accessToken() {
    return config.accessToken;
  }

  /** The OAuth client id the token endpoint accepts. */
  public String clientId() {
    return config.clientId;
  }

  /** The OAuth client secret the token endpoint accepts. */
  public String clientSecret() {
    return config.clientSecret;
  }

  /** The account id of the API account (it approves when it is an approver). */
  public String accountId() {
    return config.accountId;
  }

  /** The id the site gives the field named {@code name}, if it has one. */
  public Optional<String> fieldId(String name) {
    return site.fields().byName(name).map(SiteFields.Field::id);
  }

  /** Settings for the Jira adapter pointing at this site with Basic auth ({@code coexist.jira.*}). */
  public Map<String, String> adapterSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("coexist.jira.url", siteUri().toString());
    s.put("coexist.jira.email", email());
    s.put("coexist.jira.api-token", apiToken());
    s.put("coexist.jira.project", project());
    s.put("coexist.jira.api-base", apiBase().toString());
    config.services.stream().findFirst().ifPresent(id -> s.put("coexist.jira.service.checkout", id));
    config.webhookSecret.ifPresent(secret -> s.put("coexist.jira.webhook.secrets", secret));
    return s;
  }

  // ------------------------------------------------------------------ faults and observation

  /** The next {@code times} requests (any path) answer {@code status} with these headers and body. */
  public JiraStandIn failNext(int times, int status, Map<String, String> headers, String body) {
    return failNext("/", times, status, headers, body);
  }

  /** The next {@code times} requests whose path starts with {@code pathPrefix} answer {@code status}. */
  public JiraStandIn failNext(String pathPrefix, int times, int status, Map<String, String> headers, String body) {
    faults.add(new Fault(pathPrefix, status, Map.copyOf(headers), body, new AtomicInteger(times)));
    return this;
  }

  /** The next {@code times} requests answer 429 with {@code Retry-After} and Jira's rate-limit headers. */
  public JiraStandIn rateLimitNext(int times, int retryAfterSeconds) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Retry-After", Integer.toString(retryAfterSeconds));
    h.put("X-RateLimit-Limit", "100");
    h.put("X-RateLimit-Remaining", "0");
    h.put("X-RateLimit-Reset", config.clock.instant().plusSeconds(retryAfterSeconds).toString());
    h.put("RateLimit-Reason", "jira-burst-based");
    return failNext(times, 429, h, "");
  }

  /** The next {@code times} requests answer 503, with {@code Retry-After} when {@code retryAfterSeconds} is given. */
  public JiraStandIn unavailableNext(int times, Optional<Integer> retryAfterSeconds) {
    Map<String, String> h = retryAfterSeconds.map(s -> Map.of("Retry-After", Integer.toString(s))).orElse(Map.of());
    return failNext(times, 503, h, "{\"errorMessages\":[\"Service Unavailable\"],\"errors\":{}}");
  }

  /**
   * The next {@code times} creates ({@code POST /rest/api/3/issue}) make their issue and then
   * answer 504 Gateway Timeout, as when Atlassian's edge gives up on an answer Jira was still
   * writing: the caller cannot tell whether the issue exists.
   */
  public JiraStandIn loseNextCreateAnswers(int times) {
    quirks.lostCreateAnswers.set(times);
    return this;
  }

  /** Makes every OAuth token issued so far invalid (they answer 401, as an expired token does). */
  public void expireTokens() {
    tokens.clear();
  }

  /** Every request received, as {@code METHOD /path} (gateway prefix included), in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** How many requests had {@code method} and a path starting with {@code pathPrefix}. */
  public long count(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.startsWith(method + " " + pathPrefix)).count();
  }

  // ------------------------------------------------------------------ what people do in Jira

  /**
   * An issue as the site holds it.
   *
   * @param id the issue id
   * @param key the issue key ({@code OPS-1})
   * @param issueType its issue type name
   * @param status its workflow status name
   * @param labels its labels
   * @param fields its field values by field id, options and priorities by their names, others as JSON
   * @param properties its issue properties as JSON text
   * @param links its links as people read them ({@code causes OPS-2}, {@code is caused by OPS-1})
   */
  public record Issue(String id, String key, String issueType, String status, List<String> labels,
      Map<String, String> fields, Map<String, String> properties, List<String> links) {}

  /** The issue with {@code idOrKey}, if it exists. */
  public Optional<Issue> issue(String idOrKey) {
    return site.issue(idOrKey).map(this::snapshot);
  }

  /** Every issue, in creation order. */
  public List<Issue> issues() {
    return site.issues().stream().map(this::snapshot).toList();
  }

  private Issue snapshot(JiraSite.Issue i) {
    synchronized (site) {
      List<String> labels = new ArrayList<>();
      i.fields.path("labels").forEach(l -> labels.add(l.asText()));
      Map<String, String> fields = new LinkedHashMap<>();
      i.fields.fields().forEachRemaining(e -> fields.put(e.getKey(),
          e.getValue().isTextual() ? e.getValue().asText()
              : e.getValue().has("value") ? e.getValue().path("value").asText()
              : e.getValue().has("name") ? e.getValue().path("name").asText() : e.getValue().toString()));
      Map<String, String> props = new LinkedHashMap<>();
      i.properties.forEach((k, v) -> props.put(k, v.toString()));
      String type = switch (i.typeId) {
        case JiraSite.CHANGE_TYPE -> "Change";
        case JiraSite.INCIDENT_TYPE -> "Incident";
        case JiraSite.PROBLEM_TYPE -> "Problem";
        default -> i.typeId;
      };
      return new Issue(i.id, i.key, type, i.status, labels, fields, props, site.linksOf(i));
    }
  }

  /**
   * Creates a change issue directly, as another tool or person would, with {@code labels} and
   * issue properties given as JSON text; returns its key.
   */
  public String createChange(String summary, List<String> labels, Map<String, String> propertiesJson) {
    ObjectNode fields = Reply.JSON.createObjectNode().put("summary", summary);
    labels.forEach(fields.withArray("labels")::add);
    JiraSite.Issue issue = site.add("10005", fields);
    synchronized (site) {
      propertiesJson.forEach((k, v) -> {
        try {
          issue.properties.put(k, Reply.JSON.readTree(v));
        } catch (IOException e) {
          throw new IllegalArgumentException("property " + k + " is not JSON", e);
        }
      });
    }
    return issue.key;
  }

  /** Answers the pending approval of {@code issueKey} as approver {@code accountId}; false when there is none to answer. */
  public boolean decideAs(String issueKey, String accountId, boolean approve) {
    synchronized (site) {
      Optional<JiraSite.Issue> issue = site.issue(issueKey);
      return issue.flatMap(i -> i.approvals.stream().filter(a -> a.finalDecision.equals("pending")).findFirst())
          .map(a -> site.decideAs(issue.get(), a, accountId, approve)).orElse(false);
    }
  }

  /** Records CSAT feedback on {@code issueKey} as its customer would in the portal; false when there is no such issue. */
  public boolean rateAs(String issueKey, int rating, String comment) {
    return serviceDesk.rate(issueKey, rating, comment);
  }

  /**
   * Makes the next answer to an approval lose a race: approver {@code accountId} decides the
   * approval ({@code approve} or decline) just before, so the answer gets 409 already decided.
   */
  public void raceNextApprovalAnswer(String accountId, boolean approve) {
    site.raceNextAnswer(accountId, approve);
  }

  /** Moves {@code issueKey} by the transition named {@code transition}, as {@code accountId}; false when not offered. */
  public boolean transitionAs(String issueKey, String transition, String accountId) {
    return site.transitionByName(issueKey, transition, accountId);
  }

  // ------------------------------------------------------------------ webhooks

  /** Every webhook delivery the site sent, one per status change, in order. */
  public List<WebhookDelivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Calls {@code subscriber} with every delivery from now on (the demo forwards them). */
  public void subscribe(Consumer<WebhookDelivery> subscriber) {
    subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
  }

  private void statusChanged(JiraSite.StatusChange change) {
    ObjectNode payload = Reply.JSON.createObjectNode().put("timestamp", config.clock.millis())
        .put("webhookEvent", "jira:issue_updated").put("issue_event_type_name", "issue_generic");
    payload.putObject("user").put("accountId", change.accountId()).put("displayName", "User " + change.accountId());
    ObjectNode issue = payload.putObject("issue").put("id", change.issueId()).put("key", change.issueKey())
        .put("self", siteUri() + "/rest/api/3/issue/" + change.issueId());
    ObjectNode fields = issue.putObject("fields");
    change.labels().forEach(fields.withArray("labels")::add);
    fields.putObject("status").put("name", change.to()).put("id", site.workflow().status(change.to()).id());
    ObjectNode item = payload.putObject("changelog").put("id", Integer.toString(deliveryCount.get() + 100))
        .putArray("items").addObject();
    item.put("field", "status").put("fieldtype", "jira").put("fieldId", "status")
        .put("from", site.workflow().status(change.from()).id()).put("fromString", change.from())
        .put("to", site.workflow().status(change.to()).id()).put("toString", change.to());
    WebhookDelivery delivery = sign(payload);
    deliveries.add(delivery);
    if (!subscribers.isEmpty()) {
      dispatcher.execute(() -> subscribers.forEach(s -> s.accept(delivery)));
    }
  }

  private WebhookDelivery sign(JsonNode payload) {
    byte[] body;
    try {
      body = Reply.JSON.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("X-Atlassian-Webhook-Identifier", "standin-" + deliveryCount.incrementAndGet());
    headers.put("X-Atlassian-Webhook-Flow", "Primary");
    config.webhookSecret.ifPresent(secret -> headers.put("X-Hub-Signature", "sha256=" + hmac(secret, body)));
    return new WebhookDelivery(headers, body);
  }

  private static String hmac(String secret, byte[] body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  // ------------------------------------------------------------------ HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      requests.add(method + " " + path);
      Reply reply;
      try {
        // Routes match the raw path, so an encoded slash inside a segment stays inside it.
        String raw = exchange.getRequestURI().getRawPath();
        reply = fault(path).orElseGet(() -> route(exchange, method, raw));
      } catch (RuntimeException bug) {
        reply = Reply.platform(500, "stand-in failure: " + bug);
      }
      send(exchange, reply);
    }
  }

  private Optional<Reply> fault(String path) {
    for (Fault f : faults) {
      if (path.startsWith(f.pathPrefix()) && f.left().getAndDecrement() > 0) {
        Reply r = f.body().isEmpty() ? new Reply(f.status(), null, Map.of())
            : new Reply(f.status(), parseOrText(f.body()), Map.of());
        for (Map.Entry<String, String> h : f.headers().entrySet()) {
          r = r.withHeader(h.getKey(), h.getValue());
        }
        return Optional.of(r);
      }
    }
    faults.removeIf(f -> f.left().get() <= 0);
    return Optional.empty();
  }

  private Reply route(HttpExchange exchange, String method, String path) {
    JsonNode body;
    try {
      body = readBody(exchange);
    } catch (IOException malformed) {
      return Reply.platform(400, "Unexpected character in the request body: it is not valid JSON.");
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String auth = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
    if (path.equals("/oauth/token") && method.equals("POST")) {
      return token(body);
    }
    Matcher deployment = DEPLOYMENTS.matcher(path);
    if (deployment.matches()) {
      if (!deployment.group(1).equals(config.cloudId)) {
        return Reply.platform(404, "No site with this cloud id.");
      }
      if (auth.startsWith("Basic ")) {
        return Reply.platform(403, "Only Connect apps that define the jiraDeploymentInfoProvider module, and "
            + "on-premises integrations, can access this resource.");
      }
      if (!bearerOk(auth)) {
        return unauthenticated();
      }
      return deployments(method, deployment.group(2), body);
    }
    Matcher gateway = GATEWAY.matcher(path);
    boolean viaGateway = gateway.matches();
    if (viaGateway && !gateway.group(1).equals(config.cloudId)) {
      return Reply.platform(404, "No site with this cloud id.");
    }
    String sitePath = viaGateway ? gateway.group(2) : path;
    boolean ok = basicOk(auth) || viaGateway && bearerOk(auth);
    if (!ok) {
      return unauthenticated();
    }
    boolean optedIn = "opt-in".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-ExperimentalApi"));
    return site(method, sitePath, query, body, optedIn);
  }

  private Reply site(String method, String path, Map<String, String> query, JsonNode body, boolean optedIn) {
    String me = config.accountId;
    if (path.equals("/rest/api/3/search") || path.equals("/rest/api/2/search")) {
      return Reply.platform(410, "The requested API has been removed. Please migrate to the /rest/api/3/search/jql "
          + "API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046");
    }
    if (path.equals("/rest/api/3/search/jql") && method.equals("POST")) {
      return site.search(body);
    }
    if (path.equals("/rest/api/3/issue") && method.equals("POST")) {
      Reply created = site.create(body, me);
      return created.status() == 201 && quirks.loseCreateAnswer()
          ? new Reply(504, Reply.JSON.getNodeFactory().textNode("504 Gateway Time-out"), Map.of())
          : created;
    }
    if (path.equals("/rest/api/3/issue/bulkfetch") && method.equals("POST")) {
      return site.bulkFetch(body);
    }
    if (path.equals("/rest/api/3/issueLink") && method.equals("POST")) {
      return site.link(body);
    }
    if (path.equals("/rest/servicedeskapi/servicedesk") && method.equals("GET")) {
      return serviceDesk.desks();
    }
    if (path.equals("/rest/servicedeskapi/request") && method.equals("POST")) {
      return serviceDesk.raise(body, me);
    }
    Matcher m;
    if ((m = META_TYPES.matcher(path)).matches() && method.equals("GET")) {
      return site.issueTypes(g(m, 1), intParam(query, "startAt", 0), intParam(query, "maxResults", 50));
    }
    if ((m = META_FIELDS.matcher(path)).matches() && method.equals("GET")) {
      return site.createFields(g(m, 1), g(m, 2), intParam(query, "startAt", 0), intParam(query, "maxResults", 50));
    }
    if ((m = TRANSITIONS.matcher(path)).matches()) {
      return method.equals("GET") ? site.transitions(g(m, 1))
          : method.equals("POST") ? site.transition(g(m, 1), body, me) : notAllowed();
    }
    if ((m = PROPERTY.matcher(path)).matches()) {
      return method.equals("GET") ? site.property(g(m, 1), g(m, 2))
          : method.equals("PUT") ? site.setProperty(g(m, 1), g(m, 2), body) : notAllowed();
    }
    if ((m = ISSUE.matcher(path)).matches()) {
      return method.equals("GET")
          ? site.read(g(m, 1), Optional.ofNullable(query.get("fields")), Optional.ofNullable(query.get("properties")))
          : method.equals("PUT") ? site.edit(g(m, 1), body) : notAllowed();
    }
    if ((m = REQUEST_TYPES.matcher(path)).matches() && method.equals("GET")) {
      return serviceDesk.requestTypes(g(m, 1));
    }
    if ((m = FEEDBACK.matcher(path)).matches()) {
      return method.equals("GET") ? serviceDesk.feedback(g(m, 1), optedIn)
          : method.equals("POST") ? serviceDesk.giveFeedback(g(m, 1), body, me, optedIn) : notAllowed();
    }
    if ((m = APPROVALS.matcher(path)).matches() && method.equals("GET")) {
      return site.approvals(g(m, 1), intParam(query, "start", 0), intParam(query, "limit", 50), me);
    }
    if ((m = APPROVAL.matcher(path)).matches()) {
      return method.equals("GET") ? site.approval(g(m, 1), g(m, 2), me)
          : method.equals("POST") ? site.decide(g(m, 1), g(m, 2), body, me) : notAllowed();
    }
    return Reply.platform(404, "null for uri: " + path);
  }

  private Reply deployments(String method, String path, JsonNode body) {
    if (path.equals("/bulk") && method.equals("POST")) {
      return deployments.submit(body);
    }
    Matcher m = GATING.matcher(path);
    if (m.matches() && method.equals("GET")) {
      return deployments.status(decode(m.group(1)), decode(m.group(2)), Long.parseLong(m.group(3)));
    }
    return Reply.platform(404, "null for uri: " + path);
  }

  private Reply token(JsonNode body) {
    if (!"client_credentials".equals(body.path("grant_type").asText())) {
      return Reply.json(400, Reply.JSON.createObjectNode().put("error", "unsupported_grant_type")
          .put("error_description", "Only client_credentials is supported here."));
    }
    if (!config.clientId.equals(body.path("client_id").asText()) || !config.clientSecret.equals(body.path("client_secret").asText())) {
      return Reply.json(401, Reply.JSON.createObjectNode().put("error", "access_denied").put("error_description", "Unauthorized"));
    }
    String token = "standin-oauth-" + tokenCount.incrementAndGet();
    tokens.add(token);
    return Reply.json(200, Reply.JSON.createObjectNode().put("access_token", token).put("expires_in", 3600)
        .put("token_type", "Bearer").put("scope", "read:jira-work write:jira-work"));
  }

  private boolean basicOk(String auth) {
    String expected = Base64.getEncoder().encodeToString((config.email + ":" + config.apiToken)
        .getBytes(StandardCharsets.UTF_8));
    return auth.equals("Basic " + expected);
  }

  private boolean bearerOk(String auth) {
    if (!auth.startsWith("Bearer ")) {
      return false;
    }
    String token = auth.substring("Bearer ".length());
    return token.equals(config.accessToken) || tokens.contains(token);
  }

  private static Reply unauthenticated() {
    return Reply.platform(401, "Client must be authenticated to access this resource.")
        .withHeader("WWW-Authenticate", "OAuth realm=\"https%3A%2F%2Fstandin.atlassian.net\"");
  }

  private static Reply notAllowed() {
    return Reply.platform(405, "Method not allowed.");
  }

  private static JsonNode readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      return bytes.length == 0 ? Reply.JSON.missingNode() : Reply.JSON.readTree(bytes);
    }
  }

  private static JsonNode parseOrText(String body) {
    try {
      return Reply.JSON.readTree(body);
    } catch (IOException notJson) {
      return Reply.JSON.getNodeFactory().textNode(body);
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    if (reply.body() == null) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    byte[] bytes = reply.body().isTextual()
        ? reply.body().asText().getBytes(StandardCharsets.UTF_8)
        : Reply.JSON.writeValueAsBytes(reply.body());
    exchange.getResponseHeaders().add("Content-Type",
        reply.body().isTextual() ? "text/plain;charset=UTF-8" : "application/json;charset=UTF-8");
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return out;
  }

  private static String g(Matcher m, int group) {
    return decode(m.group(group));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static int intParam(Map<String, String> query, String name, int fallback) {
    try {
      return query.containsKey(name) ? Integer.parseInt(query.get(name)) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    dispatcher.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "JiraStandIn[" + siteUri() + ", project " + config.project + "]";
  }

  /** Shapes a stand-in site before it starts. */
  public static final class Builder {
    private String project = "OPS";
    private String email = "coexist-bot@example.com";
    private String apiToken = "standin-api-token";
    private String accessToken = "standin-access-token";
    private String clientId = "standin-client";
    private String clientSecret = "standin-client-secret";
    private String cloudId = "0e3f4d8a-7b2c-4e1f-9a6d-5c8b7e2f1a30";
    private String accountId = "5b10ac8d82e05b22cc7d4ef5";
    private final Map<String, String> fieldIds = new HashMap<>();
    private final Set<String> omitted = new HashSet<>();
    private final Map<String, String> duplicates = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> optionRenames = new HashMap<>();
    private final Set<String> services = new LinkedHashSet<>(List.of("svc-checkout-0001", "svc-payments-0002"));
    private List<String> approvers;
    private int approvalsNeeded = 1;
    private int searchPage = 50;
    private int metaPage = 50;
    private int searchLag;
    private final Set<String> indexed = new HashSet<>();
    private final Set<String> required = new HashSet<>();
    private final Set<String> withoutRequestTypes = new HashSet<>();
    private final SiteQuirks quirks = new SiteQuirks();
    private Optional<String> webhookSecret = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The service project's key; {@code OPS} unless set. */
    public Builder project(String key) {
      this.project = key;
      return this;
    }

    /** Gives the field named {@code name} the id {@code id} (sites differ). */
    public Builder fieldId(String name, String id) {
      fieldIds.put(name, id);
      return this;
    }

    /** Leaves the field named {@code name} off the create screen. */
    public Builder withoutField(String name) {
      omitted.add(name);
      return this;
    }

    /** Adds a second field named {@code name} with id {@code id}, so the name is ambiguous. */
    public Builder duplicateField(String name, String id) {
      duplicates.put(name, id);
      return this;
    }

    /** Renames option {@code from} of field {@code field} to {@code to}. */
    public Builder renameOption(String field, String from, String to) {
      optionRenames.computeIfAbsent(field, f -> new HashMap<>()).put(from, to);
      return this;
    }

    /** The JSM service ids the site knows. */
    public Builder services(String... ids) {
      services.clear();
      services.addAll(List.of(ids));
      return this;
    }

    /** The accounts that approve changes; the API account alone unless set. */
    public Builder approvers(String... accountIds) {
      this.approvers = List.of(accountIds);
      return this;
    }

    /** How many approvals decide an approval; 1 unless set. */
    public Builder approvalsNeeded(int count) {
      this.approvalsNeeded = count;
      return this;
    }

    /** The most issues a search page holds (Jira may return fewer than asked); 50 unless set. */
    public Builder searchPageSize(int size) {
      this.searchPage = size;
      return this;
    }

    /** The most items a createmeta page holds; 50 unless set. */
    public Builder createMetaPageSize(int size) {
      this.metaPage = size;
      return this;
    }

    /** How many searches miss a new issue unless it is reconciled (eventual consistency); 0 unless set. */
    public Builder searchLag(int searches) {
      this.searchLag = searches;
      return this;
    }

    /**
     * How long a new issue stays out of {@code /search/jql} results, on the site's clock, unless
     * named in {@code reconcileIssues} (Jira's search is eventually consistent); none unless set.
     */
    public Builder searchLag(java.time.Duration lag) {
      quirks.searchLag = Objects.requireNonNull(lag, "lag");
      return this;
    }

    /**
     * Makes the field named {@code name} required on the create screen: createmeta says {@code
     * required: true} and a create without it answers 400 naming it, as a site's field
     * configuration does (Change reason, say).
     */
    public Builder requireField(String name) {
      required.add(name);
      return this;
    }

    /**
     * Leaves the request type named {@code name} ({@code Report an incident}, {@code Request a
     * change}, {@code Get IT help}) out of the service desk, as on a site where an admin removed or
     * renamed it: {@code GET .../requesttype} does not list it and raising a request of it is a 400.
     */
    public Builder withoutRequestType(String name) {
      withoutRequestTypes.add(name);
      return this;
    }

    /**
     * Change issues created through {@code POST /rest/api/3/issue} are no customer requests: the
     * service desk API answers 404 for them (no approvals there), and people leave Awaiting CAB
     * approval by the Approve or Decline transitions. Unless set, they are requests.
     */
    public Builder plainChanges() {
      quirks.plainChanges = true;
      return this;
    }

    /** An automation rule approves every change the moment it enters Awaiting CAB approval. */
    public Builder automationApproves() {
      quirks.automationApproves = true;
      return this;
    }

    /** An automation rule adds {@code label} to every new issue. */
    public Builder automationLabel(String label) {
      quirks.automationLabel = Optional.of(label);
      return this;
    }

    /** Indexes issue property {@code key} for JQL, as an app's entity-property module would. */
    public Builder indexProperty(String key) {
      indexed.add(key);
      return this;
    }

    /** Signs webhook deliveries with {@code secret}. */
    public Builder webhookSecret(String secret) {
      this.webhookSecret = Optional.of(secret);
      return this;
    }

    /** The clock for dates and rate-limit resets; the UTC system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Starts the stand-in on an ephemeral port of 127.0.0.1. */
    public JiraStandIn start() {
      if (approvers == null) {
        approvers = List.of(accountId);
      }
      try {
        return new JiraStandIn(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the Jira stand-in", e);
      }
    }
  }
}
