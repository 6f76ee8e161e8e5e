package io.github.coexist.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Chooses how the app logs, before anything logs: text ({@code logback.xml}) or, with {@code
 * COEXIST_LOG_FORMAT=json}, one JSON object a line ({@code logback-json.xml}, {@link
 * JsonLogEncoder}); {@code COEXIST_LOG_LEVEL} sets the level. A {@code -Dlogback.configurationFile}
 * given on the command line wins over both.
 */
public final class Logging {
  /** The environment variable choosing the format. */
  public static final String FORMAT = "COEXIST_LOG_FORMAT";
  /** The environment variable choosing the level. */
  public static final String LEVEL = "COEXIST_LOG_LEVEL";
  private static final String CONFIGURATION = "logback.configurationFile";

  private Logging() {}

  /**
   * Points Logback at the configuration {@code env} asks for; call before the first logger is made.
   * Answers the problem with {@code env}'s format, if it names none coexist knows.
   */
  public static Optional<String> configure(Map<String, String> env) {
    String format = env.getOrDefault(FORMAT, "text").strip().toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      return Optional.of(FORMAT + " must be text or json, was '" + env.get(FORMAT) + "'");
    }
    if (format.equals("json") && System.getProperty(CONFIGURATION) == null) {
      System.setProperty(CONFIGURATION, "logback-json.xml");
    }
    return Optional.empty();
  }

  /**
   * Keeps only warnings and errors, for a command whose output is its own story (the demo), unless
   * {@code env} sets the level.
   */
  public static void quiet(Map<String, String> env) {
    if (env.containsKey(LEVEL)) {
      return;
    }
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.WARN);
    }
  }
}
