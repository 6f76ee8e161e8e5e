package io.github.coexist.adapters.jira;

import static io.github.coexist.adapters.jira.Changes.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision.Outcome;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.standins.jira.JiraStandIn;
import io.github.coexist.standins.jira.WebhookDelivery;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JiraWebhooksTest {
  private static final String SECRET = "It's a Secret to Everybody";

  private static Fixture fixture() {
    return Fixture.start(JiraStandIn.builder().approvers("cab-lead").webhookSecret(SECRET));
  }

  /** A change waiting for approval, and the number of deliveries sent so far. */
  private static ExternalKey awaitingApproval(Fixture f, String key) {
    Change change = Changes.normal(key);
    ExternalKey issue = f.adapter.changeRecords().ensure(change).get();
    f.adapter.changeRecords().update(issue, moved(change, ChangeState.AUTHORIZE, Outcome.PENDING)).get();
    return issue;
  }

  private static WebhookDelivery last(Fixture f) {
    List<WebhookDelivery> all = f.site.deliveries();
    return all.get(all.size() - 1);
  }

  private static Either<CoexistError, JiraEvent> handle(Fixture f, WebhookDelivery d) {
    return f.adapter.webhooks().handle(d.headers(), d.body());
  }

  @Test
  @DisplayName("an approval in Jira arrives as the change moving on with an approved verdict and its deployment key")
  void approvedInJira() {
    try (Fixture f = fixture()) {
      ExternalKey issue = awaitingApproval(f, "github:octo/shop:deployment:7");
      f.site.decideAs(issue.display(), "cab-lead", true);

      JiraEvent event = handle(f, last(f)).get();

      assertThat(event).isInstanceOfSatisfying(JiraEvent.ChangeMoved.class, moved -> {
        assertThat(moved.issue()).isEqualTo(issue);
        assertThat(moved.idempotencyKey().value()).isEqualTo("github:octo/shop:deployment:7");
        assertThat(moved.fromStatus()).isEqualTo("Awaiting CAB approval");
        assertThat(moved.toStatus()).isEqualTo("Awaiting implementation");
        assertThat(moved.state()).isEqualTo(ChangeState.SCHEDULED);
        assertThat(moved.verdict()).contains(Outcome.APPROVED);
        assertThat(moved.actor()).isEqualTo(Actor.person("cab-lead"));
      });
      assertThat(event.signal()).contains(new Signal.ApprovalGiven(issue, Actor.person("cab-lead"),
          "moved from 'Awaiting CAB approval' to 'Awaiting implementation'"));
    }
  }

  @Test
  @DisplayName("a decline arrives as a rejected verdict; a plain move carries no verdict")
  void declinedAndPlainMoves() {
    try (Fixture f = fixture()) {
      ExternalKey issue = awaitingApproval(f, "k-declined");
      JiraEvent planning = handle(f, f.site.deliveries().get(0)).get();
      f.site.decideAs(issue.display(), "cab-lead", false);

      JiraEvent declined = handle(f, last(f)).get();

      assertThat(planning).isInstanceOfSatisfying(JiraEvent.ChangeMoved.class, m -> {
        assertThat(m.state()).isEqualTo(ChangeState.ASSESS);
        assertThat(m.verdict()).isEmpty();
      });
      assertThat(declined).isInstanceOfSatisfying(JiraEvent.ChangeMoved.class, m -> {
        assertThat(m.state()).isEqualTo(ChangeState.CANCELED);
        assertThat(m.verdict()).contains(Outcome.REJECTED);
      });
      assertThat(planning.signal()).isEmpty();
      assertThat(declined.signal()).hasValueSatisfying(signal -> assertThat(signal)
          .isInstanceOfSatisfying(Signal.RejectionGiven.class, r -> assertThat(r.change()).isEqualTo(issue)));
    }
  }

  @Test
  @DisplayName("the deployment key is read from the issue property when this process did not create the issue")
  void keyFromProperty() {
    try (Fixture f = fixture(); Fixture other = f.another(Map.of(), b -> b)) {
      ExternalKey issue = awaitingApproval(f, "k-elsewhere");
      f.site.decideAs(issue.display(), "cab-lead", true);

      JiraEvent event = other.adapter.webhooks().handle(last(f).headers(), last(f).body()).get();

      assertThat(event).isInstanceOfSatisfying(JiraEvent.ChangeMoved.class,
          m -> assertThat(m.idempotencyKey().value()).isEqualTo("k-elsewhere"));
      assertThat(f.site.count("GET", "/rest/api/3/issue/" + issue.id() + "/properties/coexist.deployment")).isPositive();
    }
  }

  @Test
  @DisplayName("a redelivery with the same identifier is acknowledged as a duplicate and not processed again")
  void duplicates() {
    try (Fixture f = fixture()) {
      awaitingApproval(f, "k-dup");
      WebhookDelivery delivery = last(f);

      JiraEvent first = handle(f, delivery).get();
      JiraEvent again = handle(f, delivery.withHeader("X-Atlassian-Webhook-Retry", "1")).get();

      assertThat(first).isInstanceOf(JiraEvent.ChangeMoved.class);
      assertThat(again).isEqualTo(new JiraEvent.Duplicate(delivery.identifier()));
    }
  }

  @Test
  @DisplayName("an identifier over 128 characters is refused, not cut, and a payload giving a key twice is refused")
  void longIdentifiersAndDuplicateKeys() {
    try (Fixture f = fixture()) {
      String prefix = "i".repeat(200);
      for (String id : List.of(prefix + "-1", prefix + "-2")) {
        CoexistError refused = signed(f, Map.of("X-Atlassian-Webhook-Identifier", id),
            "{\"webhookEvent\": \"jira:issue_updated\"}").getLeft();
        assertThat(refused).isInstanceOf(CoexistError.InvalidInput.class);
        assertThat(refused.message()).contains("X-Atlassian-Webhook-Identifier is at most 128 characters")
            .doesNotContain(prefix);
      }
      CoexistError duplicate = signed(f, Map.of("X-Atlassian-Webhook-Identifier", "dup-1"),
          "{\"webhookEvent\": \"jira:issue_updated\", \"webhookEvent\": \"comment_created\"}").getLeft();
      assertThat(duplicate).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(duplicate.message()).contains("Duplicate", "webhookEvent");
    }
  }

  @Test
  @DisplayName("a missing, malformed or wrong signature, or a tampered body, is Unauthorized and not remembered")
  void signatures() {
    try (Fixture f = fixture()) {
      awaitingApproval(f, "k-sig");
      WebhookDelivery good = last(f);
      java.util.Map<String, String> unsigned = new java.util.HashMap<>(good.headers());
      unsigned.remove("X-Hub-Signature");

      assertThat(f.adapter.webhooks().handle(unsigned, good.body()).getLeft()).isInstanceOf(CoexistError.Unauthorized.class);
      assertThat(handle(f, good.withHeader("X-Hub-Signature", "sha1=abc")).getLeft())
          .isInstanceOf(CoexistError.Unauthorized.class);
      assertThat(handle(f, good.withBody("{\"webhookEvent\":\"jira:issue_updated\"}".getBytes(StandardCharsets.UTF_8)))
          .getLeft()).isInstanceOf(CoexistError.Unauthorized.class);
      assertThat(handle(f, good.withHeader("x-hub-signature", good.headers().get("X-Hub-Signature"))).get())
          .isInstanceOf(JiraEvent.ChangeMoved.class);
    }
  }

  @Test
  @DisplayName("a malformed payload is InvalidInput; events of other kinds and issues that are not changes are ignored")
  void malformedAndForeign() {
    try (Fixture f = fixture()) {
      Map<String, String> headers = Map.of("X-Atlassian-Webhook-Identifier", "d-1");

      assertThat(signed(f, headers, "{not json").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(signed(f, Map.of("X-Atlassian-Webhook-Identifier", "d-2"), "{\"issue\":{}}").getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(signed(f, Map.of("X-Atlassian-Webhook-Identifier", "d-3"),
          "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":7}}").getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(signed(f, Map.of(), "{\"webhookEvent\":\"comment_created\"}").getLeft().message())
          .contains("X-Atlassian-Webhook-Identifier");
      assertThat(signed(f, Map.of("X-Atlassian-Webhook-Identifier", "d-4"), "{\"webhookEvent\":\"comment_created\"}").get())
          .isInstanceOf(JiraEvent.Ignored.class);
      assertThat(signed(f, Map.of("X-Atlassian-Webhook-Identifier", "d-5"),
          "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"id\":\"1\",\"key\":\"OPS-1\",\"fields\":{\"labels\":[\"other\"]}}}")
          .get()).isInstanceOfSatisfying(JiraEvent.Ignored.class, i -> assertThat(i.reason()).contains("not a coexist change"));
      assertThat(signed(f, Map.of("X-Atlassian-Webhook-Identifier", "d-6"),
          "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"id\":\"1\",\"key\":\"OPS-1\",\"fields\":{\"labels\":[\"coexist\"]}},"
              + "\"changelog\":{\"items\":[{\"field\":\"summary\",\"toString\":\"x\"}]}}")
          .get()).isInstanceOfSatisfying(JiraEvent.Ignored.class, i -> assertThat(i.reason()).contains("not its status"));
      assertThat(signed(f, Map.of("X-Atlassian-Webhook-Identifier", "d-7"),
          "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"id\":\"1\",\"key\":\"OPS-1\",\"fields\":{\"labels\":[\"coexist\"]}},"
              + "\"changelog\":{\"items\":[{\"field\":\"status\",\"fromString\":\"Open\",\"toString\":\"Limbo\"}]}}")
          .getLeft().message()).contains("'Limbo'");
    }
  }

  @Test
  @DisplayName("a delivery that fails for a passing reason is forgotten, so Jira's retry is processed")
  void transientFailureIsRetried() {
    try (Fixture f = fixture(); Fixture other = f.another(Map.of("coexist.jira.max-attempts", "1"), b -> b)) {
      ExternalKey issue = awaitingApproval(f, "k-retry");
      f.site.decideAs(issue.display(), "cab-lead", true);
      WebhookDelivery delivery = last(f);
      f.site.unavailableNext(1, java.util.Optional.empty());

      CoexistError first = other.adapter.webhooks().handle(delivery.headers(), delivery.body()).getLeft();
      JiraEvent retry = other.adapter.webhooks().handle(delivery.headers(), delivery.body()).get();

      assertThat(first).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(retry).isInstanceOf(JiraEvent.ChangeMoved.class);
    }
  }

  @Test
  @DisplayName("without a webhook secret the adapter refuses to hand out webhooks")
  void needsASecret() {
    try (Fixture f = Fixture.start()) {
      assertThatThrownBy(() -> f.adapter.webhooks()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("COEXIST_JIRA_WEBHOOK_SECRETS");
    }
  }

  @Test
  @DisplayName("a delivery signed with any of several secrets verifies, so secrets can be rotated")
  void rotatedSecrets() {
    try (Fixture f = Fixture.start(JiraStandIn.builder().webhookSecret("new-secret"),
        Map.of("coexist.jira.webhook.secrets", "old-secret, new-secret"))) {
      Change change = Changes.normal("k-rotate");
      ExternalKey issue = f.adapter.changeRecords().ensure(change).get();
      f.adapter.changeRecords().update(issue, moved(change, ChangeState.ASSESS, Outcome.PENDING)).get();

      assertThat(handle(f, last(f)).get()).isInstanceOf(JiraEvent.ChangeMoved.class);
    }
  }

  private static Either<CoexistError, JiraEvent> signed(Fixture f, Map<String, String> headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> h = new java.util.HashMap<>(headers);
    h.put("X-Hub-Signature", io.github.coexist.adapters.http.WebhookSignature.sign(
        io.github.coexist.adapters.http.Secret.of(SECRET), bytes));
    return f.adapter.webhooks().handle(h, bytes);
  }

  @Test
  @DisplayName("a change moved to a canceled status without a verdict is a cancellation given in Jira")
  void cancelledInJira() {
    ExternalKey issue = new ExternalKey("jira", "10001", "CHG-1");
    JiraEvent moved = new JiraEvent.ChangeMoved("d-1", issue, io.github.coexist.core.kernel.IdempotencyKey.of("k-1"),
        "Planning", "Canceled", ChangeState.CANCELED, java.util.Optional.empty(), Actor.person("ops"));
    assertThat(moved.signal()).contains(new Signal.ChangeCancelled(issue, Actor.person("ops"),
        "moved from 'Planning' to 'Canceled'"));
    assertThat(new JiraEvent.Ignored("d-2", "not ours").signal()).isEmpty();
  }
}
