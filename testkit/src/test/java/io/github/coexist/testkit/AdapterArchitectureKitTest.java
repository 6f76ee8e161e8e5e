package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdapterArchitectureKitTest {
  /** The kit for a fixture adapter in these test sources. */
  private static AdapterArchitectureKit kitFor(String adapterPackage, Set<String> publicApi) {
    AdapterArchitectureKit kit = new AdapterArchitectureKit(adapterPackage, publicApi) {
      @Override
      ClassFileImporter importer() {
        return new ClassFileImporter(); // the fixture adapters live in these test sources
      }
    };
    return kit;
  }

  @Test
  @DisplayName("the kit's rules fail an adapter that reads the system clock, shows its implementation or uses core internals")
  void rulesCanFail() {
    AdapterArchitectureKit kit = kitFor("io.github.coexist.testkit.badadapter", Set.of("SomethingElse"));
    kit.importAdapter();
    assertThatThrownBy(kit::clock).isInstanceOf(AssertionError.class).hasMessageContaining("Instant.now()");
    assertThatThrownBy(kit::smallPublicSurface).isInstanceOf(AssertionError.class).hasMessageContaining("LeakyAdapter");
    assertThatThrownBy(kit::noCoreInternals).isInstanceOf(AssertionError.class)
        .hasMessageContaining("CoreInternalUser")
        .hasMessageContaining("io.github.coexist.core.internal.text.DurationText");
  }

  @Test
  @DisplayName("an adapter that uses only core's API passes the internal-package rule")
  void coreApiOnly() {
    AdapterArchitectureKit kit = kitFor("io.github.coexist.testkit.systemclock", Set.of("SystemClockAdapter"));
    kit.importAdapter();
    kit.noCoreInternals();
  }

  @Test
  @DisplayName("the clock rule fails an adapter that calls Clock.systemUTC(), systemDefaultZone() or system(zone), not its builder")
  void systemClock() {
    AdapterArchitectureKit kit = kitFor("io.github.coexist.testkit.systemclock", Set.of("SystemClockAdapter"));
    kit.importAdapter();
    assertThatThrownBy(kit::clock).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Clock.systemUTC()")
        .hasMessageContaining("Clock.systemDefaultZone()")
        .hasMessageContaining("Clock.system(java.time.ZoneId)")
        .hasMessageContaining("(3 times)")
        .hasMessageNotContaining("SystemClockAdapter$Builder");
  }

  @Test
  @DisplayName("a package that holds no classes fails, naming the package")
  void emptyPackage() {
    AdapterArchitectureKit kit = kitFor("io.github.coexist.testkit.nosuchadapter", Set.of("NoSuchAdapter"));
    assertThatThrownBy(kit::importAdapter).isInstanceOf(AssertionError.class)
        .hasMessageContaining("package io.github.coexist.testkit.nosuchadapter holds no classes");
  }
}
