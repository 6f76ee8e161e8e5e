package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceGraph;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ServiceDirectory} implementation promises, as tests: extend it and implement
 * {@link #directoryWith} to return a directory holding exactly the given services (a CMDB
 * adapter seeds its stand-in with them). Override {@link #keepsZones()} when the directory has
 * no time zone for a service.
 */
@DisplayNameGeneration(ImplementerNames.class)
public abstract class ServiceDirectoryCompatibilityKit {

  /** A directory holding exactly {@code services}, with their owners, tiers, zones and dependencies. */
  protected abstract ServiceDirectory directoryWith(List<Service> services);

  /** Whether the directory keeps each service's time zone; true unless overridden. */
  protected boolean keepsZones() {
    return true;
  }

  static Service service(String id, String owner, Tier tier, String zone, String... dependsOn) {
    Service.Builder builder = Service.builder();
    builder.id(ServiceId.of(id)).owner(TeamId.of(owner)).tier(tier).zone(ZoneId.of(zone));
    for (String dependency : dependsOn) {
      builder.addDependsOn(ServiceId.of(dependency));
    }
    return builder.build();
  }

  /** shop and mobile use payments, which uses db. */
  static List<Service> shopping() {
    return List.of(
        service("shop", "web", Tier.TIER_1, "Europe/Berlin", "payments"),
        service("payments", "payments-team", Tier.TIER_2, "UTC", "db"),
        service("db", "dba", Tier.TIER_1, "UTC"),
        service("mobile", "apps", Tier.TIER_3, "America/New_York", "payments"));
  }

  private static ServiceId id(String value) {
    return ServiceId.of(value);
  }

  @Nested
  class Find {
    @Test
    @DisplayName("finds a service with its owner, tier and dependencies")
    void known() {
      Service shop = directoryWith(shopping()).find(id("shop")).get().orElseThrow();
      assertThat(shop.id()).isEqualTo(id("shop"));
      assertThat(shop.owner()).isEqualTo(TeamId.of("web"));
      assertThat(shop.tier()).isEqualTo(Tier.TIER_1);
      assertThat(shop.dependsOn()).containsExactly(id("payments"));
      if (keepsZones()) {
        assertThat(shop.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
      }
    }

    @Test
    @DisplayName("finds nothing for an unknown service")
    void unknown() {
      assertThat(directoryWith(shopping()).find(id("ghost")).get()).isEmpty();
    }

    @Test
    @DisplayName("tells services apart by exact, case-sensitive id")
    void caseSensitive() {
      assertThat(directoryWith(shopping()).find(id("Shop")).get()).isEmpty();
    }
  }

  @Nested
  class All {
    @Test
    @DisplayName("lists every service once, ordered by id")
    void everyService() {
      assertThat(directoryWith(shopping()).all().get().map(Service::id).asJava())
          .containsExactly(id("db"), id("mobile"), id("payments"), id("shop"));
    }

    @Test
    @DisplayName("lists nothing when empty")
    void empty() {
      assertThat(directoryWith(List.of()).all().get()).isEmpty();
    }
  }

  @Nested
  class Graph {
    @Test
    @DisplayName("gives each service's blast radius and transitive dependencies")
    void reach() {
      ServiceGraph graph = directoryWith(shopping()).graph().get();
      assertThat(graph.blastRadius(id("db"))).containsExactly(id("mobile"), id("payments"), id("shop"));
      assertThat(graph.blastRadius(id("shop"))).isEmpty();
      assertThat(graph.transitiveDependencies(id("shop"))).containsExactly(id("db"), id("payments"));
      assertThat(graph.dependentsOf(id("payments"))).isEqualTo(Set.of(id("shop"), id("mobile")));
    }

    @Test
    @DisplayName("survives a dependency cycle, as real CMDBs have")
    void cycle() {
      ServiceGraph graph = directoryWith(List.of(
          service("a", "t", Tier.TIER_2, "UTC", "b"),
          service("b", "t", Tier.TIER_2, "UTC", "c"),
          service("c", "t", Tier.TIER_2, "UTC", "a"))).graph().get();
      assertThat(graph.blastRadius(id("a"))).containsExactly(id("b"), id("c"));
      assertThat(graph.transitiveDependencies(id("a"))).containsExactly(id("b"), id("c"));
    }
  }
}
