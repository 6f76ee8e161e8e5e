package io.github.coexist.adapters.jira;

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

/** The adapter's rules, as tests. */
class ArchitectureTest {
  private static JavaClasses jira;

  @BeforeAll
  static void importAdapter() {
    jira = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.coexist.adapters.jira");
  }

  @Test
  @DisplayName("the Jira adapter depends on no other adapter")
  void noOtherAdapters() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "io.github.coexist.adapters.github..", "io.github.coexist.adapters.servicenow..")
        .check(jira);
  }

  @Test
  @DisplayName("HTTP goes through the shared client on the JDK HttpClient, no other HTTP library")
  void onlyTheSharedJdkClient() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "java.net.http..", "org.apache.http..", "org.apache.hc..", "okhttp3..", "retrofit2..", "feign..",
            "org.eclipse.jetty..", "io.netty..", "org.springframework..", "com.github.tomakehurst..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
        .check(jira);
  }

  @Test
  @DisplayName("no generic exceptions, no standard streams, no java.util.logging")
  void generalCodingRules() {
    NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(jira);
    NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(jira);
    NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(jira);
  }

  @Test
  @DisplayName("loggers are private static final")
  void loggers() {
    fields().that().haveRawType(org.slf4j.Logger.class)
        .should().bePrivate().andShould().beStatic().andShould().beFinal()
        .check(jira);
  }

  @Test
  @DisplayName("only the adapter's API is public; the implementation is package-private")
  void smallPublicSurface() {
    classes().that().haveModifier(JavaModifier.PUBLIC)
        .should().haveNameMatching("io\\.github\\.coexist\\.adapters\\.jira\\."
            + "(JiraAdapter|JiraAdapter\\$Builder|JiraConfig|JiraConfig\\$ChangeField|JiraWebhooks|JiraEvent(\\$.*)?"
            + "|JiraDeploymentGating(\\$.*)?)")
        .check(jira);
  }
}
