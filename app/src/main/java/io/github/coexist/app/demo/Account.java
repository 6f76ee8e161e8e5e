package io.github.coexist.app.demo;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The demo's readable account on standard output: plain text, at most {@value #WIDTH} characters
 * a line, one block per thing that happened, each starting with its local time. It prints only
 * what it is given and the clock's time, so the same story always reads the same.
 */
final class Account {
  /** The widest line the account prints. */
  static final int WIDTH = 100;

  private static final int LABEL = 11;
  private static final String INDENT = "      ";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

  private final PrintStream out;
  private final Clock clock;
  private LocalDate today;

  Account(PrintStream out, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A line of its own, wrapped. */
  void line(String text) {
    line(text, 2);
  }

  /** A line of its own, wrapped; continuation lines start {@code hang} characters in. */
  void line(String text, int hang) {
    wrap(text, "", " ".repeat(hang)).forEach(out::println);
  }

  /** An empty line. */
  void blank() {
    out.println();
  }

  /** A heading: the text underlined. */
  void heading(String text) {
    out.println();
    out.println(text);
    out.println("=".repeat(Math.min(WIDTH, text.length())));
  }

  /**
   * Starts a block at the clock's time: {@code 09:30 KIND headline}, under a new day heading when
   * the day changed (in Berlin, where the shop works).
   */
  Block block(String kind, String headline) {
    ZonedDateTime now = clock.instant().atZone(Shop.BERLIN);
    if (!now.toLocalDate().equals(today)) {
      today = now.toLocalDate();
      heading(DAY.format(now) + " (times in " + Shop.BERLIN + ")");
    }
    out.println();
    wrap(TIME.format(now) + " " + kind + " " + headline, "", INDENT).forEach(out::println);
    return new Block();
  }

  /**
   * The block for a change the gate decided or moved, with its risk factor by factor (when {@code
   * riskTold}, the risk was told in an earlier block and is summed up in one line), and where the
   * tools keep it.
   */
  void decision(String kind, Change change, Release release, Where where, boolean riskTold) {
    Decision decision = change.decision();
    Block b = block(kind, change.id() + " " + change.service() + " (" + type(change.type()) + " change): "
        + outcome(decision));
    b.row("request", release.summary() + ", asked by " + release.requester().name());
    RiskAssessment risk = change.risk();
    String summary = risk.score() + "/100 " + level(risk) + risk.forcedBy().map(r -> ", forced by rule '" + r + "'").orElse("");
    if (riskTold) {
      b.row("risk", summary + " (as assessed when it was asked for)");
    } else {
      b.row("", release.facts());
      b.row("risk", summary);
      for (FactorContribution c : risk.contributions()) {
        String head = String.format(Locale.ROOT, "  %-20s %3d of %2d  ", c.factor(), Math.round(c.points()),
            Math.round(c.weight()));
        b.row("", head + c.reason(), head.length());
      }
    }
    List<String> reasons = decision.reasons();
    for (int i = riskTold ? Math.max(0, reasons.size() - 1) : 0; i < reasons.size(); i++) {
      b.row(i == 0 || riskTold ? "why" : "", reasons.get(i));
    }
    b.row("policy", decision.policyVersion() + decision.authority().map(a -> ", authority " + a).orElse(""));
    b.row("waits for", decision.waitingFor().orElse("nothing"));
    if (!where.record().isEmpty()) {
      b.row("record", where.record());
    }
    if (!where.pipeline().isEmpty()) {
      b.row("pipeline", where.pipeline());
    }
  }

  /**
   * Where the tools keep a change: its record in the ITSM tool, and the pipeline's side.
   *
   * @param record {@code CHG0030001 in ServiceNow}; empty in memory
   * @param pipeline {@code GitHub run 7000401 of acme-shop/web: protection rule approved}; empty without GitHub
   */
  record Where(String record, String pipeline) {}

  static String outcome(Decision decision) {
    return switch (decision.outcome()) {
      case APPROVED -> decision.decidedBy().equals(io.github.coexist.core.kernel.Actor.COEXIST)
          ? "APPROVED automatically" : "APPROVED by " + decision.decidedBy().name();
      case REJECTED -> decision.decidedBy().equals(io.github.coexist.core.kernel.Actor.COEXIST)
          ? "REJECTED by policy" : "REJECTED by " + decision.decidedBy().name();
      case PENDING -> "PENDING";
    };
  }

  static String type(ChangeType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  static String level(RiskAssessment risk) {
    return risk.level().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** The rows of one block: a label column, then text wrapped to the width. */
  final class Block {
    private Block() {}

    /** One row: {@code label} (may be empty) and its text. */
    Block row(String label, String text) {
      return row(label, text, 2);
    }

    /** One row whose continuation lines start {@code hang} characters into the text column. */
    Block row(String label, String text, int hang) {
      String head = INDENT + String.format(Locale.ROOT, "%-" + LABEL + "s", label);
      wrap(head + text, "", " ".repeat(head.length() + hang)).forEach(out::println);
      return this;
    }
  }

  /** {@code text} cut into lines of at most {@link #WIDTH} at spaces; later lines start with {@code indent}. */
  static List<String> wrap(String text, String first, String indent) {
    List<String> lines = new ArrayList<>();
    String rest = first + text;
    while (rest.length() > WIDTH) {
      int cut = rest.lastIndexOf(' ', WIDTH);
      if (cut <= indent.length()) {
        cut = WIDTH;
      }
      lines.add(rest.substring(0, cut).stripTrailing());
      rest = indent + rest.substring(cut).strip();
    }
    lines.add(rest);
    return lines;
  }

  /** The local time of {@code at} in Berlin, {@code Mon 09:30}. */
  static String when(Instant at) {
    return DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).format(at.atZone(Shop.BERLIN));
  }
}
