package io.github.coexist.core.internal.input;

import io.github.coexist.core.error.Problems;
import io.github.coexist.core.service.ServiceId;
import java.util.Optional;
import java.util.function.IntFunction;
import org.jspecify.annotations.NullUnmarked;

/**
 * Not API: may change in any release. The raw fields a person's report of an incident and a
 * problem raised by hand share (title, service, impact, urgency), with their checks and their clean
 * values. Each input builder holds one and hands its setters on to it; the builder's own type stays
 * the only one its users see.
 *
 * <p>Impact and urgency are read by the level parsers given (for example {@code Impact::ofLevel}),
 * so this package depends on no capability package. Not thread-safe: one instance per builder.
 *
 * @param <I> the impact type
 * @param <U> the urgency type
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class TicketFields<I, U> {
  private final IntFunction<Optional<I>> impacts;
  private final IntFunction<Optional<U>> urgencies;
  private final int maxTitle;
  private String title;
  private String service;
  private int impact;
  private int urgency;

  private TicketFields(IntFunction<Optional<I>> impacts, IntFunction<Optional<U>> urgencies, int maxTitle) {
    this.impacts = impacts;
    this.urgencies = urgencies;
    this.maxTitle = maxTitle;
  }

  /**
   * Empty fields whose title may be at most {@code maxTitle} characters once stripped, and whose
   * levels are read by {@code impacts} and {@code urgencies} (empty for a level they do not know).
   */
  public static <I, U> TicketFields<I, U> of(IntFunction<Optional<I>> impacts, IntFunction<Optional<U>> urgencies,
      int maxTitle) {
    return new TicketFields<>(impacts, urgencies, maxTitle);
  }

  /** Sets the raw title. */
  public void title(String title) {
    this.title = title;
  }

  /** Sets the raw service id. */
  public void service(String service) {
    this.service = service;
  }

  /** Sets the raw impact level. */
  public void impact(int impact) {
    this.impact = impact;
  }

  /** Sets the raw urgency level. */
  public void urgency(int urgency) {
    this.urgency = urgency;
  }

  /** The raw title, as set (null when not). */
  public String rawTitle() {
    return title;
  }

  /**
   * Records, in this order, a missing title, a title that is too long, a missing service and an
   * impact or urgency out of range; returns {@code problems}.
   */
  public Problems check(Problems problems) {
    return problems
        .require(!Problems.isBlank(title), "title is required")
        .require(title == null || title.strip().length() <= maxTitle,
            "title must be at most " + maxTitle + " characters")
        .require(!Problems.isBlank(service), "service is required")
        .require(impacts.apply(impact).isPresent(), "impact must be 1 to 3, was " + impact)
        .require(urgencies.apply(urgency).isPresent(), "urgency must be 1 to 3, was " + urgency);
  }

  /** The stripped title; call only after {@link #check} found no problem. */
  public String title() {
    return title.strip();
  }

  /** The service; call only after {@link #check} found no problem. */
  public ServiceId service() {
    return ServiceId.of(service.strip());
  }

  /** The impact; call only after {@link #check} found no problem. */
  public I impact() {
    return impacts.apply(impact).orElseThrow();
  }

  /** The urgency; call only after {@link #check} found no problem. */
  public U urgency() {
    return urgencies.apply(urgency).orElseThrow();
  }

  /** {@code text} stripped, or empty when it is null or blank: the reading of an optional field. */
  public static Optional<String> optional(String text) {
    return Problems.isBlank(text) ? Optional.empty() : Optional.of(text.strip());
  }
}
