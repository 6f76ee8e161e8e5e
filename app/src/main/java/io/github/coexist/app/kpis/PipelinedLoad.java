package io.github.coexist.app.kpis;

import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.app.events.BadLines;
import io.github.coexist.app.events.EventLogReader;
import io.github.coexist.app.events.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Loads a log into an engine on two threads: one parses lines, the other adds the facts, in the
 * log's order (a later fact replaces an earlier one, so order matters). Parsing and adding cost
 * about the same, so a large log loads in about half the time.
 */
final class PipelinedLoad {
  // Few facts in flight: parsing outruns adding, and every fact waiting in the queue is one more
  // object the young collections must copy. Two small batches keep both threads busy.
  private static final int BATCH = 512;
  private static final int BATCHES_IN_FLIGHT = 2;
  private static final List<Object> END = List.of();

  private PipelinedLoad() {}

  static EventLogReader.Summary load(InputStream in, KpiEngine engine, BadLines badLines) throws IOException {
    BlockingQueue<List<Object>> batches = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    CompletableFuture<EventLogReader.Summary> parsing = CompletableFuture.supplyAsync(() -> {
      Batcher batcher = new Batcher(batches);
      try {
        EventLogReader.Summary summary = new EventLogReader().read(in, batcher, badLines);
        batcher.flush();
        return summary;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        put(batches, END);
      }
    });
    EventSink sink = EventSink.into(engine);
    try {
      for (List<Object> batch = batches.take(); batch != END; batch = batches.take()) {
        // a plain loop, not forEach with a lambda: one more hot frame would have the JIT compile
        // the engine's whole add path once more, which costs a second of a 2-core machine
        for (int i = 0; i < batch.size(); i++) {
          sink.accept(batch.get(i));
        }
      }
      return parsing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading the log", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException) {
        throw ((UncheckedIOException) e.getCause()).getCause();
      }
      throw new IllegalStateException("parsing the log failed", e.getCause());
    }
  }

  private static void put(BlockingQueue<List<Object>> queue, List<Object> batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing facts over", e);
    }
  }

  /** Collects facts into batches, so that threads meet once per batch rather than once per fact. */
  private static final class Batcher implements Consumer<Object> {
    private final BlockingQueue<List<Object>> queue;
    private List<Object> batch = new ArrayList<>(BATCH);

    Batcher(BlockingQueue<List<Object>> queue) {
      this.queue = queue;
    }

    @Override
    public void accept(Object fact) {
      batch.add(fact);
      if (batch.size() == BATCH) {
        flush();
      }
    }

    void flush() {
      if (!batch.isEmpty()) {
        put(queue, batch);
        batch = new ArrayList<>(BATCH);
      }
    }
  }
}
