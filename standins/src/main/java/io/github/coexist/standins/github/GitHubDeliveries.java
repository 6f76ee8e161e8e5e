package io.github.coexist.standins.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed GitHub webhook deliveries for tests and demos, built from fixtures written after GitHub's
 * documented payloads (repository {@code Codertocat/Hello-World}; one flow: a push of {@link #SHA},
 * the merged pull request #2 that made it, its checks, its deployment {@value #DEPLOYMENT_ID} to
 * {@code production} in run {@value #RUN_ID}, an incident issue and a release).
 *
 * <pre>{@code
 * SignedDelivery d = GitHubDeliveries.fixture("deployment_status")
 *     .with("/deployment_status/state", "failure")
 *     .signed("my-secret");
 * webhooks.receive(d.body(), d.headers());
 * }</pre>
 */
public final class GitHubDeliveries {
  /** Every event a fixture exists for. */
  public static final List<String> EVENTS = List.of("ping", "deployment_protection_rule", "deployment",
      "deployment_status", "workflow_run", "check_suite", "check_run", "pull_request", "pull_request_review", "push",
      "issues", "release");
  /** The repository of every fixture. */
  public static final String REPOSITORY = "Codertocat/Hello-World";
  /** The sha deployed (pushed, merged, checked) in the fixtures. */
  public static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  /** The sha before the push. */
  public static final String BEFORE_SHA = "a10867b14bb761a232cd80139fbd4c0d33264240";
  /** The head sha of pull request #2. */
  public static final String PULL_HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  /** The workflow run of the protection rule fixture. */
  public static final long RUN_ID = 30433642L;
  /** The deployment of the deployment fixtures. */
  public static final long DEPLOYMENT_ID = 145988746L;
  /** The App installation the fixtures name. */
  public static final long INSTALLATION_ID = 2311213L;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GitHubDeliveries() {}

  /** The fixture of {@code event} (one of {@link #EVENTS}). */
  public static Delivery fixture(String event) {
    String resource = "webhooks/" + event + ".json";
    try (InputStream in = GitHubDeliveries.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture for event '" + event + "'; known: " + EVENTS);
      }
      return new Delivery(event, (ObjectNode) MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The fixtures' story in the order GitHub would send it, for demos and replays: the push, its
   * checks, the review and merge of pull request #2, the protection rule asking to deploy to
   * production (its callback on {@code api}, run {@code runId}), then the deployment and its
   * success. Open the gate on the stand-in first ({@link GitHubStandIn#openGate}).
   */
  public static List<Delivery> deploymentFlow(URI api, long runId) {
    return List.of(fixture("push"), fixture("workflow_run"), fixture("check_suite"), fixture("pull_request_review"),
        fixture("pull_request"), fixture("deployment_protection_rule").callbackOn(api, runId),
        fixture("deployment").with("/workflow_run/id", runId),
        fixture("deployment_status").with("/workflow_run/id", runId));
  }

  /** A delivery of any event with any payload (for events without a fixture). */
  public static Delivery of(String event, String json) {
    try {
      return new Delivery(event, (ObjectNode) MAPPER.readTree(json));
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object: " + json, e);
    }
  }

  /** {@code sha256=<hex>}: the {@code X-Hub-Signature-256} GitHub computes for {@code body}. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** The headers GitHub sends with a delivery of {@code body}, signed with {@code secret}. */
  public static Map<String, String> headers(String event, String deliveryId, String secret, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Delivery", deliveryId);
    headers.put("X-GitHub-Hook-ID", "109948940");
    headers.put("X-GitHub-Hook-Installation-Target-Type", "integration");
    headers.put("X-GitHub-Hook-Installation-Target-ID", "15368");
    headers.put("X-Hub-Signature-256", sign(secret, body));
    headers.put("User-Agent", "GitHub-Hookshot/044aadd");
    headers.put("Content-Type", "application/json");
    return headers;
  }

  /** One payload of one event, to edit and sign. Immutable: every edit returns a new delivery. */
  public static final class Delivery {
    private final String event;
    private final ObjectNode payload;

    private Delivery(String event, ObjectNode payload) {
      this.event = Objects.requireNonNull(event, "event");
      this.payload = payload;
    }

    /** The {@code X-GitHub-Event}. */
    public String event() {
      return event;
    }

    /** A copy of the payload. */
    public JsonNode payload() {
      return payload.deepCopy();
    }

    /**
     * This delivery with the value at {@code pointer} ({@code /deployment_status/state}) set to
     * {@code value} (text, number, boolean, null, a list, a map or a {@link JsonNode}); missing
     * objects on the way are created, and an index one past the end of a list appends.
     */
    public Delivery with(String pointer, Object value) {
      ObjectNode copy = payload.deepCopy();
      String[] steps = pointer.substring(1).split("/");
      JsonNode at = copy;
      for (int i = 0; i < steps.length - 1; i++) {
        JsonNode next = child(at, steps[i]);
        if (next == null || !next.isContainerNode()) {
          if (!(at instanceof ObjectNode object)) {
            throw new IllegalArgumentException("cannot create " + pointer + " below a list");
          }
          next = object.putObject(steps[i]);
        }
        at = next;
      }
      String last = steps[steps.length - 1];
      JsonNode node = MAPPER.valueToTree(value);
      if (at instanceof ArrayNode array) {
        int index = Integer.parseInt(last);
        if (index == array.size()) {
          array.add(node); // one past the end appends
        } else {
          array.set(index, node);
        }
      } else {
        ((ObjectNode) at).set(last, node);
      }
      return new Delivery(event, copy);
    }

    /** This delivery without the field at {@code pointer}. */
    public Delivery without(String pointer) {
      ObjectNode copy = payload.deepCopy();
      int slash = pointer.lastIndexOf('/');
      JsonNode parent = slash == 0 ? copy : copy.at(pointer.substring(0, slash));
      String last = pointer.substring(slash + 1);
      if (parent instanceof ObjectNode object) {
        object.remove(last);
      } else if (parent instanceof ArrayNode array) {
        array.remove(Integer.parseInt(last));
      }
      return new Delivery(event, copy);
    }

    /**
     * This protection rule request with its callback on {@code api} (the stand-in's or a GitHub
     * Enterprise Server's {@code https://HOST/api/v3}) for run {@code runId}.
     */
    public Delivery callbackOn(URI api, long runId) {
      String base = api.toString().endsWith("/") ? api.toString().substring(0, api.toString().length() - 1) : api.toString();
      String repository = payload.at("/repository/full_name").asText(REPOSITORY);
      return with("/deployment_callback_url",
          base + "/repos/" + repository + "/actions/runs/" + runId + "/deployment_protection_rule");
    }

    /** The payload as GitHub sends it: compact UTF-8 JSON. */
    public byte[] body() {
      try {
        return MAPPER.writeValueAsBytes(payload);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree always serialises", e);
      }
    }

    /** Signed with {@code secret} under a fresh delivery id. */
    public SignedDelivery signed(String secret) {
      return signed(secret, UUID.randomUUID().toString());
    }

    /** Signed with {@code secret} under {@code deliveryId} (a redelivery reuses the id). */
    public SignedDelivery signed(String secret, String deliveryId) {
      byte[] body = body();
      return new SignedDelivery(event, deliveryId, body, headers(event, deliveryId, secret, body));
    }

    private static JsonNode child(JsonNode node, String step) {
      return node.isArray() ? node.get(Integer.parseInt(step)) : node.get(step);
    }

    @Override
    public String toString() {
      return "Delivery[" + event + "]";
    }
  }

  /**
   * A delivery ready to hand to a webhook receiver.
   *
   * @param event the {@code X-GitHub-Event}
   * @param deliveryId the {@code X-GitHub-Delivery}
   * @param body the raw body
   * @param headers the headers, signature included
   */
  public record SignedDelivery(String event, String deliveryId, byte[] body, Map<String, String> headers) {
    public SignedDelivery {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(deliveryId, "deliveryId");
      body = body.clone();
      headers = Map.copyOf(headers);
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }
}
