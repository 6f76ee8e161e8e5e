package io.github.coexist.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.gate.ChangeGate;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IdempotencyKey;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The app is wiring only: core routes what happens; the app hands it signals. */
class ArchitectureTest {
  private static JavaClasses app;

  @BeforeAll
  static void importApp() {
    app = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.coexist.app");
  }

  @Test
  @DisplayName("a deployment reaches core as a signal: the app neither records it nor moves its change itself")
  void deploymentsAreSignals() {
    noClasses().should().callMethod(DeploymentLog.class, "record", Deployment.class)
        .orShould().callMethod(ChangeGate.class, "deploymentStarted", ChangeId.class, Instant.class)
        .orShould().callMethod(ChangeGate.class, "deploymentStarted", IdempotencyKey.class, Instant.class)
        .orShould().callMethod(ChangeGate.class, "deploymentFinished", ChangeId.class, boolean.class, Instant.class)
        .orShould().callMethod(ChangeGate.class, "deploymentFinished", IdempotencyKey.class, boolean.class,
            Instant.class)
        .check(app);
  }

  @Test
  @DisplayName("the app does not tick the gate or the desks piecemeal: Coexist.tick() does all periodic work")
  void oneTick() {
    noClasses().should().callMethod(ChangeGate.class, "tick")
        .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
            com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("resync")))
        .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
            com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("checkSlas")))
        .check(app);
  }

  @Test
  @DisplayName("the app uses only core's API, never a core internal package")
  void noCoreInternals() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.github.coexist.core.internal..")
        .because("core's internal packages are not API: they may change in any release")
        .check(app);
  }
}
