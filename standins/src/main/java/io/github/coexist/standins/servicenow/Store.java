package io.github.coexist.standins.servicenow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's tables: records as maps of raw string values, a class hierarchy (a query on
 * {@code cmdb_ci_service} also returns {@code cmdb_ci_service_business} rows, as table inheritance
 * does in ServiceNow), and an encoded-query evaluator that, like a real instance, silently drops a
 * condition on a field the table does not have. Not thread-safe: the server serialises access.
 */
final class Store {
  private static final Pattern CONDITION =
      Pattern.compile("^([a-z0-9_.]+?)(!=|=|NOT IN|IN|STARTSWITH|ENDSWITH|LIKE|ISEMPTY|ISNOTEMPTY)(.*)$", Pattern.DOTALL);

  private final Map<String, String> parents = new HashMap<>();
  private final Map<String, Set<String>> schema = new HashMap<>();
  private final Map<String, LinkedHashMap<String, Map<String, String>>> tables = new HashMap<>();
  private final Map<String, String> tableOf = new HashMap<>();
  private final Map<String, Long> order = new HashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  boolean invalidQueryReturnsNoRows;

  /** Declares {@code table}, extending {@code parent} (or null), with its own fields. */
  void declare(String table, String parent, Set<String> fields) {
    if (parent != null) {
      parents.put(table, parent);
    }
    schema.put(table, Set.copyOf(fields));
    tables.putIfAbsent(table, new LinkedHashMap<>());
  }

  boolean hasTable(String table) {
    return schema.containsKey(table);
  }

  /** Whether {@code table} or a table it extends declares {@code field}, or a row of it has it. */
  boolean knows(String table, String field) {
    for (String t = table; t != null; t = parents.get(t)) {
      if (schema.getOrDefault(t, Set.of()).contains(field)) {
        return true;
      }
    }
    return rows(table).stream().anyMatch(r -> r.containsKey(field));
  }

  /** Whether {@code table} is {@code ancestor} or extends it. */
  boolean isA(String table, String ancestor) {
    for (String t = table; t != null; t = parents.get(t)) {
      if (t.equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  void insert(String table, Map<String, String> record) {
    String sysId = record.get("sys_id");
    record.putIfAbsent("sys_class_name", table);
    tables.get(table).put(sysId, record);
    tableOf.put(sysId, table);
    order.put(sysId, sequence.incrementAndGet());
  }

  void delete(String sysId) {
    String table = tableOf.remove(sysId);
    if (table != null) {
      tables.get(table).remove(sysId);
    }
  }

  /** The record {@code sysId} if it lives in {@code table} or a table extending it. */
  Optional<Map<String, String>> get(String table, String sysId) {
    String concrete = tableOf.get(sysId);
    if (concrete == null || !isA(concrete, table)) {
      return Optional.empty();
    }
    return Optional.of(tables.get(concrete).get(sysId));
  }

  /** Any record by sys_id, for dot-walking references. */
  Optional<Map<String, String>> any(String sysId) {
    String concrete = tableOf.get(sysId);
    return concrete == null ? Optional.empty() : Optional.of(tables.get(concrete).get(sysId));
  }

  Optional<String> tableOf(String sysId) {
    return Optional.ofNullable(tableOf.get(sysId));
  }

  /** Every row of {@code table} and the tables extending it, in insertion order. */
  List<Map<String, String>> rows(String table) {
    List<Map<String, String>> rows = new ArrayList<>();
    tables.forEach((t, records) -> {
      if (isA(t, table)) {
        rows.addAll(records.values());
      }
    });
    rows.sort(Comparator.comparingLong(r -> order.getOrDefault(r.get("sys_id"), 0L)));
    return rows;
  }

  /** The value of a possibly dot-walked field ({@code support_group.name}). */
  String value(Map<String, String> record, String field) {
    int dot = field.indexOf('.');
    if (dot < 0) {
      return record.getOrDefault(field, "");
    }
    String reference = record.getOrDefault(field.substring(0, dot), "");
    return any(reference).map(r -> value(r, field.substring(dot + 1))).orElse("");
  }

  /** The rows of {@code table} matching the encoded {@code query}, ordered as it asks. */
  List<Map<String, String>> query(String table, String query) {
    List<java.util.function.Predicate<Map<String, String>>> conditions = new ArrayList<>();
    List<Comparator<Map<String, String>>> orders = new ArrayList<>();
    for (String term : split(query == null ? "" : query)) {
      if (term.isEmpty()) {
        continue;
      }
      if (term.startsWith("ORDERBYDESC") || term.startsWith("ORDERBY")) {
        boolean desc = term.startsWith("ORDERBYDESC");
        String field = term.substring(desc ? "ORDERBYDESC".length() : "ORDERBY".length());
        if (knows(table, field.contains(".") ? field.substring(0, field.indexOf('.')) : field)) {
          Comparator<Map<String, String>> c = Comparator.comparing(r -> value(r, field));
          orders.add(desc ? c.reversed() : c);
        }
        continue;
      }
      Matcher m = CONDITION.matcher(term);
      String field = m.matches() ? m.group(1) : "";
      String root = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
      if (!m.matches() || !knows(table, root)) {
        if (invalidQueryReturnsNoRows) {
          return List.of();
        }
        continue; // what a real instance does with an unknown field: drop the condition, run the rest
      }
      String op = m.group(2);
      String operand = m.group(3);
      conditions.add(record -> test(value(record, field), op, operand));
    }
    List<Map<String, String>> matched = new ArrayList<>();
    for (Map<String, String> row : rows(table)) {
      if (conditions.stream().allMatch(c -> c.test(row))) {
        matched.add(row);
      }
    }
    if (!orders.isEmpty()) {
      matched.sort(orders.stream().reduce(Comparator::thenComparing).orElseThrow());
    }
    return matched;
  }

  private static boolean test(String value, String op, String operand) {
    return switch (op) {
      case "=" -> value.equals(operand);
      case "!=" -> !value.equals(operand);
      case "IN" -> List.of(operand.split(",", -1)).contains(value);
      case "NOT IN" -> !List.of(operand.split(",", -1)).contains(value);
      case "STARTSWITH" -> value.startsWith(operand);
      case "ENDSWITH" -> value.endsWith(operand);
      case "LIKE" -> value.toLowerCase(Locale.ROOT).contains(operand.toLowerCase(Locale.ROOT));
      case "ISEMPTY" -> value.isEmpty();
      case "ISNOTEMPTY" -> !value.isEmpty();
      default -> false;
    };
  }

  /** Splits an encoded query on {@code ^}; a doubled caret {@code ^^} is a literal caret. */
  static List<String> split(String query) {
    List<String> terms = new ArrayList<>();
    StringBuilder term = new StringBuilder();
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '^') {
        if (i + 1 < query.length() && query.charAt(i + 1) == '^') {
          term.append('^');
          i++;
        } else {
          terms.add(term.toString());
          term.setLength(0);
        }
      } else {
        term.append(c);
      }
    }
    terms.add(term.toString());
    return terms;
  }
}
