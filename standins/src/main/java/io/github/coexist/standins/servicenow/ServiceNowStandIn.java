package io.github.coexist.standins.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for a ServiceNow instance, for adapter tests and the demo: a JDK {@link
 * HttpServer} on 127.0.0.1 and an ephemeral port, holding {@code change_request}, {@code
 * incident}, {@code problem}, {@code sys_user_group}, the CMDB ({@code cmdb_ci} and its service
 * subclasses, {@code cmdb_rel_ci}, {@code cmdb_rel_type}) and standard change templates in memory.
 *
 * <p>It answers like an instance, from the documented contract: the Table API ({@code
 * /api/now/table}: encoded queries that silently drop unknown fields, {@code sysparm_fields} with
 * dot-walks, reference links unless excluded, {@code Link} and {@code X-Total-Count} paging, ACL-
 * hidden rows removed after paging so pages come back short), the Change Management API ({@code
 * /api/sn_chg_rest/change}: create normal, emergency and standard changes, {@code nextstate},
 * {@code approvals}; switch it off to look like an instance without the plugin), OAuth at {@code
 * /oauth_token.do} (form-encoded password, refresh-token and client-credentials grants, tokens
 * that expire), and ServiceNow's error body {@code {"error":{"message","detail"},"status":"failure"}}.
 *
 * <p>It enforces the baseline state models (a Table API update to an illegal state answers 200
 * and changes nothing, as real instances do), rolls approvals up (approved in Authorize moves to
 * Scheduled, rejected goes back to New), computes incident priority, and can be told to fail:
 * 401, 403, 404, 429 with {@code Retry-After}, 5xx, a malformed body, or "200 without change".
 *
 * <pre>{@code
 * try (ServiceNowStandIn instance = ServiceNowStandIn.builder().start()) {
 *   instance.addGroup("payments");
 *   instance.addService("shop", "payments", 1);
 *   ... point the adapter at instance.baseUri() with instance.user() / instance.password()
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests are served by a small pool and the data is guarded by one lock.
 */
public final class ServiceNowStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DATES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Set<String> REFERENCES = Set.of("assignment_group", "cmdb_ci", "business_service",
      "support_group", "managed_by_group", "owned_by", "managed_by", "parent", "child", "type", "caused_by",
      "problem_id", "rfc", "std_change_producer_version", "chg_model", "assigned_to", "location");

  private final HttpServer server;
  private final ExecutorService pool;
  private final Store store = new Store();
  private final Object lock = new Object();
  private final Builder settings;
  private final Map<String, Instant> accessTokens = new HashMap<>();
  private final Map<String, Instant> refreshTokens = new HashMap<>();
  private final Set<String> hidden = new HashSet<>();
  private final Set<String> forbiddenTables = new HashSet<>();
  /** Fields a data policy makes mandatory on insert, per table. */
  private final Map<String, Set<String>> mandatoryOnInsert = new HashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Deque<Fault> tokenFaults = new ArrayDeque<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> grants = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> numbers = new HashMap<>();
  private Duration skew = Duration.ZERO;
  private Optional<Duration> cabDelay = Optional.empty();
  private final Map<String, Instant> waitingSince = new HashMap<>();
  private boolean changeApi;
  private int silentUpdates;
  /** Released when the instance answers again; null while it answers. */
  private volatile CountDownLatch hanging;
  private final AtomicInteger hung = new AtomicInteger();

  private record Fault(String method, int status, int times, Optional<Integer> retryAfter, boolean malformed) {}

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs:
    // every answer would take 40 ms. Read once, when the first server of the JVM starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private ServiceNowStandIn(Builder settings) throws IOException {
    this.settings = settings;
    this.changeApi = settings.changeApi;
    declareTables();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // A thread per request, so a hanging instance takes every connection in and answers none.
    pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "servicenow-standin");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
    seedRelationTypes();
  }

  /** A builder with the defaults: user {@code coexist}, Change Management API on, 30-minute tokens. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a stand-in with the defaults. */
  public static ServiceNowStandIn start() {
    return builder().start();
  }

  private void declareTables() {
    store.declare("task", null, Set.of("sys_id", "number", "state", "short_description", "description",
        "assignment_group", "assigned_to", "cmdb_ci", "business_service", "impact", "urgency", "priority",
        "correlation_id", "correlation_display", "close_code", "close_notes", "approval", "opened_at",
        "closed_at", "sys_created_on", "sys_updated_on", "sys_class_name", "active", "work_notes"));
    store.declare("change_request", "task", Set.of("type", "risk", "start_date", "end_date", "work_start",
        "work_end", "std_change_producer_version", "chg_model", "justification", "implementation_plan",
        "backout_plan", "test_plan", "on_hold", "conflict_status", "phase", "requested_by"));
    store.declare("incident", "task", Set.of("caused_by", "rfc", "problem_id", "resolved_at",
        "incident_state", "severity", "hold_reason", "parent_incident", "major_incident_state"));
    store.declare("problem", "task", Set.of("known_error", "cause_notes", "fix_notes", "resolution_code",
        "duplicate_of", "problem_state", "workaround"));
    store.declare("sys_user_group", null, Set.of("sys_id", "name", "active", "sys_created_on", "sys_updated_on",
        "sys_class_name"));
    store.declare("cmdb_ci", null, Set.of("sys_id", "name", "sys_class_name", "operational_status",
        "owned_by", "managed_by", "support_group", "managed_by_group", "busines_criticality", "location",
        "sys_created_on", "sys_updated_on"));
    store.declare("cmn_location", null, Set.of("sys_id", "name", "time_zone", "city", "country",
        "sys_created_on", "sys_updated_on", "sys_class_name"));
    store.declare("cmdb_ci_service", "cmdb_ci", Set.of("service_classification"));
    store.declare("cmdb_ci_service_business", "cmdb_ci_service", Set.of());
    store.declare("cmdb_ci_service_auto", "cmdb_ci_service", Set.of());
    store.declare("cmdb_ci_service_technical", "cmdb_ci_service", Set.of());
    store.declare("cmdb_ci_server", "cmdb_ci", Set.of("host_name", "ip_address"));
    store.declare("cmdb_rel_type", null, Set.of("sys_id", "name", "parent_descriptor", "child_descriptor",
        "sys_created_on", "sys_updated_on", "sys_class_name"));
    store.declare("cmdb_rel_ci", null, Set.of("sys_id", "parent", "child", "type", "sys_created_on",
        "sys_updated_on", "sys_class_name"));
    store.declare("std_change_record_producer", null, Set.of("sys_id", "name", "active", "sys_created_on",
        "sys_updated_on", "sys_class_name"));
  }

  private void seedRelationTypes() {
    for (String[] type : new String[][] {{"Depends on", "Used by"}, {"Runs on", "Runs"}, {"Contains", "Contained by"}}) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("name", type[0] + "::" + type[1]);
      row.put("parent_descriptor", type[0]);
      row.put("child_descriptor", type[1]);
      insert("cmdb_rel_type", row);
    }
  }

  // ------------------------------------------------------------------ seeding and inspection

  /** The instance's base URL, such as {@code http://127.0.0.1:53411}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The Basic (and OAuth password grant) user name. */
  public String user() {
    return settings.user;
  }

  /** The Basic (and OAuth password grant) password. */
  public String password() {
    return settings.password;
  }

  /** The OAuth client id. */
  public String clientId() {
    return settings.clientId;
  }

  /** The OAuth client secret. */
  public String clientSecret() {
    return settings.clientSecret;
  }

  /** The API key accepted in {@code x-sn-apikey}. */
  public String apiKey() {
    return settings.apiKey;
  }

  /**
   * The terms of an encoded query as an instance reads them: split on {@code ^}, with a doubled
   * caret {@code ^^} read as a literal caret.
   */
  public static List<String> terms(String encodedQuery) {
    return Store.split(encodedQuery);
  }

  /** Inserts a record into {@code table} as an integration would, returning its sys_id. */
  public String insert(String table, Map<String, String> fields) {
    synchronized (lock) {
      Map<String, String> record = new LinkedHashMap<>(fields);
      String now = now();
      record.putIfAbsent("sys_id", newSysId());
      record.put("sys_created_on", now);
      record.put("sys_updated_on", now);
      Rules.onInsert(table, record).ifPresent(prefix -> record.put("number", nextNumber(prefix)));
      store.insert(table, record);
      return record.get("sys_id");
    }
  }

  /** Adds an assignment group; returns its sys_id. */
  public String addGroup(String name) {
    return insert("sys_user_group", Map.of("name", name, "active", "true"));
  }

  /**
   * Adds a service ({@code cmdb_ci_service}) supported by the group named {@code supportGroup}
   * (created when missing), with business criticality {@code criticality} (1 most critical to 4);
   * returns its sys_id.
   */
  public String addService(String name, String supportGroup, int criticality) {
    return addService("cmdb_ci_service", name, supportGroup, criticality);
  }

  /** As {@link #addService(String, String, int)}, in a service class such as {@code cmdb_ci_service_business}. */
  public String addService(String serviceClass, String name, String supportGroup, int criticality) {
    return addService(serviceClass, name, supportGroup, criticality, null);
  }

  /**
   * As {@link #addService(String, String, String, int)}, located at a {@code cmn_location} whose
   * {@code time_zone} is {@code timeZone} (an IANA id such as {@code Europe/Berlin}; null for none).
   */
  public String addService(String serviceClass, String name, String supportGroup, int criticality, String timeZone) {
    synchronized (lock) {
      Map<String, String> fields = new LinkedHashMap<>();
      if (timeZone != null) {
        String location = store.query("cmn_location", "time_zone=" + timeZone).stream()
            .map(r -> r.get("sys_id")).findFirst()
            .orElseGet(() -> insert("cmn_location", Map.of("name", "Site " + timeZone, "time_zone", timeZone)));
        fields.put("location", location);
      }
      String group = store.query("sys_user_group", "name=" + supportGroup.replace("^", "^^")).stream()
          .map(r -> r.get("sys_id")).findFirst().orElseGet(() -> addGroup(supportGroup));
      String[] labels = {"1 - most critical", "2 - somewhat critical", "3 - less critical", "4 - not critical"};
      fields.put("name", name);
      fields.put("support_group", group);
      fields.put("busines_criticality", labels[Math.max(1, Math.min(4, criticality)) - 1]);
      fields.put("operational_status", "1");
      return insert(serviceClass, fields);
    }
  }

  /** Records that service {@code parent} depends on service {@code child} ("Depends on::Used by"). */
  public String addDependency(String parent, String child) {
    return relate(parent, child, "Depends on::Used by");
  }

  /** Relates two CIs by name with a relation type such as {@code Runs on::Runs}. */
  public String relate(String parent, String child, String relationType) {
    synchronized (lock) {
      return insert("cmdb_rel_ci", Map.of("parent", ciSysId(parent), "child", ciSysId(child),
          "type", store.query("cmdb_rel_type", "name=" + relationType).get(0).get("sys_id")));
    }
  }

  private String ciSysId(String name) {
    List<Map<String, String>> rows = store.query("cmdb_ci", "name=" + name.replace("^", "^^"));
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no CI named " + name);
    }
    return rows.get(0).get("sys_id");
  }

  /** Adds an active standard change template; returns its sys_id. */
  public String addStandardTemplate(String name) {
    return insert("std_change_record_producer", Map.of("name", name, "active", "true"));
  }

  /** The record {@code sysId} of {@code table}, as stored (raw values). */
  public Optional<Map<String, String>> record(String table, String sysId) {
    synchronized (lock) {
      return store.get(table, sysId).map(LinkedHashMap::new);
    }
  }

  /** Every record of {@code table} (and the tables extending it), as stored. */
  public List<Map<String, String>> records(String table) {
    synchronized (lock) {
      return store.rows(table).stream().map(r -> (Map<String, String>) new LinkedHashMap<>(r)).toList();
    }
  }

  /** The records of {@code table} whose {@code field} is exactly {@code value}. */
  public List<Map<String, String>> records(String table, String field, String value) {
    return records(table).stream().filter(r -> value.equals(r.get(field))).toList();
  }

  /** A change approved by its approvers, as the CAB would do it in the instance. */
  public void approve(String changeSysId) {
    decide(changeSysId, "approved");
  }

  /**
   * Approves every change waiting for approval, as a CAB meeting would; returns how many. The
   * demo calls it to let "ServiceNow" decide.
   */
  public int approvePending() {
    synchronized (lock) {
      List<Map<String, String>> waiting = store.query("change_request", "approval=requested");
      waiting.forEach(change -> decide(change.get("sys_id"), "approved"));
      return waiting.size();
    }
  }

  /**
   * Lets a simulated CAB approve every change that has waited in Authorize for {@code delay} (by
   * the instance's clock), checked whenever a request arrives: "ServiceNow approves later" for the
   * demo, without a scheduler.
   */
  public void autoApproveAfter(Duration delay) {
    synchronized (lock) {
      cabDelay = Optional.of(Objects.requireNonNull(delay, "delay"));
    }
  }

  private void cabMeeting() {
    if (cabDelay.isEmpty()) {
      return;
    }
    Instant now = instant();
    for (Map<String, String> change : store.query("change_request", "approval=requested")) {
      Instant since = waitingSince.computeIfAbsent(change.get("sys_id"), id -> now);
      if (!now.isBefore(since.plus(cabDelay.get()))) {
        decide(change.get("sys_id"), "approved");
        waitingSince.remove(change.get("sys_id"));
      }
    }
  }

  /** A change rejected by its approvers. */
  public void reject(String changeSysId) {
    decide(changeSysId, "rejected");
  }

  private void decide(String sysId, String approval) {
    synchronized (lock) {
      Map<String, String> change = store.get("change_request", sysId)
          .orElseThrow(() -> new IllegalArgumentException("no change " + sysId));
      change.put("approval", approval);
      Rules.rollUpApproval(change);
      change.put("sys_updated_on", now());
    }
  }

  /** Hides a row from the integration user as an ACL would: counted, but dropped from pages. */
  public void hide(String sysId) {
    synchronized (lock) {
      hidden.add(sysId);
    }
  }

  /**
   * Makes {@code field} mandatory on insert into {@code table}, as a data policy does: a record
   * created without it (Table API or Change Management API) is refused with 403 and ServiceNow's
   * "Data Policy Exception" naming the field.
   */
  public void requireOnInsert(String table, String field) {
    synchronized (lock) {
      mandatoryOnInsert.computeIfAbsent(table, t -> new HashSet<>()).add(field);
    }
  }

  /** Makes every request on {@code table} answer 403, as a missing table ACL role does. */
  public void forbid(String table) {
    synchronized (lock) {
      forbiddenTables.add(table);
    }
  }

  /**
   * The requests served so far, as {@code METHOD /path?query} (query decoded), followed by the
   * body for PATCH and PUT.
   */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The OAuth grant types asked for so far, in order. */
  public List<String> tokenGrants() {
    return List.copyOf(grants);
  }

  // ------------------------------------------------------------------ faults and switches

  /**
   * From now on the instance takes every connection and request in and never answers, as an
   * overloaded instance behind a load balancer does, until {@link #answerAgain}: the requests held
   * meanwhile are then dropped unanswered (their clients gave up long ago), never applied.
   */
  public void hang() {
    synchronized (lock) {
      if (hanging == null) {
        hanging = new CountDownLatch(1);
      }
    }
  }

  /** Ends {@link #hang}: requests are answered again; those held are dropped unanswered. */
  public void answerAgain() {
    CountDownLatch held;
    synchronized (lock) {
      held = hanging;
      hanging = null;
    }
    if (held != null) {
      held.countDown();
    }
  }

  /** How many requests arrived while the instance hung. */
  public int hungRequests() {
    return hung.get();
  }

  /** The next {@code times} API requests answer {@code status} with ServiceNow's error body. */
  public void failNext(int status, int times) {
    synchronized (lock) {
      faults.add(new Fault(null, status, times, Optional.empty(), false));
    }
  }

  /** The next {@code times} API requests with {@code method} (GET, POST, PATCH...) answer {@code status}. */
  public void failNext(String method, int status, int times) {
    synchronized (lock) {
      faults.add(new Fault(method.toUpperCase(Locale.ROOT), status, times, Optional.empty(), false));
    }
  }

  /** The next {@code times} API requests answer 429 with {@code Retry-After: retryAfterSeconds}. */
  public void rateLimitNext(int times, int retryAfterSeconds) {
    synchronized (lock) {
      faults.add(new Fault(null, 429, times, Optional.of(retryAfterSeconds), false));
    }
  }

  /** The next {@code times} API requests answer 200 with a body that is not JSON. */
  public void malformedNext(int times) {
    synchronized (lock) {
      faults.add(new Fault(null, 200, times, Optional.empty(), true));
    }
  }

  /** The next {@code times} token requests answer {@code status}. */
  public void failNextTokenRequests(int status, int times) {
    synchronized (lock) {
      tokenFaults.add(new Fault(null, status, times, Optional.empty(), false));
    }
  }

  /** The next {@code times} record updates answer 200 with the record unchanged. */
  public void ignoreNextUpdates(int times) {
    synchronized (lock) {
      silentUpdates += times;
    }
  }

  /** Expires every access token issued so far (refresh tokens stay valid). */
  public void expireTokens() {
    synchronized (lock) {
      accessTokens.replaceAll((token, expiry) -> Instant.MIN);
    }
  }

  /** Moves the instance's clock forward, expiring tokens as real time would. */
  public void advanceTime(Duration duration) {
    synchronized (lock) {
      skew = skew.plus(duration);
    }
  }

  /** Turns the Change Management API on or off (off: the instance lacks the plugin). */
  public void changeApi(boolean present) {
    synchronized (lock) {
      changeApi = present;
    }
  }

  /** Sets {@code glide.invalid_query.returns_no_rows}: unknown query fields match nothing instead of being dropped. */
  public void invalidQueryReturnsNoRows(boolean value) {
    synchronized (lock) {
      store.invalidQueryReturnsNoRows = value;
    }
  }

  @Override
  public void close() {
    answerAgain();
    server.stop(0);
    pool.shutdownNow();
  }

  @Override
  public String toString() {
    return "ServiceNowStandIn[" + baseUri() + "]";
  }

  // ------------------------------------------------------------------ HTTP

  private void handle(HttpExchange exchange) throws IOException {
    CountDownLatch held = hanging;
    if (held != null) {
      hung.incrementAndGet();
      try {
        held.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close(); // dropped without an answer
      return;
    }
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      byte[] body = exchange.getRequestBody().readAllBytes();
      // Bodies of updates are logged so tests can see each state step; token requests never are.
      boolean update = method.equals("PATCH") || method.equals("PUT");
      requests.add(method + " " + path + (params.isEmpty() ? "" : "?" + describe(params))
          + (update ? " " + new String(body, StandardCharsets.UTF_8) : ""));
      Reply reply;
      synchronized (lock) {
        reply = route(exchange, method, path, params, body);
      }
      reply.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", reply.contentType);
      exchange.sendResponseHeaders(reply.status, reply.status == 204 ? -1 : bytes.length);
      if (reply.status != 204) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (RuntimeException e) {
      // A stand-in bug must show up as a 500 the test sees, not as a hung connection.
      byte[] bytes = error("Internal stand-in error", String.valueOf(e)).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(500, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private record Reply(int status, String body, Map<String, String> headers, String contentType) {
    static Reply json(int status, String body) {
      return new Reply(status, body, Map.of(), "application/json;charset=UTF-8");
    }

    static Reply json(int status, JsonNode body) {
      return json(status, body.toString());
    }
  }

  private Reply route(HttpExchange exchange, String method, String path, Map<String, String> params, byte[] body) {
    if (path.equals("/oauth_token.do")) {
      return token(exchange, method, body);
    }
    if (!path.startsWith("/api/")) {
      return new Reply(404, "<html><body>Not found</body></html>", Map.of(), "text/html");
    }
    cabMeeting();
    Optional<Reply> fault = fault(faults, method);
    if (fault.isPresent()) {
      return fault.get();
    }
    if (!authenticated(exchange)) {
      return Reply.json(401, error("User Not Authenticated", "Required to provide Auth information"));
    }
    if (path.startsWith("/api/now/table/")) {
      return table(method, path.substring("/api/now/table/".length()), params, body);
    }
    if (path.startsWith("/api/sn_chg_rest/change") && changeApi) {
      return changeApi(method, path.substring("/api/sn_chg_rest/change".length()), params, body);
    }
    return Reply.json(400, error("Requested URI does not represent any resource", path));
  }

  private Optional<Reply> fault(Deque<Fault> queue, String method) {
    Fault next = queue.peek();
    if (next == null || (next.method() != null && !next.method().equals(method))) {
      return Optional.empty();
    }
    queue.poll();
    if (next.times() > 1) {
      queue.push(new Fault(next.method(), next.status(), next.times() - 1, next.retryAfter(), next.malformed()));
    }
    if (next.malformed()) {
      return Optional.of(Reply.json(200, "{\"result\": [{\"sys_id\": \"trunc"));
    }
    return Optional.of(switch (next.status()) {
      case 401 -> Reply.json(401, error("User Not Authenticated", "Required to provide Auth information"));
      case 403 -> Reply.json(403, error("User Not Authorized", "Failed API level ACL Validation"));
      case 404 -> Reply.json(404, error("No Record found", "Record doesn't exist or ACL restricts the record retrieval"));
      case 429 -> new Reply(429, error("Too Many Requests", "Rate limit exceeded for this user"),
          Map.of("Retry-After", Integer.toString(next.retryAfter().orElse(1)),
              "X-RateLimit-Limit", "500",
              "X-RateLimit-Reset", Long.toString(instant().plusSeconds(next.retryAfter().orElse(1)).getEpochSecond())),
          "application/json;charset=UTF-8");
      case 503 -> new Reply(503, "<html><body><h1>Instance is waking up</h1></body></html>", Map.of(), "text/html");
      default -> Reply.json(next.status(), error("Operation Failed", "Transaction cancelled: maximum execution time exceeded"));
    });
  }

  private boolean authenticated(HttpExchange exchange) {
    String apiKey = exchange.getRequestHeaders().getFirst("x-sn-apikey");
    if (apiKey != null && apiKey.equals(settings.apiKey)) {
      return true;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      return false;
    }
    if (auth.startsWith("Basic ")) {
      String expected = Base64.getEncoder().encodeToString(
          (settings.user + ":" + settings.password).getBytes(StandardCharsets.UTF_8));
      return auth.substring(6).equals(expected);
    }
    if (auth.startsWith("Bearer ")) {
      Instant expiry = accessTokens.get(auth.substring(7));
      return expiry != null && instant().isBefore(expiry);
    }
    return false;
  }

  // ------------------------------------------------------------------ OAuth

  private Reply token(HttpExchange exchange, String method, byte[] body) {
    Optional<Reply> fault = fault(tokenFaults, method);
    if (fault.isPresent()) {
      return fault.get();
    }
    String type = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), "");
    if (!method.equals("POST") || !type.startsWith("application/x-www-form-urlencoded")) {
      return Reply.json(400, "{\"error_description\":\"form-encoded POST required\",\"error\":\"invalid_request\"}");
    }
    Map<String, String> form = params(new String(body, StandardCharsets.UTF_8));
    String grant = form.getOrDefault("grant_type", "");
    grants.add(grant);
    String denied = "{\"error_description\":\"access_denied\",\"error\":\"server_error\"}";
    if (!settings.clientId.equals(form.get("client_id")) || !settings.clientSecret.equals(form.get("client_secret"))) {
      return Reply.json(401, denied);
    }
    boolean withRefresh;
    switch (grant) {
      case "password" -> {
        if (!settings.user.equals(form.get("username")) || !settings.password.equals(form.get("password"))) {
          return Reply.json(401, denied);
        }
        withRefresh = true;
      }
      case "refresh_token" -> {
        Instant expiry = refreshTokens.get(form.getOrDefault("refresh_token", ""));
        if (expiry == null || !instant().isBefore(expiry)) {
          return Reply.json(401, denied);
        }
        withRefresh = false;
      }
      case "client_credentials" -> withRefresh = false;
      default -> {
        return Reply.json(400, "{\"error_description\":\"unsupported grant\",\"error\":\"unsupported_grant_type\"}");
      }
    }
    String access = randomToken();
    accessTokens.put(access, instant().plus(settings.tokenLifetime));
    ObjectNode answer = JSON.createObjectNode()
        .put("access_token", access)
        .put("scope", "useraccount")
        .put("token_type", "Bearer")
        .put("expires_in", settings.tokenLifetime.toSeconds());
    if (withRefresh) {
      String refresh = randomToken();
      refreshTokens.put(refresh, instant().plus(Duration.ofDays(100)));
      answer.put("refresh_token", refresh);
    } else if (grant.equals("refresh_token")) {
      answer.put("refresh_token", form.get("refresh_token"));
    }
    return Reply.json(200, answer);
  }

  // ------------------------------------------------------------------ Table API

  private Reply table(String method, String rest, Map<String, String> params, byte[] body) {
    String[] parts = rest.split("/", -1);
    String table = parts[0];
    if (!store.hasTable(table)) {
      return Reply.json(400, error("Invalid table " + table, null));
    }
    if (forbiddenTables.contains(table)) {
      return Reply.json(403, error("User Not Authorized", "Failed API level ACL Validation"));
    }
    Optional<String> sysId = parts.length > 1 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
    switch (method) {
      case "GET" -> {
        if (sysId.isPresent()) {
          return store.get(table, sysId.get()).filter(r -> !hidden.contains(r.get("sys_id")))
              .map(r -> Reply.json(200, single(project(table, r, params))))
              .orElseGet(this::notFound);
        }
        return list(table, params);
      }
      case "POST" -> {
        if (sysId.isPresent()) {
          return Reply.json(405, error("Method not Supported", "POST to a record"));
        }
        Parsed fields = fields(body);
        if (fields.reply != null) {
          return fields.reply;
        }
        Map<String, String> insert = new LinkedHashMap<>(fields.value);
        insert.keySet().removeIf(k -> k.startsWith("sys_") || k.equals("number"));
        Optional<Reply> refused = dataPolicy(table, insert);
        if (refused.isPresent()) {
          return refused.get();
        }
        String id = insert(table, insert);
        return Reply.json(201, single(project(table, store.get(table, id).orElseThrow(), params)));
      }
      case "PATCH", "PUT" -> {
        if (sysId.isEmpty()) {
          return Reply.json(405, error("Method not Supported", method + " needs a sys_id"));
        }
        Optional<Map<String, String>> record = store.get(table, sysId.get()).filter(r -> !hidden.contains(r.get("sys_id")));
        if (record.isEmpty()) {
          return notFound();
        }
        Parsed fields = fields(body);
        if (fields.reply != null) {
          return fields.reply;
        }
        if (silentUpdates > 0) {
          silentUpdates--;
          return Reply.json(200, single(project(table, record.get(), params)));
        }
        Rules.Outcome outcome = Rules.update(table, record.get(), fields.value, now());
        if (outcome == Rules.Outcome.DATA_POLICY) {
          return Reply.json(403, error("Operation Failed", "Data Policy Exception: mandatory fields are not filled in"));
        }
        // A refused state move answers 200 and changes nothing, as a real instance's state model does.
        return Reply.json(200, single(project(table, record.get(), params)));
      }
      case "DELETE" -> {
        if (sysId.isEmpty() || store.get(table, sysId.get()).isEmpty()) {
          return notFound();
        }
        store.delete(sysId.get());
        return new Reply(204, "", Map.of(), "application/json");
      }
      default -> {
        return Reply.json(405, error("Method not Supported", method));
      }
    }
  }

  private Reply list(String table, Map<String, String> params) {
    int offset;
    int limit;
    try {
      offset = Integer.parseInt(params.getOrDefault("sysparm_offset", "0"));
      limit = Integer.parseInt(params.getOrDefault("sysparm_limit", "10000"));
    } catch (NumberFormatException e) {
      return Reply.json(400, error("Invalid parameter", e.getMessage()));
    }
    if (offset < 0) {
      return Reply.json(400, error("offset is " + offset, "Negative offset is not supported"));
    }
    if (limit <= 0) {
      limit = 10000;
    }
    List<Map<String, String>> matched = store.query(table, params.get("sysparm_query"));
    int total = matched.size();
    ArrayNode result = JSON.createArrayNode();
    for (Map<String, String> row : matched.subList(Math.min(offset, total), Math.min(total, offset + limit))) {
      if (!hidden.contains(row.get("sys_id"))) {
        result.add(project(table, row, params));
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Total-Count", Integer.toString(total));
    if (total > limit && !"true".equals(params.get("sysparm_suppress_pagination_header"))) {
      headers.put("Link", links(table, params, offset, limit, total));
    }
    return new Reply(200, JSON.createObjectNode().set("result", result).toString(), headers,
        "application/json;charset=UTF-8");
  }

  private String links(String table, Map<String, String> params, int offset, int limit, int total) {
    List<String> links = new ArrayList<>();
    int last = ((total - 1) / limit) * limit;
    links.add(link(table, params, 0, "first"));
    if (offset > 0) {
      links.add(link(table, params, Math.max(0, offset - limit), "prev"));
    }
    if (offset + limit < total) {
      links.add(link(table, params, offset + limit, "next"));
    }
    links.add(link(table, params, last, "last"));
    return String.join(",", links);
  }

  private String link(String table, Map<String, String> params, int offset, String rel) {
    Map<String, String> copy = new LinkedHashMap<>(params);
    copy.put("sysparm_offset", Integer.toString(offset));
    StringBuilder query = new StringBuilder();
    copy.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
    return "<" + baseUri() + "/api/now/table/" + table + "?" + query + ">;rel=\"" + rel + "\"";
  }

  private ObjectNode project(String table, Map<String, String> record, Map<String, String> params) {
    String fields = params.getOrDefault("sysparm_fields", "");
    List<String> names = fields.isBlank() ? new ArrayList<>(record.keySet()) : List.of(fields.split(","));
    String display = params.getOrDefault("sysparm_display_value", "false");
    boolean links = !"true".equals(params.get("sysparm_exclude_reference_link"));
    ObjectNode out = JSON.createObjectNode();
    for (String raw : names) {
      String field = raw.strip();
      if (field.isEmpty()) {
        continue;
      }
      String value = store.value(record, field);
      String label = Rules.label(table, field, value);
      if (display.equals("all")) {
        out.set(field, JSON.createObjectNode().put("display_value", label).put("value", value));
      } else if (display.equals("true")) {
        out.put(field, label);
      } else if (links && REFERENCES.contains(field) && store.tableOf(value).isPresent()) {
        out.set(field, JSON.createObjectNode()
            .put("link", baseUri() + "/api/now/table/" + store.tableOf(value).get() + "/" + value)
            .put("value", value));
      } else {
        out.put(field, value);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ Change Management API

  private Reply changeApi(String method, String rest, Map<String, String> params, byte[] body) {
    if (forbiddenTables.contains("change_request")) {
      return Reply.json(403, error("User Not Authorized", "Failed API level ACL Validation"));
    }
    String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
    if (parts.length == 0 && method.equals("GET")) {
      List<Map<String, String>> rows = store.query("change_request", params.get("sysparm_query"));
      int limit = Integer.parseInt(params.getOrDefault("sysparm_limit", "10000"));
      ArrayNode result = JSON.createArrayNode();
      rows.stream().filter(r -> !hidden.contains(r.get("sys_id"))).limit(limit)
          .forEach(r -> result.add(typed(r)));
      return Reply.json(200, JSON.createObjectNode().set("result", result));
    }
    if (parts.length >= 1 && method.equals("POST") && List.of("normal", "emergency", "standard").contains(parts[0])) {
      return createChange(parts, body);
    }
    if (parts.length == 2 && parts[0].equals("standard") && parts[1].equals("template") && method.equals("GET")) {
      ArrayNode result = JSON.createArrayNode();
      store.query("std_change_record_producer", params.get("sysparm_query")).forEach(r -> result.add(typed(r)));
      return Reply.json(200, JSON.createObjectNode().set("result", result));
    }
    if (parts.length == 0) {
      return Reply.json(405, error("Method not Supported", method));
    }
    Optional<Map<String, String>> change = store.get("change_request", parts[0]);
    if (change.isEmpty() || hidden.contains(parts[0])) {
      return notFound();
    }
    Map<String, String> record = change.get();
    String sub = parts.length > 1 ? parts[1] : "";
    switch (sub) {
      case "" -> {
        if (method.equals("GET")) {
          return Reply.json(200, single(typed(record)));
        }
        if (method.equals("PATCH")) {
          Parsed fields = fields(body);
          if (fields.reply != null) {
            return fields.reply;
          }
          if (silentUpdates > 0) {
            silentUpdates--;
            return Reply.json(200, single(typed(record)));
          }
          String state = fields.value.get("state");
          if (state != null && !state.equals(record.get("state"))) {
            Map<String, String> preview = new LinkedHashMap<>(record);
            fields.value.forEach((k, v) -> {
              if (!k.equals("state")) {
                preview.put(k, v);
              }
            });
            if (!Rules.nextChangeStates(preview).contains(state)) {
              return Reply.json(400, error("Change cannot be moved to state: " + state,
                  "The state model does not allow " + Rules.label("change_request", "state", record.get("state"))
                      + " to " + Rules.label("change_request", "state", state)));
            }
          }
          Rules.Outcome outcome = Rules.update("change_request", record, fields.value, now());
          if (outcome == Rules.Outcome.DATA_POLICY) {
            return Reply.json(403, error("Operation Failed", "Data Policy Exception: mandatory fields are not filled in"));
          }
          return Reply.json(200, single(typed(record)));
        }
        return Reply.json(405, error("Method not Supported", method));
      }
      case "nextstate" -> {
        ObjectNode result = JSON.createObjectNode();
        ArrayNode available = result.putArray("available_states");
        ArrayNode transitions = result.putArray("state_transitions");
        ObjectNode labels = result.putObject("state_label");
        for (String next : Rules.nextChangeStates(record)) {
          available.add(next);
          labels.put(next, Rules.CHANGE_LABELS.get(next));
          transitions.addObject()
              .put("from_state", record.get("state"))
              .put("to_state", next)
              .put("transition_available", true)
              .put("automatic_transition", false);
        }
        return Reply.json(200, single(result));
      }
      case "approvals" -> {
        if (!method.equals("PATCH")) {
          return Reply.json(405, error("Method not Supported", method));
        }
        Parsed fields = fields(body);
        if (fields.reply != null) {
          return fields.reply;
        }
        String state = fields.value.getOrDefault("state", "");
        if (!state.equals("approved") && !state.equals("rejected")) {
          return Reply.json(400, error("Invalid approval state: " + state, "state must be approved or rejected"));
        }
        if (!"requested".equals(record.get("approval"))) {
          return Reply.json(404, error("No pending approval", "The caller has no pending approval for this change"));
        }
        record.put("approval", state);
        Rules.rollUpApproval(record);
        record.put("sys_updated_on", now());
        return Reply.json(200, single(typed(record)));
      }
      default -> {
        return Reply.json(400, error("Requested URI does not represent any resource", rest));
      }
    }
  }

  private Reply createChange(String[] parts, byte[] body) {
    Parsed fields = fields(body);
    if (fields.reply != null) {
      return fields.reply;
    }
    Map<String, String> insert = new LinkedHashMap<>(fields.value);
    insert.keySet().removeIf(k -> k.startsWith("sys_") || k.equals("number") || k.equals("state"));
    insert.put("type", parts[0]);
    if (parts[0].equals("standard")) {
      if (parts.length < 2 || store.get("std_change_record_producer", parts[1]).isEmpty()) {
        return Reply.json(400, error("Invalid standard change template",
            "No active template with sys_id " + (parts.length < 2 ? "" : parts[1])));
      }
      insert.put("std_change_producer_version", parts[1]);
    }
    Optional<Reply> refused = dataPolicy("change_request", insert);
    if (refused.isPresent()) {
      return refused.get();
    }
    String id = insert("change_request", insert);
    return Reply.json(200, single(typed(store.get("change_request", id).orElseThrow())));
  }

  /** The refusal of a data policy when {@code insert} leaves a field mandatory on {@code table} empty. */
  private Optional<Reply> dataPolicy(String table, Map<String, String> insert) {
    List<String> missing = mandatoryOnInsert.getOrDefault(table, Set.of()).stream()
        .filter(f -> insert.getOrDefault(f, "").isBlank()).sorted().toList();
    return missing.isEmpty() ? Optional.empty() : Optional.of(Reply.json(403, error("Operation Failed",
        "Data Policy Exception: \n The following fields are mandatory: " + String.join(", ", missing))));
  }

  /** A record in the Change Management API's shape: every field as {@code {"value","display_value"}}. */
  private ObjectNode typed(Map<String, String> record) {
    ObjectNode out = JSON.createObjectNode();
    String table = store.tableOf(record.getOrDefault("sys_id", "")).orElse("change_request");
    record.forEach((field, value) -> out.set(field, JSON.createObjectNode()
        .put("value", value)
        .put("display_value", Rules.label(table, field, value))));
    return out;
  }

  // ------------------------------------------------------------------ helpers

  /** A request body read as fields, or the reply refusing it. */
  private record Parsed(Reply reply, Map<String, String> value) {}

  private static Parsed fields(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null || !json.isObject()) {
        return new Parsed(Reply.json(400, error("Exception while reading request", "The payload is not a JSON object")), null);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      json.fields().forEachRemaining(e -> fields.put(e.getKey(),
          e.getValue().isObject() ? e.getValue().path("value").asText() : e.getValue().asText()));
      return new Parsed(null, fields);
    } catch (IOException e) {
      return new Parsed(Reply.json(400, error("Exception while reading request", "Cannot decode: malformed JSON")), null);
    }
  }

  private Reply notFound() {
    return Reply.json(404, error("No Record found", "Record doesn't exist or ACL restricts the record retrieval"));
  }

  private static ObjectNode single(ObjectNode result) {
    ObjectNode out = JSON.createObjectNode();
    out.set("result", result);
    return out;
  }

  static String error(String message, String detail) {
    ObjectNode error = JSON.createObjectNode();
    error.putObject("error").put("message", message).put("detail", detail);
    error.put("status", "failure");
    return error.toString();
  }

  private Instant instant() {
    return settings.clock.instant().plus(skew);
  }

  private String now() {
    return DATES.format(LocalDateTime.ofInstant(instant(), ZoneOffset.UTC));
  }

  private String nextNumber(String prefix) {
    int next = numbers.merge(prefix, 1, Integer::sum);
    return prefix + String.format(Locale.ROOT, "%07d", 30000 + next);
  }

  private static String newSysId() {
    StringBuilder id = new StringBuilder();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 32; i++) {
      id.append(Character.forDigit(random.nextInt(16), 16));
    }
    return id.toString();
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Map<String, String> params(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  private static String describe(Map<String, String> params) {
    StringBuilder text = new StringBuilder();
    params.forEach((k, v) -> text.append(text.length() == 0 ? "" : "&").append(k).append('=').append(v));
    return text.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Settings of a stand-in. */
  public static final class Builder {
    private String user = "coexist";
    private String password = "coexist-password";
    private String clientId = "coexist-client";
    private String clientSecret = "coexist-client-secret";
    private String apiKey = "coexist-api-key";
    private Duration tokenLifetime = Duration.ofMinutes(30);
    private boolean changeApi = true;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The Basic user and password; {@code coexist} / {@code coexist-password} unless set. */
    public Builder user(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The OAuth client; {@code coexist-client} / {@code coexist-client-secret} unless set. */
    public Builder oauthClient(String id, String secret) {
      this.clientId = Objects.requireNonNull(id, "id");
      this.clientSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /** The accepted {@code x-sn-apikey}; {@code coexist-api-key} unless set. */
    public Builder apiKey(String key) {
      this.apiKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** How long an access token lives; 30 minutes (ServiceNow's default) unless set. */
    public Builder tokenLifetime(Duration lifetime) {
      this.tokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /** Whether the Change Management API is installed; true unless set. */
    public Builder changeApi(boolean present) {
      this.changeApi = present;
      return this;
    }

    /** The instance's clock (record times, token expiry); the system UTC clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Starts the stand-in on 127.0.0.1 and an ephemeral port. */
    public ServiceNowStandIn start() {
      try {
        return new ServiceNowStandIn(this);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot start the ServiceNow stand-in", e);
      }
    }
  }
}
