package io.github.coexist.micrometer;

import io.github.coexist.core.signal.SignalObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** Counts the signals coexist takes in, by source, kind and what became of them at the door. */
final class IntakeMeters implements SignalObserver {
  static final String SIGNALS = "coexist.signals";

  private final MeterRegistry registry;
  private final TagCap sources = new TagCap(CoexistMetrics.MAX_TAG_VALUES);
  private final TagCap kinds = new TagCap(CoexistMetrics.MAX_TAG_VALUES);

  IntakeMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void observed(String source, String kind, Result result) {
    Counter.builder(SIGNALS).description("Signals taken in (webhook deliveries, alerts), by source, kind and result")
        .tag("source", sources.admit(source)).tag("kind", kinds.admit(kind))
        .tag("result", result.name().toLowerCase(Locale.ROOT))
        .register(registry).increment();
  }
}
