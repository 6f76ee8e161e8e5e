package io.github.coexist.app.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard: one self-contained HTML page (no CDN, no external fonts or scripts), rendered in
 * the browser. {@code demo} writes it with its data embedded as JSON; {@code serve} answers {@link
 * #served()} at {@code /}, whose script asks the API for the summary and the lists, page by page.
 */
public final class DashboardPage {
  private static final String TEMPLATE = load();
  private static final String SLOT = "/*DATA*/";
  /** With no data in it, the page asks the API for its data: the same page whatever the data. */
  private static final String SERVED = TEMPLATE.replace(SLOT, "null");

  private DashboardPage() {}

  /**
   * The page {@code serve} answers: it holds no data, so its size never grows; its script asks
   * {@code api/dashboard/summary}, {@code api/incidents} and {@code api/changes} of the origin it
   * was loaded from, with the browser's credentials for it, and loads more pages on demand.
   */
  public static String served() {
    return SERVED;
  }

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
