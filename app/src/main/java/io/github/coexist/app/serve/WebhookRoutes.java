package io.github.coexist.app.serve;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.LogContext;
import io.github.coexist.core.TickScheduler;
import io.github.coexist.core.signal.Signal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.adapters.github.WebhookResult;
import io.github.coexist.adapters.jira.JiraEvent;
import io.github.coexist.adapters.jira.JiraWebhooks;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.app.http.Router;
import io.github.coexist.app.json.Views;
import io.vavr.control.Either;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /webhooks/github} and {@code POST /webhooks/jira}. A delivery is verified and read
 * on the request thread (no remote call), the adapter maps it onto core's signals, and each signal
 * is kept in core's inbox ({@link Coexist#receiveDelivery}) before the delivery is answered: a 2xx means it
 * is durable, and processed once (by the instance holding the lease, at once), also after a crash.
 * A delivery kept before, here or on another instance, is answered {@code duplicate}. When the
 * store cannot keep it, the answer is 503 and the delivery is not remembered, so a redelivery is
 * taken. One log line per delivery.
 */
final class WebhookRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);

  private final GitHubSide github;
  private final GitHubSignals signals;
  private final Coexist coexist;
  private final Optional<JiraWebhooks> jira;
  private final TickScheduler ticker;

  WebhookRoutes(GitHubSide github, Coexist coexist, Optional<JiraWebhooks> jira, TickScheduler ticker) {
    this.github = github;
    this.signals = github.signals();
    this.coexist = coexist;
    this.jira = jira;
    this.ticker = ticker;
  }

  /** Adds the routes; Jira's only when Jira is the ITSM tool. */
  void register(Router router) {
    router.on("POST", "/webhooks/github", this::github);
    jira.ifPresent(hooks -> router.on("POST", "/webhooks/jira", request -> jira(hooks, request)));
  }

  HttpAnswer github(HttpExchangeData request) {
    // The header as sent, cut short: the adapter checks it; the log lines of this delivery name it.
    String delivery = request.header("X-GitHub-Delivery").map(id -> id.length() > 100 ? id.substring(0, 100) : id)
        .orElse("without id");
    try (MDC.MDCCloseable context = MDC.putCloseable(LogContext.DELIVERY, "github:" + delivery)) {
      return receive(request);
    }
  }

  private HttpAnswer receive(HttpExchangeData request) {
    WebhookResult result = github.receive(request.body(), request.headers());
    ObjectNode answer = Views.JSON.createObjectNode();
    if (result instanceof WebhookResult.Accepted accepted) {
      List<Signal> toCore = signals.of(accepted);
      Either<CoexistError, Integer> kept = coexist.receiveDelivery("github", accepted.deliveryId(), toCore);
      if (kept.isLeft()) {
        github.forget(accepted.deliveryId());
        LOG.warn("github delivery {} ({}): not kept, {}", accepted.deliveryId(), accepted.event(),
            kept.getLeft().message());
        return Answers.error(kept.getLeft());
      }
      boolean duplicate = !toCore.isEmpty() && kept.get() == 0;
      LOG.info("github delivery {} ({}): {}", accepted.deliveryId(), accepted.event(),
          duplicate ? "duplicate, kept before" : "accepted, " + kept.get() + " signal(s) kept");
      answer.put("outcome", duplicate ? "duplicate" : "accepted").put("event", accepted.event())
          .put("delivery", accepted.deliveryId()).put("observations", accepted.observations().size());
      if (duplicate) {
        return Answers.json(200, answer); // as a duplicate the adapter recognised itself
      }
    } else if (result instanceof WebhookResult.Ignored ignored) {
      LOG.info("github delivery {} ({}): ignored, {}", ignored.deliveryId(), ignored.event(), ignored.reason());
      answer.put("outcome", "ignored").put("event", ignored.event()).put("delivery", ignored.deliveryId())
          .put("reason", ignored.reason());
    } else if (result instanceof WebhookResult.Duplicate duplicate) {
      LOG.info("github delivery {} ({}): duplicate, not processed again", duplicate.deliveryId(), duplicate.event());
      answer.put("outcome", "duplicate").put("event", duplicate.event()).put("delivery", duplicate.deliveryId());
    } else if (result instanceof WebhookResult.Ping ping) {
      LOG.info("github delivery {} (ping): {}", ping.deliveryId(), ping.zen());
      answer.put("outcome", "ping").put("delivery", ping.deliveryId()).put("zen", ping.zen());
    } else {
      WebhookResult.Rejected rejected = (WebhookResult.Rejected) result;
      LOG.info("github delivery {} ({}): rejected, {}", rejected.deliveryId().orElse("without id"),
          rejected.event().orElse("no event"), rejected.error().message());
      HttpAnswer refused = Answers.error(rejected.error());
      return new HttpAnswer(rejected.httpStatus(), refused.contentType(), refused.body(), refused.headers());
    }
    return Answers.json(result.httpStatus(), answer);
  }

  HttpAnswer jira(JiraWebhooks hooks, HttpExchangeData request) {
    Either<CoexistError, JiraEvent> handled = hooks.handle(request.headers(), request.body());
    if (handled.isLeft()) {
      LOG.info("jira delivery: refused, {}", handled.getLeft().message());
      return Answers.error(handled.getLeft());
    }
    JiraEvent event = handled.get();
    ObjectNode answer = Views.JSON.createObjectNode().put("delivery", event.deliveryId());
    if (event instanceof JiraEvent.ChangeMoved moved) {
      // An approval, rejection or cancellation goes to core; any other move is read back on a tick now.
      if (moved.signal().isPresent()) {
        Either<CoexistError, Integer> kept = coexist.receiveDelivery("jira", moved.deliveryId(), List.of(moved.signal().get()));
        if (kept.isLeft()) {
          hooks.forget(moved.deliveryId());
          LOG.warn("jira delivery {}: not kept, {}", moved.deliveryId(), kept.getLeft().message());
          return Answers.error(kept.getLeft());
        }
      } else {
        ticker.tickNow();
      }
      LOG.info("jira delivery {}: {} moved to '{}'", moved.deliveryId(), moved.issue().display(), moved.toStatus());
      answer.put("outcome", "accepted").put("issue", moved.issue().display())
          .put("state", moved.state().name().toLowerCase(Locale.ROOT));
      return Answers.json(202, answer);
    }
    if (event instanceof JiraEvent.Ignored ignored) {
      LOG.info("jira delivery {}: ignored, {}", ignored.deliveryId(), ignored.reason());
      return Answers.ok(answer.put("outcome", "ignored").put("reason", ignored.reason()));
    }
    LOG.info("jira delivery {}: duplicate, not processed again", event.deliveryId());
    return Answers.ok(answer.put("outcome", "duplicate"));
  }
}
