package io.github.coexist.adapters.github;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The GitHub adapter's rules, as tests. */
class ArchitectureTest {
  private static JavaClasses adapter;

  @BeforeAll
  static void importAdapter() {
    adapter = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.coexist.adapters.github");
  }

  @Test
  @DisplayName("depends on no other adapter")
  void noOtherAdapter() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "io.github.coexist.adapters.servicenow..", "io.github.coexist.adapters.jira..")
        .check(adapter);
  }

  @Test
  @DisplayName("speaks HTTP only through the JDK client of adapters-http")
  void onlyJdkHttp() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "okhttp3..", "org.apache.http..", "org.apache.hc..", "org.eclipse.jetty..", "io.netty..",
            "reactor.netty..", "feign..", "retrofit2..", "com.github.tomakehurst..", "org.springframework..",
            "java.net.http..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
        .because("every call goes through RemoteClient: timeouts, retries, same-host guard")
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
  @DisplayName("time comes from the injected Clock")
  void clock() {
    noClasses().should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .check(adapter);
  }

  @Test
  @DisplayName("implementation classes are package-private; the public surface is the adapter's API")
  void smallPublicSurface() {
    classes().that().haveSimpleNameNotStartingWith("GitHub")
        .and().haveSimpleNameNotEndingWith("Test")
        .and().doNotHaveSimpleName("WebhookResult").and().doNotHaveSimpleName("Observation")
        .and().doNotHaveSimpleName("GateTimeouts").and().doNotHaveSimpleName("CommitRange")
        .and().areTopLevelClasses()
        .should().notHaveModifier(JavaModifier.PUBLIC)
        .check(adapter);
  }
}
