package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.json.Views;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.StoreStatus;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.store.jdbc.JdbcStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /health/ready}: whether this instance should be sent traffic. Ready (200) while the
 * HTTP server serves, the webhook worker takes work, each tool's delivery workers take work (alive,
 * queue not full) and the store answers a read; otherwise 503,
 * in the app's error shape, naming each part that is down. A load balancer or Kubernetes takes the
 * instance out of rotation meanwhile, and a supervisor restarts one that stays unready: a server
 * that cannot serve never keeps its port as if it could. {@code tools} tells each tool's circuit
 * breaker ({@code closed}, {@code open}, {@code half_open}): an open breaker (a tool down) is no
 * reason to take coexist out of rotation, its writes wait owed, so it does not fail readiness.
 */
final class Readiness {
  private final Supplier<Optional<String>> server;
  private final Coexist app;
  private final Optional<JdbcStore> store;
  private final List<ToolWorkers> workers;

  /**
   * Checks {@code server} (why it cannot serve, if it cannot), the processing of {@code app}'s
   * signals (its state committed, its lease not lost), {@code store} and each tool's {@code workers}.
   */
  Readiness(Supplier<Optional<String>> server, Coexist app, Optional<JdbcStore> store, List<ToolWorkers> workers) {
    this.server = server;
    this.workers = workers;
    this.app = app;
    this.store = store;
  }

  /** 200 with every check {@code ok}, or 503 naming each problem. */
  HttpAnswer answer() {
    Map<String, Optional<String>> checks = new LinkedHashMap<>();
    checks.put("server", server.get());
    checks.put("processing", app.storeStatus().flatMap(StoreStatus::problem));
    checks.put("store", storeProblem());
    workers.forEach(w -> checks.put("workers." + w.tool(), w.problem()));
    ObjectNode checked = Views.JSON.createObjectNode();
    List<String> problems = new ArrayList<>();
    checks.forEach((name, problem) -> {
      checked.put(name, problem.orElse("ok"));
      problem.ifPresent(p -> problems.add(name + ": " + p));
    });
    ObjectNode tools = Views.JSON.createObjectNode();
    workers.forEach(w -> tools.put(w.tool(), w.guard().status().breaker()));
    if (problems.isEmpty()) {
      ObjectNode ready = Views.JSON.createObjectNode().put("status", "ready");
      ready.set("checks", checked);
      ready.set("tools", tools);
      return Answers.ok(ready);
    }
    ObjectNode refused = Views.JSON.createObjectNode().put("error", "unavailable")
        .put("message", "not ready: " + String.join("; ", problems));
    problems.forEach(refused.putArray("problems")::add);
    refused.set("checks", checked);
    refused.set("tools", tools);
    return Answers.json(503, refused);
  }

  /** Why the store cannot be read, if it cannot: reads the last audit entry. */
  private Optional<String> storeProblem() {
    return store.flatMap(s -> s.auditStore().last().swap().map(CoexistError::message).toJavaOptional());
  }
}
