package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may read and who votes, over real HTTP: a shared write token, a shared read token, personal
 * tokens for ana, bob and the requester (codertocat), and an authenticating proxy trusted through
 * its shared secret. Changes wait for a board of two.
 */
class ServeAuthorizationTest {
  static final String SECRET = "s3cret";
  static final String WRITE = "shared-write-t0ken";
  static final String READ = "shared-read-t0ken";
  static final String PROXY_SECRET = "proxy-shared-secret-0123456789";
  static final Map<String, String> PEOPLE = Map.of("ana", "ana-t0ken", "bob", "bob-t0ken",
      "codertocat", "codertocat-t0ken");
  static final String REPO = GitHubDeliveries.REPOSITORY;
  static final String POLICY = """
      {"version": "auth-1", "autoApproveUpTo": "high",
       "authorities": [{"name": "board", "quorum": 2, "expiry": "2h"}],
       "models": [{"name": "reviewed", "type": "normal", "authority": "board"}],
       "services": [{"id": "Hello-World", "owner": "octo", "tier": 3, "zone": "UTC"}]}
      """;
  static final List<String> READS = List.of("/api/changes", "/api/changes/ch-1", "/api/audit", "/api/kpis",
      "/api/incidents", "/api/incidents/INC-1", "/api/problems", "/");

  @TempDir
  static Path dir;
  static GitHubStandIn github;
  static CoexistServer server;
  static Client client;
  static long nextRun = 7000;

  @BeforeAll
  static void start() throws Exception {
    github = GitHubStandIn.builder().token("t0ken").start();
    server = ServeEnv.inMemory().with(env(Map.of())).start();
    client = new Client(server.uri(), Map.of("Authorization", "Bearer " + READ));
  }

  static Map<String, String> env(Map<String, String> more) throws Exception {
    return ServeEnv.inMemory().github(github, "t0ken", SECRET)
        .with("COEXIST_POLICY_FILE", Files.writeString(dir.resolve("policy-" + System.nanoTime()), POLICY).toString())
        .with("COEXIST_API_TOKEN", WRITE)
        .with("COEXIST_READ_TOKEN", READ)
        .with("COEXIST_API_TOKENS_FILE", TokensFile.write(dir, PEOPLE).toString())
        .with("COEXIST_TRUSTED_PROXY_HEADER", "X-Forwarded-User")
        .with("COEXIST_TRUSTED_PROXY_SECRET", PROXY_SECRET)
        .with(more).map();
  }

  @AfterAll
  static void stop() {
    server.close();
    github.close();
  }

  @Nested
  @DisplayName("reads")
  class Reads {
    @Test
    @DisplayName("with a token configured, every read without one is 401: the API, the audit trail, the KPIs and the dashboard")
    void readsNeedAToken() {
      for (String path : READS) {
        Client.Answer answer = client.get(path, Map.of());
        assertThat(answer.status()).as(path).isEqualTo(401);
        assertThat(answer.json().path("error").asText()).as(path).isEqualTo("unauthorized");
        assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).as(path).isPresent();
        assertThat(client.get(path, Map.of("Authorization", "Bearer not-a-token")).status()).as(path).isEqualTo(401);
      }
    }

    @Test
    @DisplayName("the read token, the write token and a personal token read; the read token cannot write")
    void tokensRead() {
      for (String token : List.of(READ, WRITE, PEOPLE.get("ana"))) {
        assertThat(client.get("/api/changes", Map.of("Authorization", "Bearer " + token)).status()).isEqualTo(200);
      }
      assertThat(client.get("/", Map.of("Authorization", "Bearer " + READ)).status()).isEqualTo(200);
      Client.Answer write = client.post("/alerts", "{}", TokensFile.bearer(READ));
      assertThat(write.status()).isEqualTo(403);
      assertThat(write.json().path("message").asText()).contains("COEXIST_READ_TOKEN", "write role");
    }

    @Test
    @DisplayName("the health checks stay open and name neither tokens nor people")
    void healthOpen() {
      for (String path : List.of("/health", "/health/live", "/health/ready")) {
        Client.Answer answer = client.get(path, Map.of());
        assertThat(answer.status()).as(path).isIn(200, 503);
        assertThat(answer.body()).as(path).doesNotContain(WRITE, READ, PROXY_SECRET, "ana", "bob", "codertocat",
            TokensFile.sha256(WRITE));
      }
    }

    @Test
    @DisplayName("with COEXIST_PUBLIC_READ=true reads need no token, writes still do")
    void publicRead() throws Exception {
      try (CoexistServer open = CoexistServer.start(env(Map.of("COEXIST_PUBLIC_READ", "true")))
          .getOrElseThrow(e -> new AssertionError(e.message()))) {
        Client anyone = new Client(open.uri());
        for (String path : List.of("/api/changes", "/api/audit", "/api/kpis", "/")) {
          assertThat(anyone.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(anyone.post("/alerts", "{}", Map.of("Content-Type", "application/json")).status()).isEqualTo(401);
      }
    }
  }

  @Nested
  @DisplayName("votes")
  class Votes {
    @Test
    @DisplayName("a vote under another person's name is refused, and nothing is counted")
    void anotherPersonsName() {
      String id = pendingChange();
      Client.Answer answer = vote(id, "{\"verdict\": \"approve\", \"approver\": \"bob\"}", "ana");

      refusedUncounted(id, answer, 400, "'bob' is not you (ana", "leave approver out");
    }

    @Test
    @DisplayName("the approver field may name the caller in another spelling; the vote is recorded as the caller")
    void ownNameInAnotherSpelling() {
      String id = pendingChange();
      Client.Answer answer = vote(id, "{\"verdict\": \"approve\", \"approver\": \"person:ANA\"}", "ana");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(votes(id)).extracting(v -> v.path("approver").asText()).containsExactly("ana");
    }

    @Test
    @DisplayName("one token holder cannot meet a quorum of two alone; a second person does")
    void quorumOfTwo() {
      String id = pendingChange();
      assertThat(vote(id, "{\"verdict\": \"approve\"}", "ana").json().path("outcome").asText()).isEqualTo("pending");
      Client.Answer again = vote(id, "{\"verdict\": \"approve\", \"approver\": \"ANA\"}", "ana");
      assertThat(again.json().path("outcome").asText()).isEqualTo("pending");
      assertThat(vote(id, "{\"verdict\": \"approve\", \"approver\": \"bob\"}", "ana").status()).isEqualTo(400);
      assertThat(votes(id)).hasSize(1);
      assertThat(change(id).path("decision").path("outcome").asText()).isEqualTo("pending");

      Client.Answer second = vote(id, "{\"verdict\": \"approve\"}", "bob");
      assertThat(second.json().path("outcome").asText()).isEqualTo("approved");
      assertThat(votes(id)).extracting(v -> v.path("approver").asText()).containsExactlyInAnyOrder("ana", "bob");
    }

    @Test
    @DisplayName("the shared write token names nobody: its vote is 403, saying how to give approvers their own")
    void sharedTokenCannotVote() {
      String id = pendingChange();
      Client.Answer answer = client.post("/api/changes/" + id + "/decisions",
          "{\"verdict\": \"approve\", \"approver\": \"ana\"}", TokensFile.bearer(WRITE));

      refusedUncounted(id, answer, 403, "COEXIST_API_TOKEN names nobody", "COEXIST_API_TOKENS_FILE",
          "COEXIST_TRUSTED_PROXY_HEADER");
    }

    @Test
    @DisplayName("the requester's own vote is refused, by token and through the proxy in another spelling")
    void requesterCannotApprove() {
      String id = pendingChange();
      Client.Answer byToken = vote(id, "{\"verdict\": \"approve\"}", "codertocat");
      Client.Answer byProxy = client.post("/api/changes/" + id + "/decisions", "{\"verdict\": \"approve\"}",
          Map.of("X-Forwarded-User", "CODERTOCAT", "X-Coexist-Proxy-Secret", PROXY_SECRET,
              "Content-Type", "application/json"));

      refusedUncounted(id, byToken, 403, "cannot approve");
      refusedUncounted(id, byProxy, 403, "cannot approve");
    }
  }

  @Nested
  @DisplayName("the trusted proxy")
  class Proxy {
    @Test
    @DisplayName("its identity header is ignored without its secret: a read is 401, a vote is 401")
    void headerWithoutSecret() {
      String id = pendingChange();
      Map<String, String> forged = Map.of("X-Forwarded-User", "bob", "Content-Type", "application/json");
      assertThat(client.get("/api/changes", forged).status()).isEqualTo(401);
      assertThat(client.post("/api/changes/" + id + "/decisions", "{\"verdict\": \"approve\"}", forged).status())
          .isEqualTo(401);
      Map<String, String> wrongSecret = Map.of("X-Forwarded-User", "bob", "X-Coexist-Proxy-Secret", "guess",
          "Content-Type", "application/json");
      assertThat(client.post("/api/changes/" + id + "/decisions", "{\"verdict\": \"approve\"}", wrongSecret).status())
          .isEqualTo(401);
      // with ana's token the forged header changes nothing: the vote is ana's
      Map<String, String> anaAndForged = new HashMap<>(TokensFile.bearer(PEOPLE.get("ana")));
      anaAndForged.put("X-Forwarded-User", "bob");
      assertThat(client.post("/api/changes/" + id + "/decisions", "{\"verdict\": \"approve\"}", anaAndForged).status())
          .isEqualTo(200);
      assertThat(votes(id)).extracting(v -> v.path("approver").asText()).containsExactly("ana");
    }

    @Test
    @DisplayName("with its secret, the person it names reads and votes as themselves")
    void headerWithSecret() {
      String id = pendingChange();
      Map<String, String> signedIn = Map.of("X-Forwarded-User", "dora", "X-Coexist-Proxy-Secret", PROXY_SECRET,
          "Content-Type", "application/json");
      assertThat(client.get("/api/changes", signedIn).status()).isEqualTo(200);
      Client.Answer answer = client.post("/api/changes/" + id + "/decisions", "{\"verdict\": \"approve\"}", signedIn);

      assertThat(answer.status()).isEqualTo(200);
      assertThat(votes(id)).extracting(v -> v.path("approver").asText()).containsExactly("dora");
    }
  }

  @Nested
  @DisplayName("incident response: major incidents and postmortems")
  class IncidentResponse {
    @Test
    @DisplayName("a person declares an incident major with a reason, recorded as them; a shared or read token cannot")
    void declaredByAPerson() {
      String alert = "{\"source\": \"prometheus\", \"dedupKey\": \"search-latency\", \"service\": \"search\","
          + " \"summary\": \"p99 above 2 s\", \"severity\": \"warning\", \"status\": \"firing\"}";
      Client.Answer opened = client.post("/alerts", alert, TokensFile.bearer(WRITE));
      assertThat(opened.status()).isEqualTo(201);
      String id = opened.json().path("incident").path("id").asText();
      String path = "/api/incidents/" + id + "/major";
      String reason = "{\"reason\": \"search returns nothing for every customer\"}";

      Client.Answer shared = client.post(path, reason, TokensFile.bearer(WRITE));
      assertThat(shared.status()).isEqualTo(403);
      assertThat(shared.json().path("message").asText()).contains("names nobody");
      assertThat(client.post(path, reason, TokensFile.bearer(READ)).status()).isEqualTo(403);
      assertThat(client.post(path, "{\"reason\": \"  \"}", TokensFile.bearer(PEOPLE.get("ana"))).status())
          .isEqualTo(400);
      assertThat(client.post(path, "{}", TokensFile.bearer(PEOPLE.get("ana"))).status()).isEqualTo(400);
      assertThat(client.get("/api/incidents/" + id).json().path("major").asBoolean()).isFalse();

      Client.Answer declared = client.post(path, reason, TokensFile.bearer(PEOPLE.get("ana")));
      assertThat(declared.status()).isEqualTo(200);
      assertThat(declared.json().path("major").asBoolean()).isTrue();
      assertThat(client.get("/api/incidents/" + id).json().path("major").asBoolean()).isTrue();
      List<JsonNode> audited = StreamSupport.stream(client.get("/api/audit?limit=1000").json().path("entries")
          .spliterator(), false).filter(e -> e.path("action").asText().equals("incident.marked-major")
              && e.path("subject").asText().equals(id)).toList();
      assertThat(audited).singleElement().satisfies(e -> {
        assertThat(e.path("actor").asText()).isEqualTo("ana");
        assertThat(e.path("inputs").path("reason").asText()).isEqualTo("search returns nothing for every customer");
      });
      assertThat(client.post("/api/incidents/INC-404404/major", reason, TokensFile.bearer(PEOPLE.get("ana"))).status())
          .isEqualTo(404);
    }

    @Test
    @DisplayName("a person publishes a resolved incident's postmortem with action items, ticketed, and marks one done")
    void postmortemFollowedUp() {
      String firing = "{\"source\": \"prometheus\", \"dedupKey\": \"cart-down\", \"service\": \"cart\","
          + " \"summary\": \"cart down\", \"severity\": \"critical\", \"status\": \"%s\"}";
      Client.Answer opened = client.post("/alerts", firing.formatted("firing"), TokensFile.bearer(WRITE));
      String id = opened.json().path("incident").path("id").asText();
      String path = "/api/incidents/" + id + "/postmortem";
      String actions = "{\"actions\": [{\"title\": \"page on cart saturation\", \"kind\": \"improvement\","
          + " \"owner\": \"octo\", \"due\": \"2099-01-31T00:00:00Z\"}]}";
      assertThat(client.post(path, actions, TokensFile.bearer(PEOPLE.get("ana"))).status()).as("still open")
          .isEqualTo(409);
      assertThat(client.post("/alerts", firing.formatted("resolved"), TokensFile.bearer(WRITE)).status()).isEqualTo(200);
      assertThat(client.get(path).status()).isEqualTo(404);
      assertThat(client.post(path, actions, TokensFile.bearer(WRITE)).status()).isEqualTo(403);
      Client.Answer bad = client.post(path, "{\"actions\": [{\"title\": \"x\", \"kind\": \"wish\"}]}",
          TokensFile.bearer(PEOPLE.get("ana")));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body()).contains("kind must be problem, change or improvement", "owner", "due");

      Client.Answer published = client.post(path, actions, TokensFile.bearer(PEOPLE.get("ana")));
      assertThat(published.status()).isEqualTo(201);
      assertThat(published.json().path("publishedBy").asText()).isEqualTo("ana");
      JsonNode action = published.json().path("actions").get(0);
      assertThat(action.path("status").asText()).isEqualTo("open");
      assertThat(action.path("ticket").asText()).isNotBlank();
      assertThat(client.get(path).json().path("markdown").asText()).contains("# Postmortem");

      Client.Answer done = client.post("/api/postmortem-actions/" + action.path("id").asText() + "/done", "{}",
          TokensFile.bearer(PEOPLE.get("bob")));
      assertThat(done.status()).isEqualTo(200);
      assertThat(done.json().path("status").asText()).isEqualTo("done");
      assertThat(client.get(path).json().path("actions").get(0).path("status").asText()).isEqualTo("done");
    }
  }

  @Nested
  @DisplayName("settings")
  class Settings {
    @Test
    @DisplayName("a token file others may read is refused at start-up, saying to chmod 600 it")
    void worldReadableFile() throws Exception {
      Path file = TokensFile.write(dir, PEOPLE);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      String problem = ServeSettings.read(env(Map.of("COEXIST_API_TOKENS_FILE", file.toString()))).getLeft().message();

      assertThat(problem).contains("COEXIST_API_TOKENS_FILE", "chmod 600");
    }

    @Test
    @DisplayName("a proxy header without a secret or an address is refused; a token pasted into the file is not quoted")
    void badSettings() throws Exception {
      Map<String, String> env = env(Map.of("COEXIST_TRUSTED_PROXY_SECRET", ""));
      assertThat(ServeSettings.read(env).getLeft().message()).contains("COEXIST_TRUSTED_PROXY_SECRET",
          "COEXIST_TRUSTED_PROXY_ADDRESSES");
      // 64 Arabic-Indic digits look like hex to Character.digit, but are no SHA-256
      Path pasted = TokensFile.write(dir, "plain-text-token-of-ana ana read,write\n"
          + "\u0661".repeat(64) + " bob read\n");
      String problem = ServeSettings.read(env(Map.of("COEXIST_API_TOKENS_FILE", pasted.toString()))).getLeft().message();
      assertThat(problem).contains("line 1", "line 2", "SHA-256").doesNotContain("plain-text-token-of-ana");
    }
  }

  static String pendingChange() {
    long run = nextRun++;
    github.openGate(REPO, run, "production");
    Client.Answer delivered = client.deliver(GitHubDeliveries.fixture("deployment_protection_rule")
        .callbackOn(github.apiUrl(), run)
        .with("/deployment/id", run) // a deployment of its own: one approved before is not asked again
        .with("/deployment/payload", Map.of("coexist", Map.of("change_model", "reviewed"))).signed(SECRET));
    assertThat(delivered.status()).isEqualTo(202);
    Client.await("the change of run " + run + " waits for the board", () -> pending().stream().anyMatch(c -> !known.contains(c)));
    String id = pending().stream().filter(c -> !known.contains(c)).findFirst().orElseThrow();
    known.add(id);
    return id;
  }

  static final java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static List<String> pending() {
    JsonNode answer = client.get("/api/changes?outcome=pending").json().path("changes");
    return StreamSupport.stream(answer.spliterator(), false).map(c -> c.path("id").asText()).toList();
  }

  static Client.Answer vote(String id, String body, String person) {
    return client.post("/api/changes/" + id + "/decisions", body, TokensFile.bearer(PEOPLE.get(person)));
  }

  /** {@code answer} is {@code status} saying {@code says}, and the change has no vote. */
  static void refusedUncounted(String id, Client.Answer answer, int status, String... says) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.json().path("message").asText()).contains(says);
    assertThat(votes(id)).isEmpty();
  }

  static JsonNode change(String id) {
    return client.get("/api/changes/" + id).json();
  }

  static List<JsonNode> votes(String id) {
    return StreamSupport.stream(change(id).path("approvals").path("votes").spliterator(), false).toList();
  }
}
