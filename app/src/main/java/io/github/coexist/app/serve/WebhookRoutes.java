package io.github.coexist.app.serve;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.TickScheduler;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.adapters.github.WebhookResult;
import io.github.coexist.adapters.http.DeliveryIds;
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

/**
 * {@code POST /webhooks/github} and {@code POST /webhooks/jira}. A delivery is verified and read
 * on the request thread (no remote call) and answered at once; the adapter maps it onto core's
 * signals, which the {@link Dispatcher} hands to {@link Coexist#accept} afterwards, one job per
 * signal, in arrival order. A delivery whose work is left undone at shutdown is forgotten by the
 * durable ledger of delivery ids, so that its redelivery is processed. One log line per delivery.
 */
final class WebhookRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);

  private final GitHubSide github;
  private final GitHubSignals signals;
  private final Coexist coexist;
  private final Dispatcher dispatcher;
  private final Optional<JiraWebhooks> jira;
  private final Optional<DeliveryIds> jiraDeliveries;
  private final TickScheduler ticker;

  /**
   * The routes; {@code jiraDeliveries} is the durable ledger Jira's webhooks claim their ids in,
   * when there is one, so that work left undone at shutdown is forgotten there.
   */
  WebhookRoutes(GitHubSide github, Coexist coexist, Dispatcher dispatcher, Optional<JiraWebhooks> jira,
      Optional<DeliveryIds> jiraDeliveries, TickScheduler ticker) {
    this.github = github;
    this.signals = github.signals();
    this.coexist = coexist;
    this.dispatcher = dispatcher;
    this.jira = jira;
    this.jiraDeliveries = jiraDeliveries;
    this.ticker = ticker;
  }

  /** Adds the routes; Jira's only when Jira is the ITSM tool. */
  void register(Router router) {
    router.on("POST", "/webhooks/github", this::github);
    jira.ifPresent(hooks -> router.on("POST", "/webhooks/jira", request -> jira(hooks, request)));
  }

  HttpAnswer github(HttpExchangeData request) {
    WebhookResult result = github.receive(request.body(), request.headers());
    ObjectNode answer = Views.JSON.createObjectNode();
    if (result instanceof WebhookResult.Accepted accepted) {
      List<Signal> toCore = signals.of(accepted);
      for (Signal signal : toCore) {
        String label = "delivery " + accepted.deliveryId() + " (" + accepted.event() + ") "
            + signal.getClass().getSimpleName();
        dispatcher.submit(label, () -> coexist.accept(signal).peek(produced -> logProduced(label, produced)),
            () -> github.forget(accepted.deliveryId()));
      }
      LOG.info("github delivery {} ({}): accepted, {} signal(s) queued", accepted.deliveryId(), accepted.event(),
          toCore.size());
      answer.put("outcome", "accepted").put("event", accepted.event()).put("delivery", accepted.deliveryId())
          .put("observations", accepted.observations().size());
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
      CoexistError error = rejected.error();
      return HttpAnswer.error(rejected.httpStatus(), Answers.kind(error), error.message(),
          error instanceof CoexistError.InvalidInput invalid ? invalid.problems().asJava() : List.of());
    }
    return Answers.json(result.httpStatus(), answer);
  }

  private static void logProduced(String label, SignalOutcome produced) {
    produced.decision().ifPresent(outcome -> LOG.info("{}: change {} {}", label,
        produced.change().map(Object::toString).orElse("?"), outcome.name().toLowerCase(Locale.ROOT)));
  }

  /** Forgets a Jira delivery whose work was left undone, so that Jira's retry is processed. */
  private void forgetJira(String deliveryId) {
    jiraDeliveries.ifPresent(ids -> ids.release(deliveryId).peekLeft(error -> LOG.warn(
        "jira delivery {} left undone and not forgotten: {}", deliveryId, error.message())));
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
      event.signal().ifPresentOrElse(signal -> dispatcher.submit("jira delivery " + moved.deliveryId(),
          () -> coexist.accept(signal), () -> forgetJira(moved.deliveryId())), ticker::tickNow);
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
