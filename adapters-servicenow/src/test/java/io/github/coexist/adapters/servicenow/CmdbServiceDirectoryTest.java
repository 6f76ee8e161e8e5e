package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceGraph;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CmdbServiceDirectoryTest {
  private Harness harness;
  private ServiceDirectory directory;

  @BeforeEach
  void start() {
    harness = new Harness(); // shop (tier 1, payments)
    harness.instance.addService("cmdb_ci_service_business", "checkout", "web", 2, "Europe/Berlin");
    harness.instance.addService("cmdb_ci_service_auto", "payments-api", "payments", 1);
    harness.instance.addService("cmdb_ci_service_technical", "postgres", "dba", 3);
    harness.instance.insert("cmdb_ci_service", Map.of("name", "legacy", "busines_criticality", "4 - not critical",
        "managed_by_group", harness.instance.addGroup("ops")));
    harness.instance.insert("cmdb_ci_service", Map.of("name", "orphan"));
    harness.instance.insert("cmdb_ci_server", Map.of("name", "db-host-1"));
    harness.instance.addDependency("checkout", "shop");
    harness.instance.addDependency("shop", "payments-api");
    harness.instance.addDependency("payments-api", "postgres");
    harness.instance.addDependency("postgres", "checkout"); // a cycle, as real CMDBs have
    harness.instance.addDependency("shop", "shop");         // a self-relation: skipped
    harness.instance.relate("postgres", "db-host-1", "Runs on::Runs"); // not a service: outside
    harness.instance.relate("legacy", "shop", "Contains::Contained by"); // not a dependency type
    Map<String, String> config = harness.basic();
    config.put("coexist.servicenow.page-size", "2");
    directory = harness.adapter(config).cmdb();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  @DisplayName("services of every service class come with owner, tier and dependencies, sorted by id")
  void readsServices() {
    assertThat(directory.all().get().map(s -> s.id().value()))
        .containsExactly("checkout", "legacy", "orphan", "payments-api", "postgres", "shop");
    Service shop = directory.find(ServiceId.of("shop")).get().orElseThrow();
    assertThat(shop.owner()).isEqualTo(TeamId.of("payments"));
    assertThat(shop.tier()).isEqualTo(Tier.TIER_1);
    assertThat(shop.dependsOn()).containsExactly(ServiceId.of("payments-api"));
    Service checkout = directory.find(ServiceId.of("checkout")).get().orElseThrow();
    assertThat(checkout.tier()).isEqualTo(Tier.TIER_2);
    assertThat(checkout.zone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
    assertThat(shop.zone()).isEqualTo(java.time.ZoneOffset.UTC);
    assertThat(directory.find(ServiceId.of("db-host-1")).get()).isEmpty();
  }

  @Test
  @DisplayName("the support group owns a service, else its managed-by group, else the configured default")
  void owners() {
    assertThat(directory.find(ServiceId.of("legacy")).get().orElseThrow().owner()).isEqualTo(TeamId.of("ops"));
    Service orphan = directory.find(ServiceId.of("orphan")).get().orElseThrow();
    assertThat(orphan.owner()).isEqualTo(TeamId.of("unassigned"));
    assertThat(orphan.tier()).isEqualTo(Tier.TIER_3);
    assertThat(directory.find(ServiceId.of("legacy")).get().orElseThrow().tier()).isEqualTo(Tier.TIER_4);
  }

  @Test
  @DisplayName("dependency cycles are kept and walked safely; only the configured relation types count")
  void cycles() {
    ServiceGraph graph = directory.graph().get();
    assertThat(graph.blastRadius(ServiceId.of("shop")))
        .containsExactly(ServiceId.of("checkout"), ServiceId.of("payments-api"), ServiceId.of("postgres"));
    assertThat(graph.dependenciesOf(ServiceId.of("postgres"))).containsExactly(ServiceId.of("checkout"));
    assertThat(graph.dependenciesOf(ServiceId.of("legacy"))).isEmpty();
  }

  @Test
  @DisplayName("pages cut short by ACL-hidden rows are followed by their Link to the last page")
  void shortPages() {
    harness.instance.hide(harness.instance.records("cmdb_ci_service", "name", "checkout").get(0).get("sys_id"));
    harness.instance.hide(harness.instance.records("cmdb_ci_service", "name", "legacy").get(0).get("sys_id"));

    assertThat(directory.all().get().map(s -> s.id().value()))
        .containsExactly("orphan", "payments-api", "postgres", "shop");
    assertThat(harness.instance.requests().stream().filter(r -> r.startsWith("GET /api/now/table/cmdb_ci_service")))
        .hasSize(3)
        .anyMatch(r -> r.contains("sysparm_offset=4"));
  }

  @Test
  @DisplayName("the directory is cached for its time-to-live and read again after it")
  void cache() {
    directory.all().get();
    long reads = harness.instance.requests().size();
    directory.find(ServiceId.of("shop")).get();
    directory.all().get();
    assertThat(harness.instance.requests()).hasSize((int) reads);

    harness.instance.addService("search", "web", 2);
    harness.clock.advance(Duration.ofMinutes(5));
    assertThat(directory.find(ServiceId.of("search")).get()).isPresent();
  }

  @Test
  @DisplayName("when a refresh fails the last directory is served; with none read yet the failure is returned")
  void staleOnError() {
    harness.instance.failNext(503, 20);
    assertThat(directory.all().getLeft()).isInstanceOf(CoexistError.Unavailable.class);

    harness.close();
    start();
    directory.all().get();
    harness.clock.advance(Duration.ofMinutes(6));
    harness.instance.failNext(503, 20);
    assertThat(directory.all().get()).hasSize(6);
  }

  @Test
  @DisplayName("duplicate service names and unknown criticalities are reported together")
  void badRows() {
    harness.instance.addService("shop", "web", 2);
    harness.instance.insert("cmdb_ci_service", Map.of("name", "weird", "busines_criticality", "9 - cosmic"));
    harness.instance.insert("cmdb_ci_service", Map.of("name", "lost", "location",
        harness.instance.insert("cmn_location", Map.of("name", "Atlantis", "time_zone", "Atlantis/Capital"))));

    CoexistError error = directory.all().getLeft();

    assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(error.message()).contains("two services are named 'shop'", "service 'weird'", "9 - cosmic",
        "'Atlantis/Capital' is not a known zone");
  }
}
