package io.github.coexist.core.postmortem;

import io.github.coexist.core.internal.text.DurationText;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A blameless postmortem draft for one incident: what happened when, how much it hurt, what
 * contributed (systems and processes, never a person), and what to do about it.
 *
 * @param incident the incident it is about
 * @param title the incident's title
 * @param generatedAt when the draft was written
 * @param summary a few sentences for people in a hurry
 * @param impact how much it hurt
 * @param timeline what happened, oldest first
 * @param contributingFactors what made it possible or worse, one sentence each
 * @param actionItems what to do about it
 */
public record Postmortem(
    IncidentId incident,
    String title,
    Instant generatedAt,
    String summary,
    ImpactSummary impact,
    List<TimelineEntry> timeline,
    List<String> contributingFactors,
    List<ActionItem> actionItems) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  public Postmortem {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(impact, "impact");
    timeline = List.copyOf(timeline);
    contributingFactors = List.copyOf(contributingFactors);
    actionItems = List.copyOf(actionItems);
  }

  /** The draft as a Markdown document, sections in the order people read them. */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder(2048);
    md.append("# Postmortem: ").append(inline(title)).append(" (").append(incident).append(")\n\n");
    md.append("_Blameless draft written by coexist at ").append(TIME.format(generatedAt))
        .append(" UTC. It describes systems and processes, not people._\n\n");
    md.append("## Summary\n\n").append(inline(summary)).append("\n\n");

    md.append("## Impact\n\n| | |\n|---|---|\n");
    row(md, "Service", impact.service().value());
    row(md, "Priority", impact.priority().label() + (impact.major() ? ", major incident" : ""));
    row(md, "Detected", TIME.format(impact.detectedAt()) + " UTC");
    row(md, "Resolved", impact.resolvedAt().map(t -> TIME.format(t) + " UTC").orElse("not yet"));
    row(md, "Duration", DurationText.of(impact.duration()) + (impact.ongoing() ? " so far" : ""));
    row(md, "Time to acknowledge", impact.timeToAcknowledge().map(DurationText::of).orElse("not acknowledged"));
    row(md, "Dependent services", impact.dependents().isEmpty() ? "none"
        : impact.dependents().stream().map(ServiceId::value).collect(Collectors.joining(", ")));
    row(md, "Alerts", Integer.toString(impact.alertCount()));
    row(md, "Reopened", impact.reopenCount() + " times");
    row(md, "SLA", impact.slaBreached() ? "breached" : "met");

    md.append("\n## Timeline (UTC)\n\n| Time | What | Who |\n|---|---|---|\n");
    for (TimelineEntry entry : timeline) {
      md.append("| ").append(TIME.format(entry.at())).append(" | ").append(cell(entry.text())).append(" | ")
          .append(cell(entry.actor().map(Object::toString).orElse(""))).append(" |\n");
    }

    md.append("\n## Contributing factors\n\n");
    if (contributingFactors.isEmpty()) {
      md.append("None found from the data; add what the responders know.\n");
    }
    contributingFactors.forEach(f -> md.append("- ").append(inline(f)).append('\n'));

    md.append("\n## Action items\n\n");
    if (actionItems.isEmpty()) {
      md.append("None suggested.\n");
    }
    for (ActionItem item : actionItems) {
      md.append("- [ ] ").append(inline(item.title())).append(" (").append(item.kind().name().toLowerCase(Locale.ROOT))
          .append(item.owner().map(o -> ", owner " + o).orElse("")).append(")\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
  }

  /** Table cells may hold no pipe and no line break. */
  private static String cell(String text) {
    return inline(text).replace("|", "\\|");
  }

  private static String inline(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
