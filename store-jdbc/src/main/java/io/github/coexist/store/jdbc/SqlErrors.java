package io.github.coexist.store.jdbc;

import io.github.coexist.core.error.CoexistError;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns a database's exceptions into coexist's typed errors. */
final class SqlErrors {
  private SqlErrors() {}

  /** The error for {@code e}, raised while {@code doing} (a phrase: "appending audit entry 7"). */
  static CoexistError of(SQLException e, String doing) {
    String why = doing + ": " + e.getMessage();
    if (isConstraint(e)) {
      return new CoexistError.Conflict(why);
    }
    String state = Optional.ofNullable(e.getSQLState()).orElse("");
    if (state.equals("22001")) {
      return CoexistError.invalid(why);
    }
    if (state.startsWith("28")) {
      return new CoexistError.Unauthorized(doing + ": the database refused the credentials");
    }
    return new CoexistError.Unavailable(why);
  }

  /** Whether {@code e} is a constraint of the schema refusing a write. */
  static boolean isConstraint(SQLException e) {
    if (e instanceof SQLiteException sqlite) {
      SQLiteErrorCode code = sqlite.getResultCode();
      return code != null && code.name().startsWith("SQLITE_CONSTRAINT");
    }
    String state = e.getSQLState();
    // Class 23 is "integrity constraint violation"; 40001 a serialization failure between writers.
    return state != null && (state.startsWith("23") || state.equals("40001"));
  }

  /** Whether the connection {@code e} came from can no longer be used. */
  static boolean isBroken(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }
}
