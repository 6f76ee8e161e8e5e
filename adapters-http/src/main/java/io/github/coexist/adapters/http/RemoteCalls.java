package io.github.coexist.adapters.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's {@link CallObserver}s, which every {@link RemoteClient} tells about each exchange.
 * Process-wide so that an application can observe the adapters' calls without the adapters
 * knowing (each builds its own clients): the app registers one observer at start-up and closes
 * its registration at shutdown. None unless registered; the cost of a call is then one empty-list
 * check. Thread-safe.
 */
public final class RemoteCalls {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteCalls.class);
  private static final CopyOnWriteArrayList<CallObserver> OBSERVERS = new CopyOnWriteArrayList<>();

  private RemoteCalls() {}

  /** An observer's registration; closing it stops the observer hearing calls. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    /** Removes the observer; closing twice does nothing more. */
    @Override
    void close();
  }

  /** Makes {@code observer} hear every exchange of every client from now until the registration is closed. */
  public static Registration observe(CallObserver observer) {
    Objects.requireNonNull(observer, "observer");
    CallObserver unique = observer::called; // removal takes this registration away, not an equal one
    OBSERVERS.add(unique);
    return () -> OBSERVERS.remove(unique);
  }

  /** Tells every observer about one exchange. */
  static void called(String tool, String method, String status, boolean failed, long startedNanos) {
    if (OBSERVERS.isEmpty()) {
      return;
    }
    CallObserver.Call call = new CallObserver.Call(tool, method, status, failed,
        Duration.ofNanos(System.nanoTime() - startedNanos));
    for (CallObserver observer : OBSERVERS) {
      try {
        observer.called(call);
      } catch (RuntimeException e) {
        LOG.warn("call observer {} failed on a {} call", observer, tool, e);
      }
    }
  }
}
