package io.github.coexist.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeploymentLogTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static Deployment deployment(String id, String service, long minutes, Deployment.Status status) {
    Instant start = T0.plusSeconds(minutes * 60);
    return new Deployment(DeploymentId.of(id), ServiceId.of(service), "production", status, start,
        status == Deployment.Status.IN_PROGRESS ? Optional.empty() : Optional.of(start.plusSeconds(30)),
        List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  @DisplayName("deployments are found by service and start time, oldest first, bounds included")
  void queries() {
    DeploymentLog log = new DeploymentLog();
    log.record(deployment("3", "shop", 30, Deployment.Status.SUCCESS));
    log.record(deployment("1", "shop", 10, Deployment.Status.SUCCESS));
    log.record(deployment("2", "db", 20, Deployment.Status.FAILURE));
    log.record(deployment("4", "shop", 40, Deployment.Status.SUCCESS));
    assertThat(log.forService(ServiceId.of("shop"), T0.plusSeconds(600), T0.plusSeconds(1800)))
        .extracting(d -> d.id().value()).containsExactly("1", "3");
    assertThat(log.forServices(Set.of(ServiceId.of("shop"), ServiceId.of("db")), T0, T0.plusSeconds(1800)))
        .extracting(d -> d.id().value()).containsExactly("1", "2", "3");
    assertThat(log.between(T0, T0.plusSeconds(3600))).hasSize(4);
    assertThat(log.forService(ServiceId.of("nothing"), T0, T0.plusSeconds(3600))).isEmpty();
    assertThat(log.forService(ServiceId.of("shop"), T0.plusSeconds(3600), T0)).isEmpty();
  }

  @Test
  @DisplayName("a status update replaces the deployment; a late in-progress event never undoes a finish")
  void updates() {
    DeploymentLog log = new DeploymentLog();
    log.record(deployment("1", "shop", 10, Deployment.Status.IN_PROGRESS));
    log.record(deployment("1", "shop", 10, Deployment.Status.SUCCESS));
    Deployment kept = log.record(deployment("1", "shop", 10, Deployment.Status.IN_PROGRESS)).get();
    assertThat(kept.status()).isEqualTo(Deployment.Status.SUCCESS);
    assertThat(log.find(DeploymentId.of("1")).orElseThrow().status()).isEqualTo(Deployment.Status.SUCCESS);
    assertThat(log.forService(ServiceId.of("shop"), T0, T0.plusSeconds(3600))).hasSize(1);
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("the same id under another service is a conflict")
  void conflict() {
    DeploymentLog log = new DeploymentLog();
    log.record(deployment("1", "shop", 10, Deployment.Status.SUCCESS));
    assertThat(log.record(deployment("1", "db", 10, Deployment.Status.SUCCESS)).getLeft())
        .isInstanceOf(CoexistError.Conflict.class);
  }

  @Test
  @DisplayName("old deployments can be pruned")
  void prune() {
    DeploymentLog log = new DeploymentLog();
    log.record(deployment("1", "shop", 10, Deployment.Status.SUCCESS));
    log.record(deployment("2", "db", 20, Deployment.Status.SUCCESS));
    assertThat(log.pruneBefore(T0.plusSeconds(15 * 60))).isEqualTo(1);
    assertThat(log.find(DeploymentId.of("1"))).isEmpty();
    assertThat(log.forService(ServiceId.of("shop"), T0, T0.plusSeconds(3600))).isEmpty();
    assertThat(log.size()).isEqualTo(1);
  }
}
