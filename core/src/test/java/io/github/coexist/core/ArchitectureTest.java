package io.github.coexist.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hexagon's rules for core, as tests. */
class ArchitectureTest {
  private static final String CORE = "io.github.coexist.core";
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.coexist.core");
  }

  @Test
  @DisplayName("core depends only on the JDK, vavr, slf4j-api, Immutables and JSpecify annotations")
  void coreDependsOnlyOnItsAllowedLibraries() {
    classes().should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.github.coexist.core..", "java..", "io.vavr..", "org.slf4j..", "org.immutables..",
            "org.jspecify.annotations..")
        .check(core);
  }

  @Test
  @DisplayName("core does no HTTP, JSON, SQL, file or socket I/O")
  void coreDoesNoIo() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "java.net.http..", "java.sql..", "javax.sql..", "java.nio.file..", "java.nio.channels..",
            "com.fasterxml..", "javax.json..", "jakarta.json..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
        .check(core);
  }

  @Test
  @DisplayName("capability packages and internal packages have no cycles between them")
  void capabilitiesAreFreeOfCycles() {
    slices().assignedFrom(CoreSurface.PACKAGES).should().beFreeOfCycles().check(core);
  }

  @Test
  @DisplayName("every public top-level type outside the internal packages is one of the listed API types of its package")
  void publicSurfaceIsListed() {
    CoreSurface.onlyListedTypesArePublic(CORE, CoreSurface.API).check(core);
  }

  @Test
  @DisplayName("every listed API type exists and is public: the list is exactly the public surface")
  void listedSurfaceExists() {
    assertThat(CoreSurface.publicSurface(core, CORE)).isEqualTo(CoreSurface.API);
  }

  @Test
  @DisplayName("no API type shows an internal type in a public or protected signature")
  void apiShowsNoInternalType() {
    CoreSurface.API_SHOWS_NO_INTERNAL_TYPE.check(core);
  }

  @Test
  @DisplayName("signals are routed by the facade only: no capability package depends on the inbound port (the store"
      + " keeps them as values)")
  void onlyTheFacadeRoutesSignals() {
    noClasses().that().resideOutsideOfPackages("io.github.coexist.core", "io.github.coexist.core.signal..",
            "io.github.coexist.core.store..")
        .should().dependOnClassesThat().resideInAPackage("io.github.coexist.core.signal..")
        .check(core);
  }

  @Test
  @DisplayName("the inbound port holds values only: signals call no service")
  void signalsAreValues() {
    noClasses().that().resideInAPackage("io.github.coexist.core.signal..")
        .should().dependOnClassesThat().haveSimpleNameEndingWith("Desk")
        .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Gate")
        .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Manager")
        .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Engine")
        .check(core);
  }

  @Test
  @DisplayName("time comes from an injected Clock, never from the system clock")
  void timeComesFromAClock() {
    noClasses().should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .orShould().callMethod(java.time.ZonedDateTime.class, "now")
        .orShould().callMethod(java.time.OffsetDateTime.class, "now")
        .orShould().callMethod(java.time.LocalDate.class, "now")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .check(core);
  }

  @Test
  @DisplayName("no generic exceptions, no standard streams, no java.util.logging")
  void generalCodingRules() {
    NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(core);
    NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(core);
    NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(core);
  }

  @Test
  @DisplayName("loggers are private static final")
  void loggersArePrivateStaticFinal() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields()
        .that().haveRawType(org.slf4j.Logger.class)
        .should().bePrivate().andShould().beStatic().andShould().beFinal()
        .allowEmptyShould(true)
        .check(core);
  }

  @Test
  @DisplayName("generated Immutables classes stay package-private")
  void generatedClassesArePackagePrivate() {
    classes().that().haveSimpleNameStartingWith("Immutable")
        .should().notHaveModifier(JavaModifier.PUBLIC)
        .allowEmptyShould(true)
        .check(core);
  }
}
