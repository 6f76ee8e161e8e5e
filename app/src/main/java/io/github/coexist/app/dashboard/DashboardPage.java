package io.github.coexist.app.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard: one self-contained HTML page (no CDN, no external fonts or scripts) with its
 * data embedded as JSON, rendered in the browser. Served at {@code /} and written by {@code demo}.
 */
public final class DashboardPage {
  private static final String TEMPLATE = load();
  private static final String SLOT = "/*DATA*/";

  private DashboardPage() {}

  /** The page showing {@code dataJson} (the document {@link DashboardData} builds). */
  public static String render(String dataJson) {
    return TEMPLATE.replace(SLOT, forScript(dataJson));
  }

  /** JSON made safe inside a script element: no closing tag, no line separators JS rejects. */
  static String forScript(String json) {
    return json.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  private static String load() {
    try (InputStream in = DashboardPage.class.getResourceAsStream("dashboard.html")) {
      if (in == null) {
        throw new IllegalStateException("dashboard.html is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
