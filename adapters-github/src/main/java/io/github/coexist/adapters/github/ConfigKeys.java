package io.github.coexist.adapters.github;

import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.adapters.http.HttpSettings;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How each {@link GitHubConfig} key is read, written once so that the config's accessors and its
 * {@code validate()} cannot disagree.
 */
final class ConfigKeys {
  static final URI DEFAULT_API = URI.create("https://api.github.com");
  private static final String USER_AGENT = "coexist-github";

  private ConfigKeys() {}

  /** Reads one setting; a bad value is bad start-up configuration, so it throws. */
  static <T> T one(GitHubConfig config, Function<ConfigReader, T> read) {
    ConfigReader reader = new ConfigReader(config::get, config.prefix());
    T value = read.apply(reader);
    return reader.result(() -> value).getOrElseThrow(e -> new IllegalStateException(e.message()));
  }

  /** Every problem with every key, and with how they combine. */
  static Either<CoexistError, Done> validate(GitHubConfig config) {
    ConfigReader r = new ConfigReader(config::get, config.prefix());
    http(r); // reads api-url too
    Optional<Secret> token = token(r);
    Optional<String> appId = appId(r);
    Optional<Secret> key = privateKey(r);
    Optional<String> keyPath = privateKeyPath(r);
    installationId(r);
    webhookSecrets(r);
    productionEnvironments(r);
    repositoryServices(r);
    incidentIssues(r);
    incidentLabel(r);
    releaseMarkers(r);
    testChecks(r);
    reviewChecks(r);
    securityChecks(r);
    gateTimeout(r);
    gateTimeoutOutcome(r);
    if (token.isPresent() && appId.isPresent()) {
      r.problem(r.key("token") + " and " + r.key("app-id") + " are both set: use a token or a GitHub App, not both");
    } else if (token.isEmpty() && appId.isEmpty()) {
      r.problem("credentials are required: set " + r.key("token") + " or " + r.key("app-id")
          + " with " + r.key("private-key"));
    }
    if (appId.isPresent()) {
      if (key.isPresent() && keyPath.isPresent()) {
        r.problem(r.key("private-key") + " and " + r.key("private-key-path") + " are both set: use one");
      } else if (key.isEmpty() && keyPath.isEmpty()) {
        r.problem(r.key("app-id") + " needs " + r.key("private-key") + " or " + r.key("private-key-path"));
      } else {
        Either<String, Secret> pem = key.isPresent() ? Either.right(key.get()) : PrivateKeys.readFile(keyPath.get());
        pem.flatMap(PrivateKeys::parse).peekLeft(problem -> r.problem(r.key("private-key") + ": " + problem));
      }
    }
    return r.result(() -> Done.DONE);
  }

  static URI apiUrl(ConfigReader r) {
    return r.uri("api-url").map(ConfigKeys::withoutTrailingSlash).orElse(DEFAULT_API);
  }

  static Optional<Secret> token(ConfigReader r) {
    return r.secret("token");
  }

  static Optional<String> appId(ConfigReader r) {
    return r.optional("app-id");
  }

  static Optional<Secret> privateKey(ConfigReader r) {
    return r.optional("private-key").map(pem -> Secret.of(pem.replace("\\n", "\n")));
  }

  static Optional<String> privateKeyPath(ConfigReader r) {
    return r.optional("private-key-path");
  }

  static Optional<Long> installationId(ConfigReader r) {
    Optional<String> value = r.optional("installation-id");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      long id = Long.parseLong(value.get());
      if (id > 0) {
        return Optional.of(id);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    r.problem(describe(r, "installation-id") + " must be a positive number, was '" + value.get() + "'");
    return Optional.empty();
  }

  static List<Secret> webhookSecrets(ConfigReader r) {
    Optional<List<String>> secrets = r.required("webhook-secret").map(ConfigKeys::list);
    if (secrets.isPresent() && secrets.get().isEmpty()) {
      r.problem(describe(r, "webhook-secret") + " must list at least one secret");
    }
    return secrets.orElse(List.of()).stream().map(Secret::of).toList();
  }

  static List<String> productionEnvironments(ConfigReader r) {
    return patterns(r, "production-environments", "production,prod,production-*,prod-*");
  }

  static Map<String, String> repositoryServices(ConfigReader r) {
    Map<String, String> services = new LinkedHashMap<>();
    for (String pair : r.optional("repository-services").map(ConfigKeys::list).orElse(List.of())) {
      int eq = pair.indexOf('=');
      String repository = eq > 0 ? pair.substring(0, eq).strip() : "";
      String service = eq > 0 ? pair.substring(eq + 1).strip() : "";
      if (!Repository.parse(repository).isRight() || service.isEmpty()) {
        r.problem(describe(r, "repository-services") + " entries must read owner/repo=service, was '" + pair + "'");
      } else {
        services.put(repository.toLowerCase(Locale.ROOT), service);
      }
    }
    return Map.copyOf(services);
  }

  static boolean incidentIssues(ConfigReader r) {
    return r.bool("incident-issues", true);
  }

  static String incidentLabel(ConfigReader r) {
    return r.optional("incident-label").orElse("incident");
  }

  static boolean releaseMarkers(ConfigReader r) {
    return r.bool("release-markers", true);
  }

  static List<String> testChecks(ConfigReader r) {
    return patterns(r, "evidence.tests", "*test*,*ci*,build*");
  }

  static List<String> reviewChecks(ConfigReader r) {
    return patterns(r, "evidence.review", "*review*");
  }

  static List<String> securityChecks(ConfigReader r) {
    return patterns(r, "evidence.security", "*codeql*,*security*,*scan*,*snyk*,*trivy*,*dependency-review*");
  }

  static Duration gateTimeout(ConfigReader r) {
    return r.duration("gate-timeout", Duration.ofHours(1));
  }

  static Decision.Outcome gateTimeoutOutcome(ConfigReader r) {
    String value = r.optional("gate-timeout-outcome").orElse("rejected").toLowerCase(Locale.ROOT);
    switch (value) {
      case "rejected":
        return Decision.Outcome.REJECTED;
      case "approved":
        return Decision.Outcome.APPROVED;
      default:
        r.problem(describe(r, "gate-timeout-outcome") + " must be rejected or approved, was '" + value + "'");
        return Decision.Outcome.REJECTED;
    }
  }

  static HttpSettings http(ConfigReader r) {
    HttpSettings read = r.http(apiUrl(r));
    return new HttpSettings(read.baseUri(), read.connectTimeout(), read.requestTimeout(), read.maxAttempts(),
        read.initialBackoff(), read.maxBackoff(), read.maxRetryAfter(), USER_AGENT);
  }

  private static List<String> patterns(ConfigReader r, String key, String fallback) {
    List<String> values = list(r.optional(key).orElse(fallback));
    if (values.isEmpty()) {
      r.problem(describe(r, key) + " must list at least one name or pattern");
    }
    return values;
  }

  /** A key as problems name it: {@code coexist.github.key (COEXIST_GITHUB_KEY)}. */
  private static String describe(ConfigReader r, String key) {
    return r.key(key) + " (" + ConfigSource.envName(r.key(key)) + ")";
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static URI withoutTrailingSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
  }
}
