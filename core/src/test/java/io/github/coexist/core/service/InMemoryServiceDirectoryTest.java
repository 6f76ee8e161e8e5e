package io.github.coexist.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryServiceDirectoryTest {

  @Test
  @DisplayName("the keeper hears every service registered; a directory restored from them holds the same, keeping nothing again")
  void keptAndRestored() {
    List<Service> kept = new ArrayList<>();
    InMemoryServiceDirectory before = InMemoryServiceDirectory.builder().keeper(kept::add).build();
    before.register(Service.of("shop", "team-shop")).register(Service.of("db", "team-db"))
        .register(Service.of("shop", "team-web"));

    List<Service> keptAgain = new ArrayList<>();
    InMemoryServiceDirectory after = InMemoryServiceDirectory.builder().keeper(keptAgain::add).build();
    after.restore(kept);

    assertThat(kept).hasSize(3);
    assertThat(after.all().get()).isEqualTo(before.all().get());
    assertThat(after.find(ServiceId.of("shop")).get().map(Service::owner)).contains(TeamId.of("team-web"));
    assertThat(keptAgain).isEmpty();
  }
}
