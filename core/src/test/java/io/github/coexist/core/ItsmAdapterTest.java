package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.incident.InMemoryIncidentRecords;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ItsmAdapterTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));
  private final CountingItsm tool = new CountingItsm();

  @Nested
  @DisplayName("Coexist.Builder.itsm")
  class Wiring {

    @Test
    @DisplayName("takes every port of the bundle: records and its directory")
    void usesTheBundle() {
      try (Coexist coexist = Coexist.builder().clock(clock).itsm(tool).build()) {
        assertThat(coexist.changeRecords()).isSameAs(tool.changeRecords());
        assertThat(coexist.services()).isSameAs(tool.directory);
        assertThat(coexist.gate().decide(deploy("k1", "shop")).isRight()).isTrue();
        assertThat(tool.changes.find(io.github.coexist.core.kernel.IdempotencyKey.of("k1")).get()).isPresent();
      }
    }

    @Test
    @DisplayName("lets a port set on its own setter win, whichever is called first")
    void perPortOverridesWin() {
      ChangeRecords mine = new InMemoryChangeRecords();
      ServiceDirectory directory = new InMemoryServiceDirectory();
      try (Coexist before = Coexist.builder().clock(clock).changeRecords(mine).itsm(tool).build();
          Coexist after = Coexist.builder().clock(clock).itsm(tool).serviceDirectory(directory).build()) {
        assertThat(before.changeRecords()).isSameAs(mine);
        assertThat(before.services()).isSameAs(tool.directory);
        assertThat(after.services()).isSameAs(directory);
        assertThat(after.changeRecords()).isSameAs(tool.changeRecords());
      }
    }

    @Test
    @DisplayName("falls back to an empty in-memory directory when the tool is no CMDB")
    void noDirectory() {
      try (Coexist coexist = Coexist.builder().clock(clock).itsm(ItsmAdapter.inMemory()).build()) {
        assertThat(coexist.services()).isInstanceOf(InMemoryServiceDirectory.class);
        assertThat(coexist.services().all().get()).isEmpty();
      }
    }

    @Test
    @DisplayName("refuses a null bundle or resource, naming it")
    void refusesNull() {
      assertThatThrownBy(() -> Coexist.builder().itsm(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("itsm");
      assertThatThrownBy(() -> Coexist.builder().closeOnClose(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("resource");
    }
  }

  @Nested
  @DisplayName("Coexist.close")
  class Closing {

    @Test
    @DisplayName("closes the bundle once, even when it was also given as a resource")
    void closesTheBundleOnce() {
      Coexist coexist = Coexist.builder().clock(clock).itsm(tool).closeOnClose(tool).build();
      assertThat(tool.closed).isZero();
      coexist.close();
      assertThat(tool.closed).isEqualTo(1);
    }

    @Test
    @DisplayName("closes only the last bundle set")
    void closesTheLastBundle() {
      CountingItsm replaced = new CountingItsm();
      Coexist.builder().clock(clock).itsm(replaced).itsm(tool).build().close();
      assertThat(replaced.closed).isZero();
      assertThat(tool.closed).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("the in-memory bundle is named inmemory and hands out the same ports every time")
  void inMemory() {
    ItsmAdapter memory = ItsmAdapter.inMemory();
    assertThat(memory.name()).isEqualTo("inmemory");
    assertThat(memory.changeRecords()).isSameAs(memory.changeRecords());
    assertThat(memory.incidentRecords()).isSameAs(memory.incidentRecords());
    assertThat(memory.problemRecords()).isSameAs(memory.problemRecords());
    assertThat(memory.feedbackRecords()).isSameAs(memory.feedbackRecords());
    assertThat(memory.serviceDirectory()).isEmpty();
  }

  /** An in-memory tool with a CMDB that counts how often it is closed. */
  private static final class CountingItsm implements ItsmAdapter {
    private final ItsmAdapter memory = ItsmAdapter.inMemory();
    private final ChangeRecords changes = memory.changeRecords();
    private final InMemoryServiceDirectory directory = InMemoryServiceDirectory.of(Service.of("shop", "web"));
    private final IncidentRecords incidents = new InMemoryIncidentRecords();
    private int closed;

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public ChangeRecords changeRecords() {
      return changes;
    }

    @Override
    public IncidentRecords incidentRecords() {
      return incidents;
    }

    @Override
    public ProblemRecords problemRecords() {
      return memory.problemRecords();
    }

    @Override
    public FeedbackRecords feedbackRecords() {
      return memory.feedbackRecords();
    }

    @Override
    public Optional<ServiceDirectory> serviceDirectory() {
      return Optional.of(directory);
    }

    @Override
    public void close() {
      closed++;
    }
  }
}
