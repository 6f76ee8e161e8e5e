package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.support.FlakyTool;
import io.vavr.control.Either;
import java.util.Optional;

/** Incident records in a {@link FlakyTool}: down and up at will, copied across a restart. */
final class ToolRecords implements IncidentRecords {
  final FlakyTool<Incident, RecordedIncident> tool;

  ToolRecords() {
    this(new FlakyTool<>(Incident::recordKey, RecordedIncident::created, RecordedIncident::of));
  }

  private ToolRecords(FlakyTool<Incident, RecordedIncident> tool) {
    this.tool = tool;
  }

  /** The same tool, as a restarted desk finds it. */
  ToolRecords copy() {
    return new ToolRecords(tool.copy());
  }

  @Override
  public String system() {
    return "tool";
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Incident incident) {
    return tool.ensure(incident);
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return tool.find(key);
  }

  @Override
  public Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident) {
    return tool.update(key, incident);
  }

  @Override
  public Either<CoexistError, RecordedIncident> read(ExternalKey key) {
    return tool.read(key);
  }
}
