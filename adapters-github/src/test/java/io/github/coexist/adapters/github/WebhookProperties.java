package io.github.coexist.adapters.github;

import io.github.coexist.core.kernel.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubDeliveries.Delivery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Mutated deliveries (fields dropped, wrong types, huge strings, invalid UTF-8), correctly signed,
 * always end in a typed result: accepted, ignored, or refused as invalid or forbidden; never an
 * exception, never an internal error.
 */
@DisplayName("webhook intake under mutated payloads")
class WebhookProperties {
  private static final Set<Integer> TYPED_STATUSES = Set.of(200, 202, 400, 403);
  private static GitHubAdapter adapter;

  @BeforeAll
  static void start() {
    Map<String, String> settings = Fixtures.settings("https://api.github.com");
    settings.put("coexist.github.token", Fixtures.TOKEN);
    adapter = GitHubAdapter.builder(GitHubConfig.of(settings)).clock(new ManualClock(Fixtures.NOW)).build();
  }

  @AfterAll
  static void stop() {
    adapter.close();
  }

  @Test
  @DisplayName("dropping fields, changing their types and blowing up strings gives a typed result")
  void mutatedPayloads() {
    qt().withExamples(300).forAll(
            integers().between(0, GitHubDeliveries.EVENTS.size() - 1),
            integers().between(1, 4),
            longs().all())
        .checkAssert((event, mutations, seed) -> {
          Random random = new Random(seed);
          Delivery delivery = GitHubDeliveries.fixture(GitHubDeliveries.EVENTS.get(event));
          for (int i = 0; i < mutations; i++) {
            delivery = mutate(delivery, random);
          }
          assertTyped(delivery.body(), delivery.event());
        });
  }

  @Test
  @DisplayName("bytes that are not UTF-8 give a typed result")
  void invalidUtf8() {
    qt().withExamples(200).forAll(
            integers().between(0, GitHubDeliveries.EVENTS.size() - 1),
            integers().between(1, 8),
            longs().all())
        .checkAssert((event, corruptions, seed) -> {
          Random random = new Random(seed);
          byte[] body = GitHubDeliveries.fixture(GitHubDeliveries.EVENTS.get(event)).body();
          for (int i = 0; i < corruptions; i++) {
            body[random.nextInt(body.length)] = (byte) (0x80 + random.nextInt(0x80));
          }
          assertTyped(body, GitHubDeliveries.EVENTS.get(event));
        });
  }

  @Test
  @DisplayName("a body signed with any other secret is refused as unauthorized")
  void otherSecrets() {
    qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
      String secret = "s" + seed;
      byte[] body = GitHubDeliveries.fixture("push").body();
      WebhookResult result = adapter.webhooks().receive(body,
          GitHubDeliveries.headers("push", UUID.randomUUID().toString(), secret, body));
      assertThat(result.httpStatus()).isEqualTo(401);
    });
  }

  private static void assertTyped(byte[] body, String event) {
    WebhookResult result = adapter.webhooks().receive(body,
        GitHubDeliveries.headers(event, UUID.randomUUID().toString(), Fixtures.SECRET, body));
    assertThat(result).isNotNull();
    assertThat(TYPED_STATUSES).as("status of %s", result).contains(result.httpStatus());
    if (result instanceof WebhookResult.Accepted accepted) {
      assertThat(accepted.observations()).isNotEmpty();
    }
  }

  private static Delivery mutate(Delivery delivery, Random random) {
    List<String> pointers = new ArrayList<>();
    collect(delivery.payload(), "", pointers);
    if (pointers.isEmpty()) {
      return delivery;
    }
    String pointer = pointers.get(random.nextInt(pointers.size()));
    return switch (random.nextInt(7)) {
      case 0 -> delivery.without(pointer);
      case 1 -> delivery.with(pointer, random.nextLong());
      case 2 -> delivery.with(pointer, "x".repeat(random.nextInt(3)));
      case 3 -> delivery.with(pointer, List.of(1, "two", Map.of()));
      case 4 -> delivery.with(pointer, null);
      case 5 -> delivery.with(pointer, random.nextBoolean() ? Map.of("odd", true) : random.nextDouble());
      default -> delivery.with(pointer, huge(random));
    };
  }

  /** A long string of random characters, surrogate pairs and control characters included. */
  private static String huge(Random random) {
    StringBuilder s = new StringBuilder();
    int length = 20_000 + random.nextInt(80_000);
    while (s.length() < length) {
      int kind = random.nextInt(4);
      if (kind == 0) {
        s.appendCodePoint(0x1F600 + random.nextInt(50));
      } else if (kind == 1) {
        s.append((char) random.nextInt(0x20));
      } else {
        s.append((char) ('a' + random.nextInt(26)));
      }
    }
    return s.toString();
  }

  private static void collect(JsonNode node, String at, List<String> pointers) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String pointer = at + "/" + field.getKey();
        pointers.add(pointer);
        collect(field.getValue(), pointer, pointers);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        pointers.add(at + "/" + i);
        collect(node.get(i), at + "/" + i, pointers);
      }
    }
  }
}
