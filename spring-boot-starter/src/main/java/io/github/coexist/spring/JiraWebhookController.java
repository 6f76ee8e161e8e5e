package io.github.coexist.spring;

import io.github.coexist.adapters.jira.JiraAdapter;
import io.github.coexist.adapters.jira.JiraEvent;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.TickScheduler;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/jira} ({@code coexist.webhooks.jira-path}), as {@code serve} answers it:
 * Jira's signed issue event is checked by the adapter; an approval, rejection or cancellation is
 * kept in coexist's inbox before the answer; any other move of a change is read back at a tick
 * asked for at once.
 */
@RestController
public class JiraWebhookController {
  private static final Logger LOG = LoggerFactory.getLogger(JiraWebhookController.class);

  private final JiraAdapter jira;
  private final Coexist coexist;
  private final ObjectProvider<TickScheduler> ticker;

  /** Checks through {@code jira}, keeps in {@code coexist}'s inbox, asks {@code ticker} for read-backs. */
  public JiraWebhookController(JiraAdapter jira, Coexist coexist, ObjectProvider<TickScheduler> ticker) {
    this.jira = jira;
    this.coexist = coexist;
    this.ticker = ticker;
  }

  /** Takes one delivery. */
  @PostMapping(path = "${coexist.webhooks.jira-path:/webhooks/jira}")
  public ResponseEntity<Map<String, Object>> deliver(InputStream body, @RequestHeader HttpHeaders headers)
      throws IOException {
    Optional<byte[]> bytes = WebhookBodies.read(body);
    if (bytes.isEmpty()) {
      return WebhookBodies.tooLarge();
    }
    Either<CoexistError, JiraEvent> handled = jira.webhooks().handle(WebhookBodies.headers(headers), bytes.get());
    if (handled.isLeft()) {
      LOG.info("jira delivery: refused, {}", handled.getLeft().message());
      return WebhookBodies.error(handled.getLeft());
    }
    JiraEvent event = handled.get();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("delivery", event.deliveryId());
    if (event instanceof JiraEvent.ChangeMoved moved) {
      if (moved.signal().isPresent()) {
        Either<CoexistError, Integer> kept = coexist.receiveDelivery("jira", moved.deliveryId(),
            List.of(moved.signal().get()));
        if (kept.isLeft()) {
          jira.webhooks().forget(moved.deliveryId());
          LOG.warn("jira delivery {}: not kept, {}", moved.deliveryId(), kept.getLeft().message());
          return WebhookBodies.error(kept.getLeft());
        }
      } else {
        ticker.ifAvailable(TickScheduler::tickNow);
      }
      answer.put("outcome", "accepted");
      answer.put("issue", moved.issue().display());
      answer.put("state", moved.state().name().toLowerCase(Locale.ROOT));
      return ResponseEntity.accepted().body(answer);
    }
    answer.put("outcome", event instanceof JiraEvent.Ignored ? "ignored" : "duplicate");
    return ResponseEntity.ok(answer);
  }
}
