package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ServiceDirectory} read from ServiceNow's CMDB: every row of the services table ({@code
 * cmdb_ci_service} and, through table inheritance, its business, application and technical
 * subclasses), owned by its support group (else its managed-by group, else the configured default
 * owner), with its tier from {@code busines_criticality}, its zone from its location's {@code
 * time_zone} (UTC without one), and depending on the services its
 * {@code cmdb_rel_ci} relations of the configured types ("Depends on::Used by") point to.
 *
 * <p>The directory is read whole and kept for a time-to-live ({@code coexist.servicenow.cmdb.cache-ttl},
 * 5 minutes by default), because the change gate reads it on every decision. When a refresh
 * fails, the last directory read is served (and a warning logged) so that a ServiceNow outage
 * does not stop every gate; with nothing read yet, the failure is returned. Cycles in the CMDB are
 * kept (core's graph walks them safely); a CI related to itself is skipped. Thread-safe.
 */
final class CmdbServiceDirectory implements ServiceDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(CmdbServiceDirectory.class);
  private static final String SERVICE_FIELDS = Fields.list("sys_id", "name", "sys_class_name",
      "busines_criticality", "support_group.name", "managed_by_group.name", "location.time_zone");

  private final Instance instance;
  private final TableSchema services;
  private final java.util.List<String> relationTypes;
  private final TeamId defaultOwner;
  private final Duration ttl;
  private final Clock clock;
  private Snapshot snapshot;

  private record Snapshot(Instant readAt, Seq<Service> services, Map<ServiceId, Service> byId) {}

  CmdbServiceDirectory(Instance instance, TableSchema services, java.util.List<String> relationTypes,
      TeamId defaultOwner, Duration ttl, Clock clock) {
    this.instance = instance;
    this.services = services;
    this.relationTypes = java.util.List.copyOf(relationTypes);
    this.defaultOwner = defaultOwner;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public Either<CoexistError, Optional<Service>> find(ServiceId id) {
    return snapshot().map(s -> Optional.ofNullable(s.byId().get(id)));
  }

  @Override
  public Either<CoexistError, Seq<Service>> all() {
    return snapshot().map(Snapshot::services);
  }

  private synchronized Either<CoexistError, Snapshot> snapshot() {
    Instant now = clock.instant();
    if (snapshot != null && now.isBefore(snapshot.readAt().plus(ttl))) {
      return Either.right(snapshot);
    }
    Either<CoexistError, Snapshot> fresh = load(now);
    if (fresh.isRight()) {
      snapshot = fresh.get();
      LOG.debug("read {} services from the ServiceNow CMDB", snapshot.services().size());
      return fresh;
    }
    if (snapshot != null) {
      LOG.warn("ServiceNow CMDB refresh failed, serving the directory read at {}: {}",
          snapshot.readAt(), fresh.getLeft().message());
      return Either.right(snapshot);
    }
    return fresh;
  }

  private Either<CoexistError, Snapshot> load(Instant now) {
    return EncodedQuery.everything(services).orderBy("sys_id").build()
        .flatMap(query -> instance.findAll(services, query, SERVICE_FIELDS))
        .flatMap(rows -> relations().flatMap(edges -> assemble(rows, edges, now)));
  }

  private Either<CoexistError, java.util.List<JsonNode>> relations() {
    return EncodedQuery.on(TableSchema.CMDB_REL_CI).in("type.name", relationTypes).orderBy("sys_id").build()
        .flatMap(query -> instance.findAll(TableSchema.CMDB_REL_CI, query, Fields.list("sys_id", "parent", "child")));
  }

  private Either<CoexistError, Snapshot> assemble(java.util.List<JsonNode> rows, java.util.List<JsonNode> edges,
      Instant now) {
    Problems problems = new Problems();
    Map<String, String> nameBySysId = new HashMap<>();
    Map<String, Tier> tiers = new HashMap<>();
    Map<String, TeamId> owners = new HashMap<>();
    Map<String, ZoneId> zones = new HashMap<>();
    Set<String> names = new java.util.HashSet<>();
    for (JsonNode row : rows) {
      String sysId = Fields.text(row, "sys_id");
      String name = Fields.text(row, "name").strip();
      if (sysId.isBlank() || name.isBlank()) {
        problems.add("a " + services.name() + " row has no " + (sysId.isBlank() ? "sys_id" : "name")
            + (sysId.isBlank() ? "" : " (sys_id " + sysId + ")"));
        continue;
      }
      if (!names.add(name)) {
        problems.add("two services are named '" + name + "'; service names must be unique");
        continue;
      }
      Either<CoexistError, Tier> tier = Codes.tier(Fields.text(row, "busines_criticality"));
      if (tier.isLeft()) {
        problems.add("service '" + name + "': " + tier.getLeft().message());
        continue;
      }
      String zone = Fields.text(row, "location.time_zone").strip();
      try {
        zones.put(name, zone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(zone));
      } catch (DateTimeException e) {
        problems.add("service '" + name + "': its location's time zone '" + zone + "' is not a known zone");
        continue;
      }
      nameBySysId.put(sysId, name);
      tiers.put(name, tier.get());
      owners.put(name, owner(row));
    }
    if (!problems.isEmpty()) {
      return Either.left(new CoexistError.InvalidInput(problems.list()));
    }
    Map<String, Set<ServiceId>> dependsOn = new HashMap<>();
    for (JsonNode edge : edges) {
      String parent = nameBySysId.get(Fields.text(edge, "parent"));
      String child = nameBySysId.get(Fields.text(edge, "child"));
      if (parent == null || child == null) {
        continue; // a relation to a CI that is not a service: outside the directory
      }
      if (parent.equals(child)) {
        LOG.debug("skipping relation {} of service {} to itself", Fields.text(edge, "sys_id"), parent);
        continue;
      }
      dependsOn.computeIfAbsent(parent, k -> new TreeSet<>()).add(ServiceId.of(child));
    }
    Map<ServiceId, Service> byId = new TreeMap<>();
    for (String name : tiers.keySet()) {
      Service service = Service.builder()
          .id(ServiceId.of(name))
          .owner(owners.get(name))
          .tier(tiers.get(name))
          .zone(zones.get(name))
          .dependsOn(dependsOn.getOrDefault(name, Set.of()))
          .build();
      byId.put(service.id(), service);
    }
    return Either.right(new Snapshot(now, List.ofAll(byId.values()), Map.copyOf(byId)));
  }

  private TeamId owner(JsonNode row) {
    String support = Fields.text(row, "support_group.name").strip();
    if (!support.isEmpty()) {
      return TeamId.of(support);
    }
    String managed = Fields.text(row, "managed_by_group.name").strip();
    return managed.isEmpty() ? defaultOwner : TeamId.of(managed);
  }
}
