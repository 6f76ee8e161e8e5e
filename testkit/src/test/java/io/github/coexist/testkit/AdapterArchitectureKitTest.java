package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdapterArchitectureKitTest {
  private final AdapterArchitectureKit kit =
      new AdapterArchitectureKit("io.github.coexist.testkit.badadapter", Set.of("SomethingElse")) {
        @Override
        ClassFileImporter importer() {
          return new ClassFileImporter(); // the bad adapter lives in these test sources
        }
      };

  @Test
  @DisplayName("the kit's rules fail an adapter that reads the system clock or shows its implementation")
  void rulesCanFail() {
    kit.importAdapter();
    assertThatThrownBy(kit::clock).isInstanceOf(AssertionError.class).hasMessageContaining("Instant.now()");
    assertThatThrownBy(kit::smallPublicSurface).isInstanceOf(AssertionError.class).hasMessageContaining("LeakyAdapter");
  }
}
