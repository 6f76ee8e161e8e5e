package io.github.coexist.core;

import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.service.ServiceDirectory;
import java.util.Optional;

/**
 * An ITSM tool as one bundle of coexist's ports with one lifecycle: what {@link
 * Coexist.Builder#itsm(ItsmAdapter)} wires and {@link Coexist#close()} closes. ServiceNow's and
 * Jira's adapters implement it; {@link #inMemory()} is the embedded default.
 *
 * <p>Where the tool keeps no such records, {@link #problemRecords()} and {@link
 * #feedbackRecords()} return in-memory records owned by the bundle (Jira keeps no problems,
 * ServiceNow's surveys are not written), and {@link #serviceDirectory()} is empty unless the tool
 * is a CMDB. {@link #close()} releases what the bundle holds (HTTP clients, executors); it is
 * idempotent and throws nothing checked.
 */
public interface ItsmAdapter extends AutoCloseable {

  /** The tool's name, such as {@code servicenow}, {@code jira} or {@code inmemory}. */
  String name();

  /** Where change records are kept. */
  ChangeRecords changeRecords();

  /** Where incidents are mirrored. */
  IncidentRecords incidentRecords();

  /** Where problems are mirrored; in-memory records of this bundle when the tool keeps none. */
  ProblemRecords problemRecords();

  /** Where satisfaction answers are kept; in-memory records of this bundle when the tool keeps none. */
  FeedbackRecords feedbackRecords();

  /** The tool's services, owners and dependencies when it is a CMDB; empty otherwise. */
  Optional<ServiceDirectory> serviceDirectory();

  /** Releases what the bundle holds; calling it again does nothing. */
  @Override
  void close();

  /** A bundle of new in-memory ports with no service directory, named {@code inmemory}. */
  static ItsmAdapter inMemory() {
    return new InMemoryItsm();
  }
}
