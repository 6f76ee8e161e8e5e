package io.github.coexist.core;

/**
 * The keys under which coexist puts what a log line concerns into SLF4J's MDC, for a logging
 * backend to print or index (coexist's app writes them as JSON fields): while a signal from the
 * inbox is processed, its {@link #DELIVERY} key; while a change or an incident is handled, its
 * id. Only coexist's own threads set them, and each is removed when the work is done.
 */
public final class LogContext {
  /** The delivery key of the signal being processed (a webhook's delivery id, an alert's key). */
  public static final String DELIVERY = "delivery";
  /** The id of the change concerned, such as {@code ch-00000042}. */
  public static final String CHANGE = "change";
  /** The id of the incident concerned, such as {@code INC-00000007}. */
  public static final String INCIDENT = "incident";

  private LogContext() {}
}
