package io.github.coexist.adapters.servicenow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The adapter's rules, as tests. */
class ArchitectureTest {
  private static JavaClasses adapter;

  @BeforeAll
  static void importAdapter() {
    adapter = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.coexist.adapters.servicenow");
  }

  @Test
  @DisplayName("no dependency on another adapter")
  void noOtherAdapters() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "io.github.coexist.adapters.github..", "io.github.coexist.adapters.jira..")
        .check(adapter);
  }

  @Test
  @DisplayName("HTTP only through the JDK client and adapters-http; JSON only through Jackson")
  void onlyTheJdkHttpClient() {
    classes().should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.github.coexist.adapters.servicenow..", "io.github.coexist.adapters.http..",
            "io.github.coexist.core..", "java..", "io.vavr..", "org.slf4j..", "com.fasterxml.jackson..",
            "org.immutables..")
        .check(adapter);
  }

  @Test
  @DisplayName("no generic exceptions, no standard streams, no java.util.logging")
  void generalCodingRules() {
    NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(adapter);
    NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(adapter);
    NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(adapter);
  }

  @Test
  @DisplayName("loggers are private static final")
  void loggers() {
    fields().that().haveRawType(org.slf4j.Logger.class)
        .should().bePrivate().andShould().beStatic().andShould().beFinal()
        .check(adapter);
  }

  @Test
  @DisplayName("only the adapter entry and its configuration are public")
  void smallPublicSurface() {
    classes().that().arePublic().and().areTopLevelClasses()
        .should().haveSimpleNameStartingWith("ServiceNowAdapter")
        .orShould().haveSimpleName("ServiceNowConfig")
        .check(adapter);
  }
}
