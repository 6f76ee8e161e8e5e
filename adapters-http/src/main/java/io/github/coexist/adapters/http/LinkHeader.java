package io.github.coexist.adapters.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RFC 8288 {@code Link} header, as GitHub and ServiceNow page with it:
 * {@code <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"}.
 */
public final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
  private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";,]+)\"?");

  private LinkHeader() {}

  /** Every link by relation name ({@code next}, {@code last}, ...); the first wins on repeats. */
  public static Map<String, String> parse(String header) {
    Map<String, String> links = new LinkedHashMap<>();
    Matcher link = LINK.matcher(header);
    while (link.find()) {
      Matcher rel = REL.matcher(link.group(2));
      if (rel.find()) {
        for (String name : rel.group(1).trim().split("\\s+")) {
          links.putIfAbsent(name, link.group(1));
        }
      }
    }
    return links;
  }

  /** The {@code rel="next"} link of a response, if it has one. */
  public static Optional<String> next(RemoteResponse response) {
    return response.header("link").map(LinkHeader::parse).map(l -> l.get("next"));
  }
}
