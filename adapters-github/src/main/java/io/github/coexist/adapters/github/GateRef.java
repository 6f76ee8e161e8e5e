package io.github.coexist.adapters.github;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a gate's answer goes: the protection rule of one workflow run for one environment, and
 * the App installation allowed to review it.
 *
 * <p>The gate's idempotency key is {@code github:<owner>/<repo>:run:<run id>:<environment>}. The
 * run id is the one GitHub keeps when a run or a job is re-run (only {@code run_attempt} grows),
 * while each job attempt gets a new deployment id; keying by run and environment therefore makes a
 * redelivery and a re-run find the same change (and its decision, for example an ITSM approval)
 * instead of opening a new change for every attempt. A new run, for a new push or a manual
 * dispatch, asks anew.
 */
record GateRef(Repository repository, long runId, String environment, Optional<Long> installation) {
  static final String REPOSITORY = "repository";
  static final String RUN_ID = "run_id";
  static final String ENVIRONMENT = "environment";
  static final String DEPLOYMENT_ID = "deployment_id";
  static final String INSTALLATION_ID = "installation_id";

  /** The gate request's idempotency key. */
  IdempotencyKey idempotencyKey() {
    return IdempotencyKey.of("github:" + repository.fullName().toLowerCase(Locale.ROOT) + ":run:" + runId + ":" + environment);
  }

  /** The same gate whatever the installation, for maps. */
  String id() {
    return idempotencyKey().value();
  }

  /** The entries a deployment request carries so that the answer finds its way back here. */
  Map<String, String> replyTo(long deploymentId) {
    Map<String, String> replyTo = new LinkedHashMap<>();
    replyTo.put(REPOSITORY, repository.fullName());
    replyTo.put(RUN_ID, Long.toString(runId));
    replyTo.put(ENVIRONMENT, environment);
    replyTo.put(DEPLOYMENT_ID, Long.toString(deploymentId));
    installation.ifPresent(i -> replyTo.put(INSTALLATION_ID, Long.toString(i)));
    return replyTo;
  }

  /** The gate a reply's {@code replyTo} names, or every problem with it. */
  static Either<CoexistError, GateRef> fromReplyTo(Map<String, String> replyTo) {
    Problems problems = new Problems();
    String repo = replyTo.getOrDefault(REPOSITORY, "");
    Either<String, Repository> repository = Repository.parse(repo);
    repository.peekLeft(p -> problems.add("replyTo.repository: " + p));
    Optional<Long> runId = positive(replyTo.get(RUN_ID));
    problems.require(runId.isPresent(), "replyTo.run_id must be a positive number");
    String environment = replyTo.getOrDefault(ENVIRONMENT, "");
    problems.require(!environment.isBlank(), "replyTo.environment is required");
    Optional<Long> installation = positive(replyTo.get(INSTALLATION_ID));
    problems.require(!replyTo.containsKey(INSTALLATION_ID) || installation.isPresent(),
        "replyTo.installation_id must be a positive number");
    return problems.toEither(() -> new GateRef(repository.get(), runId.get(), environment, installation));
  }

  private static Optional<Long> positive(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      long n = Long.parseLong(value.strip());
      return n > 0 ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return repository + " run " + runId + " environment " + environment;
  }
}
