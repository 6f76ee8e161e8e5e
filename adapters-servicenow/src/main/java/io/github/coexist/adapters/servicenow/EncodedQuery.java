package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one way the adapter writes a {@code sysparm_query}. ServiceNow silently drops a condition
 * whose field it does not know and runs the rest, so a misspelt field, a blank value or an
 * unescaped caret can turn a lookup into a query that matches every row. This builder therefore:
 *
 * <ul>
 *   <li>accepts only field names of the table's {@link TableSchema} (dot-walks are checked on
 *       their first segment and syntax);
 *   <li>refuses blank values, values with line breaks, and commas inside {@code IN} lists;
 *   <li>escapes a caret in a value as {@code ^^}, which ServiceNow reads as a literal caret, so a
 *       value can never start a new condition ({@code ^OR}, {@code ^NQ});
 *   <li>refuses a query without any condition unless {@link #everything} asked for all rows on
 *       purpose.
 * </ul>
 *
 * <p>{@link Builder#build()} reports every problem at once. Callers still check that returned rows
 * really match (see {@code ServiceNowChangeRecords}): defence in depth against instance
 * customisations.
 */
final class EncodedQuery {
  private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private EncodedQuery() {}

  /** A query on {@code table} that must get at least one condition. */
  static Builder on(TableSchema table) {
    return new Builder(table, false);
  }

  /** A query on {@code table} that deliberately matches every row (ordering only). */
  static Builder everything(TableSchema table) {
    return new Builder(table, true);
  }

  /** Escapes a value for an encoded query: a caret is doubled. */
  static String escape(String value) {
    return value.replace("^", "^^");
  }

  /** Collects conditions; not thread-safe. */
  static final class Builder {
    private final TableSchema table;
    private final boolean everything;
    private final List<String> conditions = new ArrayList<>();
    private final List<String> order = new ArrayList<>();
    private final Problems problems = new Problems();

    private Builder(TableSchema table, boolean everything) {
      this.table = Objects.requireNonNull(table, "table");
      this.everything = everything;
    }

    /** {@code field=value}. */
    Builder equal(String field, String value) {
      if (checkField(field) & checkValue(field, value)) {
        conditions.add(field + "=" + escape(value));
      }
      return this;
    }

    /** {@code field!=value}. */
    Builder notEqual(String field, String value) {
      if (checkField(field) & checkValue(field, value)) {
        conditions.add(field + "!=" + escape(value));
      }
      return this;
    }

    /** {@code fieldINa,b,c}: one of the values; each must be free of commas. */
    Builder in(String field, Collection<String> values) {
      boolean ok = checkField(field);
      if (values == null || values.isEmpty()) {
        problems.add("an IN condition on '" + field + "' needs at least one value");
        return this;
      }
      for (String value : values) {
        ok &= checkValue(field, value);
        if (value != null && value.indexOf(',') >= 0) {
          problems.add("value '" + value + "' of an IN condition on '" + field + "' must not contain a comma");
          ok = false;
        }
      }
      if (ok) {
        conditions.add(field + "IN" + String.join(",", values.stream().map(EncodedQuery::escape).toList()));
      }
      return this;
    }

    /** Orders by {@code field} ascending; stable paging needs an order. */
    Builder orderBy(String field) {
      if (checkField(field)) {
        order.add("ORDERBY" + field);
      }
      return this;
    }

    /** The encoded query, or every problem found while building it. */
    Either<CoexistError, String> build() {
      if (conditions.isEmpty() && !everything && problems.isEmpty()) {
        problems.add("a query on " + table.name() + " needs at least one condition; "
            + "an empty query would match every row");
      }
      List<String> parts = new ArrayList<>(conditions);
      parts.addAll(order);
      return problems.toEither(() -> String.join("^", parts));
    }

    private boolean checkField(String field) {
      if (field == null || field.isBlank()) {
        problems.add("a query on " + table.name() + " names a blank field");
        return false;
      }
      if (!FIELD.matcher(field).matches()) {
        problems.add("'" + field + "' is not a field name (lower-case letters, digits, _ and dot-walks only)");
        return false;
      }
      String first = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
      if (!table.knows(first)) {
        problems.add("'" + first + "' is not a known field of " + table.name());
        return false;
      }
      return true;
    }

    private boolean checkValue(String field, String value) {
      if (value == null || value.isBlank()) {
        problems.add("the value for '" + field + "' must not be blank");
        return false;
      }
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        problems.add("the value for '" + field + "' must not contain a line break");
        return false;
      }
      return true;
    }
  }
}
