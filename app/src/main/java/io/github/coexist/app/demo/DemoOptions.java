package io.github.coexist.app.demo;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the demo.
 *
 * @param seed the story's seed: the same seed tells the same story
 * @param days working days to simulate, ending on a Friday; the story runs on to the Monday after
 * @param out the folder the files are written to
 * @param itsm the ITSM tool
 * @param github whether the pipelines run on the local GitHub stand-in
 */
record DemoOptions(long seed, int days, Path out, ItsmChoice itsm, boolean github) {
  /** The most working days a story simulates. */
  static final int MAX_DAYS = 60;

  /** The seed without {@code --seed}. */
  static final long DEFAULT_SEED = 42;

  /** The working days without {@code --days}. */
  static final int DEFAULT_DAYS = 5;

  /** The output folder without {@code --out}. */
  static final Path DEFAULT_OUT = Path.of("coexist-demo");

  /** The ITSM tools the demo can record in. */
  enum ItsmChoice {
    /** coexist's embedded in-memory records. */
    INMEMORY,
    /** A local ServiceNow stand-in, through the ServiceNow adapter. */
    SERVICENOW,
    /** A local Jira Service Management stand-in, through the Jira adapter. */
    JIRA;

    /** The choice named {@code name} ({@code inmemory}, {@code servicenow}, {@code jira}). */
    static Optional<ItsmChoice> parse(String name) {
      for (ItsmChoice choice : values()) {
        if (choice.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
          return Optional.of(choice);
        }
      }
      return Optional.empty();
    }

    /** The name on the command line. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  DemoOptions {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(itsm, "itsm");
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be 1 to " + MAX_DAYS + ", was " + days);
    }
  }

  /** The defaults: seed 42, 5 days, {@code ./coexist-demo}, in memory, no GitHub. */
  static DemoOptions defaults() {
    return new DemoOptions(DEFAULT_SEED, DEFAULT_DAYS, DEFAULT_OUT, ItsmChoice.INMEMORY, false);
  }
}
