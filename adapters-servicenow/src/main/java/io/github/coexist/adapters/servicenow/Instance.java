package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.LinkHeader;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.adapters.http.RemoteResponse;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ServiceNow instance as the adapter speaks to it: the Table API ({@code /api/now/table}) and,
 * where the instance has it, the Change Management API ({@code /api/sn_chg_rest}). Every read asks
 * for raw values ({@code sysparm_display_value=false}), bare reference sys_ids ({@code
 * sysparm_exclude_reference_link=true}) and only the fields it needs ({@code sysparm_fields});
 * list reads follow {@code Link rel="next"} until there is none, because rows hidden by ACLs are
 * removed after paging and a short page is not the end. Thread-safe.
 */
final class Instance {
  private static final Logger LOG = LoggerFactory.getLogger(Instance.class);
  static final String TABLE = "/api/now/table/";
  static final String CHANGE_API = "/api/sn_chg_rest/change";
  private static final int MAX_PAGES = 10_000;

  private final RemoteClient client;
  private final int pageSize;
  private final ServiceNowConfig.ChangeApi changeApiMode;
  private volatile Boolean changeApi;

  Instance(RemoteClient client, int pageSize, ServiceNowConfig.ChangeApi changeApiMode) {
    this.client = client;
    this.pageSize = pageSize;
    this.changeApiMode = changeApiMode;
    if (changeApiMode != ServiceNowConfig.ChangeApi.AUTO) {
      changeApi = changeApiMode == ServiceNowConfig.ChangeApi.ALWAYS;
    }
  }

  /** One record by sys_id; {@code NotFound} naming {@code what} when it does not exist (or ACLs hide it). */
  Either<CoexistError, JsonNode> get(TableSchema table, String sysId, String what, String fields) {
    RemoteRequest request = read(RemoteRequest.get(TABLE + table.name() + "/" + sysId), fields).build();
    return send(request)
        .mapLeft(e -> e instanceof CoexistError.NotFound ? new CoexistError.NotFound(what, sysId) : e)
        .flatMap(r -> result(r, false));
  }

  /** Every row of {@code query} (which should carry an {@code ORDERBY}), page by page. */
  Either<CoexistError, List<JsonNode>> findAll(TableSchema table, String query, String fields) {
    List<JsonNode> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    RemoteRequest request = read(RemoteRequest.get(TABLE + table.name()), fields)
        .query("sysparm_query", query)
        .query("sysparm_limit", Integer.toString(pageSize))
        .query("sysparm_offset", "0")
        .build();
    for (int page = 0; page < MAX_PAGES; page++) {
      Either<CoexistError, RemoteResponse> response = send(request);
      if (response.isLeft()) {
        return Either.left(response.getLeft());
      }
      Either<CoexistError, JsonNode> result = result(response.get(), true);
      if (result.isLeft()) {
        return Either.left(result.getLeft());
      }
      rows.addAll(rows(result.get()));
      Optional<String> next = LinkHeader.next(response.get());
      if (next.isEmpty()) {
        return Either.right(rows);
      }
      if (!seen.add(next.get())) {
        return Either.left(new CoexistError.Unavailable(
            "ServiceNow's next-page link for " + table.name() + " points back to a page already read"));
      }
      Either<CoexistError, String> relative = relative(next.get(), table);
      if (relative.isLeft()) {
        return Either.left(relative.getLeft());
      }
      request = RemoteRequest.get(relative.get()).header("Accept", "application/json").build();
    }
    return Either.left(new CoexistError.Unavailable(
        "ServiceNow kept paging " + table.name() + " past " + MAX_PAGES + " pages"));
  }

  /**
   * The path and query of a next-page link, sent relative to the configured instance URL: the
   * instance may name itself by another host than the one configured (or sit behind a proxy with
   * a path prefix), and credentials only ever go to the configured one.
   */
  private static Either<CoexistError, String> relative(String link, TableSchema table) {
    try {
      URI uri = new URI(link);
      if (uri.getRawPath() == null || !uri.getRawPath().startsWith(TABLE + table.name())) {
        return Either.left(new CoexistError.Unavailable("ServiceNow's next-page link for " + table.name()
            + " points elsewhere: " + uri.getRawPath()));
      }
      return Either.right(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    } catch (URISyntaxException e) {
      return Either.left(new CoexistError.Unavailable("ServiceNow sent a malformed next-page link for " + table.name()));
    }
  }

  /** Creates a record with the Table API; not retried after a server error (it may have been created). */
  Either<CoexistError, JsonNode> create(TableSchema table, ObjectNode body, String fields) {
    RemoteRequest request = RemoteRequest.post(TABLE + table.name(), Json.write(body))
        .header("Accept", "application/json")
        .query("sysparm_display_value", "false")
        .query("sysparm_exclude_reference_link", "true")
        .query("sysparm_fields", fields)
        .build();
    return send(request).flatMap(r -> result(r, false));
  }

  /** Sets fields of a record with the Table API (PATCH: idempotent, so retried). */
  Either<CoexistError, JsonNode> update(TableSchema table, String sysId, ObjectNode body, String what, String fields) {
    RemoteRequest request = RemoteRequest.patch(TABLE + table.name() + "/" + sysId, Json.write(body))
        .header("Accept", "application/json")
        .query("sysparm_display_value", "false")
        .query("sysparm_exclude_reference_link", "true")
        .query("sysparm_fields", fields)
        .build();
    return send(request)
        .mapLeft(e -> e instanceof CoexistError.NotFound ? new CoexistError.NotFound(what, sysId) : e)
        .flatMap(r -> result(r, false));
  }

  /**
   * Whether the instance has the Change Management API. Probed once ({@code GET
   * /api/sn_chg_rest/change?sysparm_limit=1}: 200 yes; 400, 403 or 404 no) and remembered; a
   * transient failure of the probe is returned and the probe repeated next time.
   */
  Either<CoexistError, Boolean> hasChangeApi() {
    Boolean known = changeApi;
    if (known != null) {
      return Either.right(known);
    }
    RemoteRequest probe = RemoteRequest.get(CHANGE_API)
        .header("Accept", "application/json")
        .query("sysparm_limit", "1")
        .build();
    Either<CoexistError, RemoteResponse> answer = send(probe);
    if (answer.isRight()) {
      changeApi = true;
    } else if (answer.getLeft() instanceof CoexistError.NotFound
        || answer.getLeft() instanceof CoexistError.InvalidInput
        || answer.getLeft() instanceof CoexistError.Forbidden) {
      LOG.info("ServiceNow has no usable Change Management API ({}); using the Table API", answer.getLeft().message());
      changeApi = false;
    } else {
      return Either.left(answer.getLeft());
    }
    LOG.debug("ServiceNow Change Management API present: {}", changeApi);
    return Either.right(changeApi);
  }

  /** {@code POST /api/sn_chg_rest/change/<path>} with field values in the body. */
  Either<CoexistError, JsonNode> changeApiCreate(String path, ObjectNode body) {
    RemoteRequest request = RemoteRequest.post(CHANGE_API + path, Json.write(body))
        .header("Accept", "application/json")
        .build();
    return send(request).flatMap(r -> result(r, false));
  }

  /** {@code PATCH /api/sn_chg_rest/change/<sys_id>}. */
  Either<CoexistError, JsonNode> changeApiUpdate(String sysId, ObjectNode body) {
    RemoteRequest request = RemoteRequest.patch(CHANGE_API + "/" + sysId, Json.write(body))
        .header("Accept", "application/json")
        .build();
    return send(request)
        .mapLeft(e -> e instanceof CoexistError.NotFound ? new CoexistError.NotFound("change record", sysId) : e)
        .flatMap(r -> result(r, false));
  }

  /** {@code PATCH /api/sn_chg_rest/change/<sys_id>/approvals} with {@code {"state": approved|rejected}}. */
  Either<CoexistError, JsonNode> changeApiApprove(String sysId, String state) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("state", state);
    RemoteRequest request = RemoteRequest.patch(CHANGE_API + "/" + sysId + "/approvals", Json.write(body))
        .header("Accept", "application/json")
        .build();
    return send(request).flatMap(r -> result(r, false));
  }

  /**
   * The state codes a change may move to now, from {@code GET
   * /api/sn_chg_rest/change/<sys_id>/nextstate} ({@code result.available_states}).
   */
  Either<CoexistError, Set<String>> nextStates(String sysId) {
    RemoteRequest request = RemoteRequest.get(CHANGE_API + "/" + sysId + "/nextstate")
        .header("Accept", "application/json")
        .build();
    return send(request).flatMap(r -> result(r, false)).flatMap(result -> {
      JsonNode states = result.path("available_states");
      if (!states.isArray()) {
        return Either.left(new CoexistError.Unavailable(
            "ServiceNow's nextstate answer for " + sysId + " has no available_states list"));
      }
      Set<String> codes = new LinkedHashSet<>();
      states.forEach(s -> codes.add(s.isObject() ? s.path("value").asText() : s.asText()));
      return Either.right(codes);
    });
  }

  /** The standard change templates named exactly {@code name}, from the Change Management API. */
  Either<CoexistError, List<JsonNode>> standardTemplates(String query) {
    RemoteRequest request = RemoteRequest.get(CHANGE_API + "/standard/template")
        .header("Accept", "application/json")
        .query("sysparm_query", query)
        .query("sysparm_limit", "10")
        .build();
    return send(request).flatMap(r -> result(r, true)).map(Instance::rows);
  }

  private static RemoteRequest.Builder read(RemoteRequest.Builder request, String fields) {
    return request
        .header("Accept", "application/json")
        .query("sysparm_display_value", "false")
        .query("sysparm_exclude_reference_link", "true")
        .query("sysparm_fields", fields);
  }

  private Either<CoexistError, RemoteResponse> send(RemoteRequest request) {
    return client.send(request);
  }

  private static Either<CoexistError, JsonNode> result(RemoteResponse response, boolean list) {
    return Json.parseResponse(response, ServiceNowPolicy.TOOL).flatMap(json -> {
      JsonNode result = json.path("result");
      if (list ? !result.isArray() : !result.isObject()) {
        return Either.left(new CoexistError.Unavailable("ServiceNow answered " + response.status()
            + " without a result " + (list ? "list" : "record")));
      }
      return Either.right(result);
    });
  }

  private static List<JsonNode> rows(JsonNode array) {
    List<JsonNode> rows = new ArrayList<>();
    array.forEach(rows::add);
    return rows;
  }
}
