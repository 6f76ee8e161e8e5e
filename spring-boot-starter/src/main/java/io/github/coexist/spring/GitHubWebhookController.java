package io.github.coexist.spring;

import io.github.coexist.adapters.github.GitHubAdapter;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.adapters.github.WebhookResult;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.LogContext;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.signal.Signal;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/github} ({@code coexist.webhooks.github-path}), as {@code serve} answers
 * it: the delivery is verified and read by the GitHub adapter on the request thread (no remote
 * call), and each of its signals is kept in coexist's inbox before the answer, so a 2xx means it is
 * durable and will be processed once; a delivery kept before is answered {@code duplicate}. When
 * the store cannot keep it, the answer is 503 and GitHub's redelivery is taken.
 */
@RestController
public class GitHubWebhookController {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhookController.class);

  private final GitHubAdapter github;
  private final GitHubSignals signals;
  private final Coexist coexist;

  /** Receives through {@code github}, maps with {@code signals}, keeps in {@code coexist}'s inbox. */
  public GitHubWebhookController(GitHubAdapter github, GitHubSignals signals, Coexist coexist) {
    this.github = github;
    this.signals = signals;
    this.coexist = coexist;
  }

  /** Takes one delivery. */
  @PostMapping(path = "${coexist.webhooks.github-path:/webhooks/github}")
  public ResponseEntity<Map<String, Object>> deliver(InputStream body, @RequestHeader HttpHeaders headers)
      throws IOException {
    Optional<byte[]> bytes = WebhookBodies.read(body);
    if (bytes.isEmpty()) {
      return WebhookBodies.tooLarge();
    }
    String delivery = Optional.ofNullable(headers.getFirst("X-GitHub-Delivery"))
        .map(id -> id.length() > 100 ? id.substring(0, 100) : id).orElse("without id");
    try (MDC.MDCCloseable context = MDC.putCloseable(LogContext.DELIVERY, "github:" + delivery)) {
      return answer(github.webhooks().receive(bytes.get(), WebhookBodies.headers(headers)));
    }
  }

  private ResponseEntity<Map<String, Object>> answer(WebhookResult result) {
    Map<String, Object> answer = new LinkedHashMap<>();
    if (result instanceof WebhookResult.Accepted accepted) {
      List<Signal> toCore = signals.of(accepted);
      Either<CoexistError, Integer> kept = coexist.receiveDelivery("github", accepted.deliveryId(), toCore);
      if (kept.isLeft()) {
        LOG.warn("github delivery {} ({}): not kept, {}", accepted.deliveryId(), accepted.event(),
            kept.getLeft().message());
        return WebhookBodies.error(kept.getLeft());
      }
      boolean duplicate = !toCore.isEmpty() && kept.get() == 0;
      LOG.info("github delivery {} ({}): {}", accepted.deliveryId(), accepted.event(),
          duplicate ? "duplicate, kept before" : "accepted, " + kept.get() + " signal(s) kept");
      answer.put("outcome", duplicate ? "duplicate" : "accepted");
      answer.put("event", accepted.event());
      answer.put("delivery", accepted.deliveryId());
      return ResponseEntity.status(duplicate ? 200 : result.httpStatus()).body(answer);
    }
    if (result instanceof WebhookResult.Rejected rejected) {
      LOG.info("github delivery {}: rejected, {}", rejected.deliveryId().orElse("without id"),
          rejected.error().message());
      return WebhookBodies.error(rejected.httpStatus(), rejected.error());
    }
    if (result instanceof WebhookResult.Ignored ignored) {
      answer.put("outcome", "ignored");
      answer.put("event", ignored.event());
      answer.put("delivery", ignored.deliveryId());
      answer.put("reason", ignored.reason());
    } else if (result instanceof WebhookResult.Duplicate duplicate) {
      answer.put("outcome", "duplicate");
      answer.put("event", duplicate.event());
      answer.put("delivery", duplicate.deliveryId());
    } else if (result instanceof WebhookResult.Ping ping) {
      answer.put("outcome", "ping");
      answer.put("delivery", ping.deliveryId());
    }
    LOG.info("github delivery: {}", answer);
    return ResponseEntity.status(result.httpStatus()).body(answer);
  }
}
