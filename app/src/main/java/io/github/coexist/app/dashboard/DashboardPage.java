package io.github.coexist.app.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard: one self-contained HTML page (no CDN, no external fonts or scripts), rendered in
 * the browser. {@code demo} writes it with its data embedded as JSON; {@code serve} answers {@link
 * #served()} at {@code /}, whose script asks the API for the summary and the lists, page by page.
 *
 * <p>The page runs only its own inline script and style: {@link #CONTENT_SECURITY_POLICY} allows
 * them by their SHA-256 and nothing else (no other script, no inline event handler, no frame,
 * no form target), and the page carries it in a {@code <meta>} element too, so a copy saved by
 * {@code demo} is held to it. The embedded data is escaped so that no text in it can end its
 * {@code <script>} element or open a comment in it.
 */
public final class DashboardPage {
  private static final String SLOT = "/*DATA*/";
  private static final String META = "<!--CSP-->";
  private static final Pattern INLINE = Pattern.compile("(?s)<(script|style)>(.*?)</\\1>");
  private static final String TEMPLATE = load();

  /**
   * The page's Content-Security-Policy: its own inline script and style by hash, fetches to its own
   * origin (the API), nothing else. Sent as a header with the page; {@code frame-ancestors} works
   * only there.
   */
  public static final String CONTENT_SECURITY_POLICY = policy(TEMPLATE);
  /** With no data in it, the page asks the API for its data: the same page whatever the data. */
  private static final String SERVED = withPolicy(TEMPLATE).replace(SLOT, "null");

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
    return withPolicy(TEMPLATE).replace(SLOT, forScript(dataJson));
  }

  /** {@code page} carrying its policy in a {@code <meta>} element (which cannot hold {@code frame-ancestors}). */
  private static String withPolicy(String page) {
    return page.replace(META, "<meta http-equiv=\"Content-Security-Policy\" content=\""
        + CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", "") + "\">");
  }

  /**
   * JSON made safe inside a script element: {@code <}, {@code >} and {@code &} as JSON escapes (so
   * neither {@code </script>} nor {@code <!--} can appear, and the parser never enters the
   * script's escaped states), and the line separators old JavaScript rejects. These characters
   * appear only inside JSON strings, where the escapes mean the same text.
   */
  static String forScript(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The policy allowing exactly the inline scripts and styles of {@code template}. */
  static String policy(String template) {
    List<String> scripts = new ArrayList<>();
    List<String> styles = new ArrayList<>();
    Matcher m = INLINE.matcher(template);
    while (m.find()) {
      (m.group(1).equals("script") ? scripts : styles).add("'sha256-" + sha256(m.group(2)) + "'");
    }
    return "default-src 'none'; script-src " + String.join(" ", scripts) + "; style-src " + String.join(" ", styles)
        + "; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
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
