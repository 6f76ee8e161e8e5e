package io.github.coexist.core.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a service request, for whoever listens: the KPI engine (fulfilment
 * time, approval time), satisfaction surveys. Carries the request's snapshot right after it.
 */
public sealed interface RequestEvent {

  /** The request right after the event. */
  ServiceRequest request();

  /** When it happened. */
  Instant at();

  /** A request was submitted. */
  record Submitted(ServiceRequest request, Instant at) implements RequestEvent {
    public Submitted {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(at, "at");
    }
  }

  /** A request was approved, by a person or (needing no approval) by coexist. */
  record Approved(ServiceRequest request, Instant at) implements RequestEvent {
    public Approved {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(at, "at");
    }
  }

  /** A request was rejected. */
  record Rejected(ServiceRequest request, Instant at) implements RequestEvent {
    public Rejected {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(at, "at");
    }
  }

  /** A request's fulfilment started. */
  record FulfilmentStarted(ServiceRequest request, Instant at) implements RequestEvent {
    public FulfilmentStarted {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(at, "at");
    }
  }

  /** A request was fulfilled: time for a satisfaction survey. */
  record Fulfilled(ServiceRequest request, Instant at) implements RequestEvent {
    public Fulfilled {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(at, "at");
    }
  }

  /** A request was canceled. */
  record Canceled(ServiceRequest request, Instant at) implements RequestEvent {
    public Canceled {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(at, "at");
    }
  }
}
