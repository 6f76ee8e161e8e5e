package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.store.StoredRecord;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generated records, any text and any instant included, read back equal to what was written. */
class StateCodecProperties {
  private final StateCodec codec = StateCodec.get();

  /** Any text: every code point, control characters, quotes and backslashes, and the empty string. */
  private static Gen<String> text() {
    return strings().allPossible().ofLengthBetween(0, 20);
  }

  private static Gen<String> id() {
    return text().map(t -> "x" + t);
  }

  /** Any instant from year -1000 to 3000, to the nanosecond. */
  private static Gen<Instant> instants() {
    return longs().between(-93_000_000_000L, 32_500_000_000L)
        .zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
  }

  private static <T> Gen<Optional<T>> optional(Gen<T> value) {
    return booleans().all().zip(value, (present, v) -> present ? Optional.of(v) : Optional.<T>empty());
  }

  private static Gen<Deployment> anyDeployment() {
    Gen<Deployment.Status> statuses = Generate.enumValues(Deployment.Status.class);
    Gen<Commit> commits = id().zip(instants(), Commit::new);
    return id().zip(text(), statuses, instants(), (id, environment, status, start) -> new Object[] {id, environment,
        status, start})
        .zip(longs().between(0, 10_000_000_000L), lists().of(commits).ofSizeBetween(0, 4),
            optional(id()), optional(text()), (head, took, list, change, repository) -> {
              Deployment.Status status = (Deployment.Status) head[2];
              Instant start = (Instant) head[3];
              Optional<Instant> end = status == Deployment.Status.IN_PROGRESS ? Optional.empty()
                  : Optional.of(start.plusNanos(took));
              return new Deployment(DeploymentId.of((String) head[0]), ServiceId.of("shop"), (String) head[1], status,
                  start, end, list, change.map(ChangeId::of), change.map(IncidentId::of), repository,
                  repository.map(r -> r + "-sha"));
            });
  }

  private static Gen<IncidentFact> anyIncidentFact() {
    return id().zip(integers().between(1, 5), instants(), longs().between(0, 1_000_000_000L),
        (id, priority, opened, after) -> new Object[] {id, priority, opened, after})
        .zip(optional(booleans().all()), integers().between(0, 50), optional(id()), booleans().all(),
            (head, withinSla, reopens, cause, acknowledged) -> {
              Instant opened = (Instant) head[2];
              Optional<Instant> later = Optional.of(opened.plusMillis((Long) head[3]));
              return new IncidentFact(IncidentId.of((String) head[0]), ServiceId.of("shop"), (Integer) head[1], opened,
                  acknowledged ? later : Optional.empty(), acknowledged ? Optional.empty() : later,
                  cause.map(DeploymentId::of), reopens, withinSla);
            });
  }

  private void roundTrips(StoredRecord record) {
    String json = codec.encode(record).getOrElseThrow(e -> new AssertionError(e.message()));
    assertThat(codec.decodeRecord(record.kind(), record.key(), json).get()).isEqualTo(record);
  }

  @Test
  @DisplayName("any deployment is read back equal to the one written")
  void deployments() {
    qt().forAll(anyDeployment()).checkAssert(d -> roundTrips(new StoredRecord.OfDeployment(d)));
  }

  @Test
  @DisplayName("any incident fact is read back equal to the one written")
  void incidentFacts() {
    qt().forAll(anyIncidentFact()).checkAssert(f -> roundTrips(new StoredRecord.OfIncidentFact(f)));
  }
}
