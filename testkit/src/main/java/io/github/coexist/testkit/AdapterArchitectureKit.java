package io.github.coexist.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rules every coexist adapter keeps, as tests: extend it in the adapter's test sources, name
 * the adapter's package and its public API, and the adapter is checked to depend on no other
 * adapter, to speak HTTP only through {@code adapters-http}'s {@code RemoteClient} (which carries
 * the timeouts, bounded retries, {@code Retry-After} and same-host guard), to take time from an
 * injected clock (the system clock only as the default of a public type's {@code Builder}, where
 * an integrator can replace it), to log through private static final SLF4J loggers, to use only
 * core's API (never a {@code io.github.coexist.core.internal} package), and to keep its
 * implementation package-private. A package that holds no classes fails every rule, naming the
 * package, rather than passing unchecked.
 *
 * <pre>{@code
 * class ArchitectureTest extends AdapterArchitectureKit {
 *   ArchitectureTest() {
 *     super("io.github.coexist.adapters.acme", Set.of("AcmeAdapter", "AcmeConfig"));
 *   }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AdapterArchitectureKit {
  private static final String ADAPTERS = "io.github.coexist.adapters";
  private static final String SHARED_HTTP = ADAPTERS + ".http";
  private static final String CORE_INTERNAL = "io.github.coexist.core.internal..";

  private final String adapterPackage;
  private final Set<String> publicApi;
  private JavaClasses adapter;

  /**
   * Rules for the adapter in {@code adapterPackage} whose public top-level types are exactly the
   * simple names in {@code publicApi} (their nested types may be public too).
   */
  protected AdapterArchitectureKit(String adapterPackage, Set<String> publicApi) {
    this.adapterPackage = adapterPackage;
    this.publicApi = Set.copyOf(publicApi);
  }

  @BeforeAll
  void importAdapter() {
    adapter = importer().importPackages(adapterPackage);
    if (adapter.isEmpty()) {
      throw new AssertionError("package " + adapterPackage + " holds no classes to check: is its name right,"
          + " and are the adapter's main classes on the test class path?");
    }
  }

  /** The adapter's main classes, not its tests. */
  ClassFileImporter importer() {
    return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
  }

  @Test
  @DisplayName("depends on no other adapter")
  void noOtherAdapter() {
    noClasses().should().dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe("another adapter", (JavaClass c) ->
                c.getPackageName().startsWith(ADAPTERS + ".")
                    && !c.getPackageName().startsWith(adapterPackage)
                    && !c.getPackageName().startsWith(SHARED_HTTP)))
        .check(adapter);
  }

  @Test
  @DisplayName("speaks HTTP only through adapters-http, no other HTTP library")
  void onlySharedHttp() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "java.net.http..", "okhttp3..", "org.apache.http..", "org.apache.hc..", "org.eclipse.jetty..",
            "io.netty..", "reactor.netty..", "feign..", "retrofit2..", "com.github.tomakehurst..",
            "org.springframework..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
        .because("every call goes through RemoteClient: timeouts, bounded retries, Retry-After, same-host guard")
        .check(adapter);
  }

  @Test
  @DisplayName("throws no generic exceptions, writes to no standard stream, uses no java.util.logging")
  void generalCodingRules() {
    NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(adapter);
    NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(adapter);
    NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(adapter);
  }

  @Test
  @DisplayName("logs through private static final SLF4J loggers")
  void loggers() {
    fields().that().haveRawType(org.slf4j.Logger.class)
        .should().bePrivate().andShould().beStatic().andShould().beFinal()
        .allowEmptyShould(true)
        .check(adapter);
  }

  @Test
  @DisplayName("takes time from the injected clock, reading the system clock only as a public builder's default")
  void clock() {
    noClasses().should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .check(adapter);
    noClasses().that(com.tngtech.archunit.base.DescribedPredicate.not(publicBuilder()))
        .should().callMethod(Clock.class, "systemUTC")
        .orShould().callMethod(Clock.class, "systemDefaultZone")
        .orShould().callMethod(Clock.class, "system", ZoneId.class)
        .because("time comes from the clock an integrator injects; only a builder may default it to the system clock")
        .check(adapter);
  }

  /** A class named {@code Builder} nested in a type of the public API: where a clock is injected. */
  private com.tngtech.archunit.base.DescribedPredicate<JavaClass> publicBuilder() {
    return com.tngtech.archunit.base.DescribedPredicate.describe("a public API type's Builder", (JavaClass c) ->
        c.getSimpleName().equals("Builder")
            && c.getEnclosingClass().map(outer -> publicApi.contains(outer.getSimpleName())).orElse(false));
  }

  @Test
  @DisplayName("uses only core's API, never a core internal package")
  void noCoreInternals() {
    noClasses().should().dependOnClassesThat().resideInAPackage(CORE_INTERNAL)
        .because("core's internal packages are not API: they may change in any release")
        .check(adapter);
  }

  @Test
  @DisplayName("keeps its implementation package-private; only its API is public")
  void smallPublicSurface() {
    classes().that().arePublic().and().areTopLevelClasses()
        .should(com.tngtech.archunit.lang.conditions.ArchConditions.have(
            com.tngtech.archunit.base.DescribedPredicate.describe("a simple name in " + publicApi,
                (JavaClass c) -> publicApi.contains(c.getSimpleName()))))
        .check(adapter);
  }
}
