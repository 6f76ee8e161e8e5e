package io.github.coexist.adapters.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Hears every HTTP exchange a {@link RemoteClient} has with a tool (each attempt of a call that is
 * retried, redirects followed included): for metrics of the tools' latency and errors. Register one
 * for the whole process with {@link RemoteCalls#observe}. Called on the calling thread after the
 * exchange, outside any lock; it must be quick. One that throws is logged and ignored.
 */
@FunctionalInterface
public interface CallObserver {

  /** Called once per exchange. */
  void called(Call call);

  /**
   * One exchange with a tool. It names no path, query or credential: only what is safe to count.
   *
   * @param tool the client's tool name ({@code github}, {@code ServiceNow}, {@code jira})
   * @param method the HTTP method
   * @param status the HTTP status code as text ({@code "200"}, {@code "429"}), or {@code
   *     "timeout"}, {@code "io_error"} or {@code "interrupted"} when no answer came
   * @param failed whether the exchange ended in an error (a status the tool's policy maps to one,
   *     or no answer)
   * @param duration how long the exchange took
   */
  record Call(String tool, String method, String status, boolean failed, Duration duration) {
    public Call {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(duration, "duration");
    }
  }
}
