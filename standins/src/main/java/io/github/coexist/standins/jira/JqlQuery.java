package io.github.coexist.standins.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The subset of JQL the stand-in understands: clauses {@code field = value} joined by {@code AND},
 * on {@code project}, {@code key}, {@code issuetype}, {@code labels} and {@code
 * issue.property[key].path}; values bare or double-quoted with backslash escapes. Anything else is
 * refused the way Jira refuses a bad query.
 */
final class JqlQuery {

  /** One {@code field = value} clause; {@code property} and {@code path} for entity properties. */
  record Clause(String field, String property, String path, String value) {}

  /** A query Jira would refuse, with Jira's message. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private final List<Clause> clauses;

  private JqlQuery(List<Clause> clauses) {
    this.clauses = List.copyOf(clauses);
  }

  List<Clause> clauses() {
    return clauses;
  }

  /** Whether a project or key clause bounds the query, as {@code /search/jql} requires. */
  boolean bounded() {
    return clauses.stream().anyMatch(c -> c.field().equals("project") || c.field().equals("key"));
  }

  static JqlQuery parse(String jql) throws Refused {
    String text = jql.strip();
    int orderBy = text.toLowerCase(Locale.ROOT).indexOf(" order by ");
    if (orderBy >= 0) {
      text = text.substring(0, orderBy);
    }
    List<Clause> out = new ArrayList<>();
    int[] pos = {0};
    while (true) {
      skipSpace(text, pos);
      String field = field(text, pos);
      skipSpace(text, pos);
      if (pos[0] >= text.length() || text.charAt(pos[0]) != '=') {
        throw new Refused("Error in the JQL Query: Expecting operator '=' after '" + field + "' at character " + pos[0] + ".");
      }
      pos[0]++;
      skipSpace(text, pos);
      String value = value(text, pos);
      out.add(clause(field, value));
      skipSpace(text, pos);
      if (pos[0] >= text.length()) {
        return new JqlQuery(out);
      }
      if (!text.regionMatches(true, pos[0], "AND ", 0, 4)) {
        throw new Refused("Error in the JQL Query: Expecting 'AND' at character " + pos[0] + ".");
      }
      pos[0] += 4;
    }
  }

  private static Clause clause(String field, String value) throws Refused {
    String lower = field.toLowerCase(Locale.ROOT);
    if (lower.startsWith("issue.property[")) {
      int close = field.indexOf(']');
      if (close < 0 || close + 2 > field.length() || field.charAt(close + 1) != '.') {
        throw new Refused("Error in the JQL Query: malformed property reference '" + field + "'.");
      }
      return new Clause("property", field.substring("issue.property[".length(), close), field.substring(close + 2), value);
    }
    if (List.of("project", "key", "issuetype", "labels").contains(lower)) {
      return new Clause(lower, null, null, value);
    }
    throw new Refused("Field '" + field + "' does not exist or you do not have permission to view it.");
  }

  private static String field(String text, int[] pos) throws Refused {
    int start = pos[0];
    int depth = 0;
    while (pos[0] < text.length()) {
      char c = text.charAt(pos[0]);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (depth == 0 && (Character.isWhitespace(c) || c == '=')) {
        break;
      }
      pos[0]++;
    }
    if (pos[0] == start) {
      throw new Refused("Error in the JQL Query: Expecting a field name at character " + start + ".");
    }
    return text.substring(start, pos[0]);
  }

  private static String value(String text, int[] pos) throws Refused {
    if (pos[0] < text.length() && text.charAt(pos[0]) == '"') {
      StringBuilder out = new StringBuilder();
      pos[0]++;
      while (pos[0] < text.length()) {
        char c = text.charAt(pos[0]++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\' && pos[0] < text.length()) {
          char e = text.charAt(pos[0]++);
          switch (e) {
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
              if (pos[0] + 4 > text.length()) {
                throw new Refused("Error in the JQL Query: bad unicode escape.");
              }
              out.append((char) Integer.parseInt(text.substring(pos[0], pos[0] + 4), 16));
              pos[0] += 4;
            }
            default -> out.append(e);
          }
        } else {
          out.append(c);
        }
      }
      throw new Refused("Error in the JQL Query: The quoted string has not been completed.");
    }
    int start = pos[0];
    while (pos[0] < text.length() && !Character.isWhitespace(text.charAt(pos[0]))) {
      char c = text.charAt(pos[0]);
      if (c == '"' || c == '\\' || c == '=') {
        throw new Refused("Error in the JQL Query: The character '" + c + "' is a reserved JQL character. "
            + "You must enclose it in a string or use the escape '\\u" + String.format("%04x", (int) c) + "' instead.");
      }
      pos[0]++;
    }
    if (start == pos[0]) {
      throw new Refused("Error in the JQL Query: Expecting either a value, list or function but got end of query.");
    }
    return text.substring(start, pos[0]);
  }

  private static void skipSpace(String text, int[] pos) {
    while (pos[0] < text.length() && Character.isWhitespace(text.charAt(pos[0]))) {
      pos[0]++;
    }
  }

  /** The property clauses' property keys, for the index check. */
  List<String> properties() {
    return clauses.stream().filter(c -> c.field().equals("property")).map(Clause::property).toList();
  }

  Optional<Clause> first(String field) {
    return clauses.stream().filter(c -> c.field().equals(field)).findFirst();
  }
}
