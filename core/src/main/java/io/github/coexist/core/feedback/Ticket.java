package io.github.coexist.core.feedback;

import io.github.coexist.core.catalog.ServiceRequest;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.service.ServiceId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a survey is about: a resolved incident or a fulfilled service request.
 *
 * @param kind incident or request
 * @param id coexist's id of it
 * @param service the service it concerned, when there is one
 * @param externalKey where the ITSM tool keeps it, when it does (Jira's CSAT is stored on the issue)
 */
public record Ticket(Kind kind, String id, Optional<ServiceId> service, Optional<ExternalKey> externalKey) {

  /** The kinds of ticket surveys are offered on. */
  public enum Kind {
    /** An incident. */
    INCIDENT,
    /** A service request. */
    REQUEST
  }

  public Ticket {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(externalKey, "externalKey");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a ticket needs an id");
    }
  }

  /** The ticket of {@code incident}. */
  public static Ticket of(Incident incident) {
    return new Ticket(Kind.INCIDENT, incident.id().value(), Optional.of(incident.service()), incident.externalKey());
  }

  /** The ticket of {@code request}. */
  public static Ticket of(ServiceRequest request) {
    return new Ticket(Kind.REQUEST, request.id().value(), Optional.empty(), Optional.empty());
  }

  /** What identifies the ticket whatever else is known about it: {@code incident:INC-1}. */
  public String key() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + id;
  }
}
