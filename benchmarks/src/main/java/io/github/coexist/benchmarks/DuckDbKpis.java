package io.github.coexist.benchmarks;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.kpi.KpiEngine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalDouble;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The same DORA numbers computed the way a user would otherwise compute them: the facts loaded
 * into DuckDB tables through its appender, then one SQL query per window. The SQL follows coexist's
 * definitions exactly (first successful production deployment of a commit by finish then id;
 * explicit links win; else, for P1 to P3, the latest deployment of the service within the
 * attribution window, ties to the greater id; a failed production deployment is a failed change
 * too), so the numbers must agree.
 */
public final class DuckDbKpis implements AutoCloseable {
  private static final String DORA_SQL = String.join("\n",
      "WITH prod AS (",
      "  SELECT id, service, finished, hotfix FROM deployments",
      "  WHERE success AND lower(trim(environment)) IN ('production', 'prod')),",
      "win AS (SELECT * FROM prod WHERE finished >= $1 AND finished < $2),",
      "firsts AS (",
      "  SELECT p.finished, c.committed,",
      "         row_number() OVER (PARTITION BY c.sha ORDER BY p.finished, p.id, c.position) AS rank",
      "  FROM deployment_commits c JOIN prod p ON p.id = c.deployment_id),",
      "leads AS (",
      "  SELECT finished - committed AS lead FROM firsts",
      "  WHERE rank = 1 AND finished >= $1 AND finished < $2 AND finished - committed > 0),",
      "latest AS (SELECT service, finished, max(id) AS id FROM prod GROUP BY service, finished),",
      "attributed AS (",
      "  SELECT i.id AS incident, p.id AS deployment, p.finished, i.resolved",
      "  FROM incidents i JOIN prod p ON p.id = i.caused_by",
      "  UNION ALL",
      "  SELECT i.id, l.id, l.finished, i.resolved",
      "  FROM incidents i ASOF JOIN latest l ON i.service = l.service AND i.opened >= l.finished",
      "  WHERE i.caused_by IS NULL AND i.priority <= $4 AND i.opened - l.finished <= $3)",
      "SELECT",
      "  (SELECT count(*) FROM win) AS deployments,",
      "  (SELECT count(DISTINCT finished // 86400000) FROM win) AS days,",
      "  (SELECT count(*) FILTER (WHERE hotfix) FROM win) AS hotfixes,",
      "  (SELECT quantile_cont(lead, 0.5) FROM leads) AS lead_median,",
      "  (SELECT quantile_cont(lead, 0.9) FROM leads) AS lead_p90,",
      "  (SELECT count(DISTINCT a.deployment) FROM attributed a JOIN win w ON w.id = a.deployment)",
      "  + (SELECT count(*) FROM deployments WHERE NOT success AND lower(trim(environment)) IN ('production', 'prod')",
      "     AND finished >= $1 AND finished < $2) AS failed,",
      "  (SELECT quantile_cont(resolved - finished, 0.5) FROM attributed",
      "   WHERE resolved >= $1 AND resolved < $2 AND resolved - finished >= 0) AS recovery_median");

  private final Connection connection;
  private final PreparedStatement dora;
  private final long attributionWindow;

  private DuckDbKpis(Connection connection, Duration attributionWindow) throws SQLException {
    this.connection = connection;
    this.dora = connection.prepareStatement(DORA_SQL);
    this.attributionWindow = attributionWindow.toMillis();
  }

  /** An in-memory DuckDB holding {@code data}, loaded through the appender. */
  public static DuckDbKpis load(KpiData data) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE deployments (id VARCHAR, service VARCHAR, environment VARCHAR, success BOOLEAN,"
          + " finished BIGINT, hotfix BOOLEAN)");
      ddl.execute("CREATE TABLE deployment_commits (deployment_id VARCHAR, position INTEGER, sha VARCHAR, committed BIGINT)");
      ddl.execute("CREATE TABLE incidents (id VARCHAR, service VARCHAR, opened BIGINT, resolved BIGINT, caused_by VARCHAR,"
          + " priority INTEGER)");
    }
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
    try (DuckDBAppender deployments = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "deployments");
        DuckDBAppender commits = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "deployment_commits")) {
      for (Deployment d : data.deployments()) {
        deployments.beginRow().append(d.id().value()).append(d.service().value()).append(d.environment())
            .append(d.succeeded()).append(d.finishedAt().get().toEpochMilli()).append(d.hotfixFor().isPresent()).endRow();
        int position = 0;
        for (Commit c : d.commits()) {
          commits.beginRow().append(d.id().value()).append(position++).append(c.sha())
              .append(c.committedAt().toEpochMilli()).endRow();
        }
      }
    }
    try (DuckDBAppender incidents = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "incidents")) {
      for (IncidentFact i : data.incidents()) {
        incidents.beginRow().append(i.id().value()).append(i.service().value()).append(i.openedAt().toEpochMilli());
        if (i.resolvedAt().isPresent()) {
          incidents.append(i.resolvedAt().get().toEpochMilli());
        } else {
          incidents.appendNull();
        }
        if (i.causedBy().isPresent()) {
          incidents.append(i.causedBy().get().value());
        } else {
          incidents.appendNull();
        }
        incidents.append(i.priority());
        incidents.endRow();
      }
    }
    return new DuckDbKpis(connection, Duration.ofHours(24));
  }

  /** The DORA numbers of the organisation over {@code [from, to)}, in epoch milliseconds. */
  public DoraNumbers query(long from, long to) throws SQLException {
    dora.setLong(1, from);
    dora.setLong(2, to);
    dora.setLong(3, attributionWindow);
    dora.setInt(4, KpiEngine.DEFAULT_HEURISTIC_PRIORITY);
    try (ResultSet row = dora.executeQuery()) {
      row.next();
      return new DoraNumbers(row.getLong("deployments"), row.getLong("days"), row.getLong("hotfixes"),
          seconds(row, "lead_median"), seconds(row, "lead_p90"), row.getLong("failed"), seconds(row, "recovery_median"));
    }
  }

  private static OptionalDouble seconds(ResultSet row, String column) throws SQLException {
    double millis = row.getDouble(column);
    return row.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(millis / 1000.0);
  }

  @Override
  public void close() throws SQLException {
    dora.close();
    connection.close();
  }
}
