package io.github.coexist.adapters.github;

import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the run id from a {@code deployment_callback_url}, trusting the URL only when it is the
 * protection rule endpoint of the same repository on the configured API: same scheme, host and
 * port, below the API's path, no user info, query or fragment. Anything else is refused, so that
 * a forged or misdirected payload cannot make coexist send credentials to another host.
 */
final class CallbackUrl {
  private static final Pattern PATH = Pattern.compile(
      "/repos/([^/]+)/([^/]+)/actions/runs/([0-9]{1,19})/deployment_protection_rule/?");

  private CallbackUrl() {}

  /** The run id of {@code url}, or why it is refused ({@code Forbidden}). */
  static Either<CoexistError, Long> runId(String url, URI api, Repository repository) {
    URI callback;
    try {
      callback = new URI(url);
    } catch (URISyntaxException e) {
      return refuse("deployment_callback_url is not a URL");
    }
    if (!RemoteClient.sameOrigin(api, callback)) {
      return refuse("deployment_callback_url points to " + describeHost(callback) + ", not to the configured API host "
          + api.getHost() + " (coexist.github.api-url); no request is sent there");
    }
    if (callback.getRawUserInfo() != null || callback.getRawQuery() != null || callback.getRawFragment() != null) {
      return refuse("deployment_callback_url carries user info, a query or a fragment");
    }
    String basePath = api.getRawPath() == null ? "" : api.getRawPath();
    String path = callback.getRawPath() == null ? "" : callback.getRawPath();
    if (!path.startsWith(basePath)) {
      return refuse("deployment_callback_url is not below the API path " + basePath);
    }
    Matcher m = PATH.matcher(path.substring(basePath.length()));
    if (!m.matches()) {
      return refuse("deployment_callback_url is not a deployment protection rule endpoint");
    }
    if (!Repository.parse(m.group(1) + "/" + m.group(2)).map(repository::sameAs).getOrElse(false)) {
      return refuse("deployment_callback_url names another repository than " + repository);
    }
    try {
      long runId = Long.parseLong(m.group(3));
      return runId > 0 ? Either.right(runId) : refuse("deployment_callback_url names run 0");
    } catch (NumberFormatException e) {
      return refuse("deployment_callback_url names a run id out of range");
    }
  }

  private static String describeHost(URI uri) {
    String host = Objects.requireNonNullElse(uri.getHost(), "no host");
    return host.length() <= 100 ? host : host.substring(0, 100) + "…";
  }

  private static <T> Either<CoexistError, T> refuse(String why) {
    return Either.left(new CoexistError.Forbidden(why));
  }
}
