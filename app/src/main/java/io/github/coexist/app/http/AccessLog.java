package io.github.coexist.app.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request through SLF4J: method, path (never the query, where a client may put a
 * secret), status, bytes answered, duration and the remote address. Never a header value, so never
 * a token or a signature. Logger {@code io.github.coexist.app.http.AccessLog}, level INFO.
 */
final class AccessLog implements RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
  private static final int MAX_PATH = 200;

  @Override
  public void log(Request request, Response response) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String path = printable(request.getHttpURI().getPath());
    if (path.length() > MAX_PATH) {
      path = path.substring(0, MAX_PATH) + "...";
    }
    long micros = (System.nanoTime() - request.getBeginNanoTime()) / 1000;
    LOG.info("{} {} {} {} B {}.{} ms {}", printable(request.getMethod()), path, response.getStatus(),
        Response.getContentBytesWritten(response), micros / 1000, String.format("%03d", micros % 1000),
        Request.getRemoteAddr(request));
  }

  /** {@code text} with every character outside printable ASCII replaced by {@code ?}, so a log line stays one line. */
  static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), 4 * MAX_PATH));
    for (int i = 0; i < text.length() && out.length() < 4 * MAX_PATH; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
