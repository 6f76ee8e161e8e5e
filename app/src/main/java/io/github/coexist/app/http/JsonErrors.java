package io.github.coexist.app.http;

import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's error handler: every error Jetty answers by itself (a malformed request line or
 * header, headers too large, a path it refuses, a request refused while stopping) gets the app's
 * JSON error shape, never an HTML page. The message quotes at most a short, printable excerpt of
 * Jetty's reason: never the request.
 */
final class JsonErrors implements Request.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);
  private static final int MAX_REASON = 120;

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer given ? given : response.getStatus();
    if (status < 400) {
      status = 500;
    }
    Object cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
    // A client that breaks off (EOF, reset) or sends what Jetty refuses is no server failure.
    if (status == 500 && cause instanceof Throwable failure && !(failure instanceof IOException)) {
      LOG.error("{} {} failed in the server", AccessLog.printable(request.getMethod()),
          AccessLog.printable(request.getHttpURI().getPath()), failure);
    }
    String reason = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String text ? text : "";
    Responses.send(request, response, callback, Responses.error(status, message(status, reason)), true);
    return true;
  }

  private static String message(int status, String reason) {
    String excerpt = AccessLog.printable(reason);
    if (excerpt.length() > MAX_REASON) {
      excerpt = excerpt.substring(0, MAX_REASON) + "...";
    }
    String what = status == 503 ? "unavailable" : status >= 500 ? "internal error" : "malformed request";
    return excerpt.isBlank() ? what + " (" + status + ")" : what + ": " + excerpt;
  }
}
