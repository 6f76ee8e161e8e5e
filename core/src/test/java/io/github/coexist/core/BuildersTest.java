package io.github.coexist.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import io.github.coexist.core.calendar.StandardChangeCalendar;
import io.github.coexist.core.catalog.Catalog;
import io.github.coexist.core.catalog.CatalogItem;
import io.github.coexist.core.catalog.RequestDesk;
import io.github.coexist.core.catalog.ServiceRequest;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.SurveyDesk;
import io.github.coexist.core.gate.ChangeGate;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.NewIncident;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.postmortem.PostmortemDrafter;
import io.github.coexist.core.problem.NewProblem;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemManager;
import io.github.coexist.core.risk.StandardRiskAssessor;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.control.Either;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builder rules of core's public API, over every public builder: value builders
 * (Immutables) and wiring builders refuse a {@code null} with a {@link NullPointerException} and
 * a missing required part with an {@link IllegalStateException} naming every one; input builders
 * never throw and report every problem, a {@code null} included, as {@link
 * CoexistError.InvalidInput}.
 */
class BuildersTest {
  private static final Clock CLOCK = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));

  static Stream<Arguments> valueBuilders() {
    return Stream.of(
        value("Service", Service::builder, Service.Builder::build, "id", "owner"),
        value("CatalogItem", CatalogItem::builder, CatalogItem.Builder::build, "id", "name"),
        value("ServiceRequest", ServiceRequest::builder, ServiceRequest.Builder::build,
            "id", "item", "requester", "state", "submittedAt", "updatedAt"),
        value("Change", Change::builder, Change.Builder::build, "id", "idempotencyKey", "type", "model",
            "state", "request", "assignmentGroup", "risk", "decision", "plannedStart", "plannedEnd",
            "createdAt", "updatedAt"),
        value("Incident", Incident::builder, Incident.Builder::build, "id", "title", "service", "state",
            "impact", "urgency", "priority", "signature", "openedBy", "openedAt", "updatedAt"),
        value("Problem", Problem::builder, Problem.Builder::build, "id", "title", "service", "state",
            "impact", "urgency", "priority", "openedBy", "openedAt", "updatedAt"));
  }

  static Stream<Arguments> wiringBuilders() {
    InMemoryServiceDirectory services = new InMemoryServiceDirectory();
    Coexist coexist = Coexist.builder().clock(CLOCK).build();
    return Stream.of(
        wiring("Coexist", Coexist::builder),
        wiring("ChangeGate", ChangeGate::builder),
        wiring("StandardRiskAssessor", StandardRiskAssessor::builder),
        wiring("StandardChangeCalendar", StandardChangeCalendar::builder),
        wiring("KpiEngine", KpiEngine::builder),
        wiring("IncidentDesk", () -> IncidentDesk.builder(CLOCK, services)),
        wiring("ProblemManager", () -> ProblemManager.builder(CLOCK)),
        wiring("SurveyDesk", () -> SurveyDesk.builder(CLOCK)),
        wiring("RequestDesk", () -> RequestDesk.builder(CLOCK, new Catalog())),
        wiring("PostmortemDrafter", () -> PostmortemDrafter.builder(CLOCK, coexist.incidents(), services)));
  }

  static Stream<Arguments> inputBuilders() {
    return Stream.of(
        input("DeploymentRequest", DeploymentRequest::builder, DeploymentRequest.Builder::build,
            "idempotency key is required", "service is required", "environment is required"),
        input("Alert", Alert::builder, Alert.Builder::build, "source is required", "dedup key is required",
            "service is required", "at (when the alert fired or cleared) is required", "severity is required",
            "status is required"),
        input("NewIncident", NewIncident::builder, NewIncident.Builder::build, "title is required",
            "service is required", "reporter is required"),
        input("NewProblem", NewProblem::builder, NewProblem.Builder::build, "title is required",
            "service is required", "raised by is required"),
        input("ChangeFact", ChangeFact::builder, ChangeFact.Builder::build, "id is required",
            "service is required", "changeType is required", "createdAt is required"),
        input("IncidentFact", IncidentFact::builder, IncidentFact.Builder::build, "id is required",
            "service is required", "openedAt is required"),
        input("ApprovalPolicy", ApprovalPolicy::builder, ApprovalPolicy.Builder::build, "version is required",
            "at least one environment is required", "an emergency authority is required"));
  }

  @Nested
  @DisplayName("a value builder (Immutables)")
  class Values {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.coexist.core.BuildersTest#valueBuilders")
    @DisplayName("refuses to build with required attributes left out, naming every one at once")
    void namesEveryMissingAttribute(Supplier<Object> builder, Builds build, List<String> required) {
      assertThatThrownBy(() -> build.from(builder.get()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageEndingWith("some of required attributes are not set " + required);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.coexist.core.BuildersTest#valueBuilders")
    @DisplayName("refuses a null in every setter with a NullPointerException")
    void refusesNulls(Supplier<Object> builder, Builds build, List<String> required) {
      assertEverySetterRefusesNull(builder);
    }

    @Test
    @DisplayName("names the attribute a null was passed for")
    void namesTheNullAttribute() {
      assertThatThrownBy(() -> Service.builder().owner(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("owner");
      Service shop = Service.of("shop", "web");
      assertThatThrownBy(() -> Service.builder().from(shop).id(ServiceId.of("cart")).zone(null).build())
          .isInstanceOf(NullPointerException.class).hasMessage("zone");
    }

    @Test
    @DisplayName("builds once every required attribute is set, defaults filled in")
    void buildsWhenComplete() {
      assertThat(Service.builder().id(ServiceId.of("shop")).owner(io.github.coexist.core.service.TeamId.of("web"))
          .build().tier()).isEqualTo(io.github.coexist.core.service.Tier.TIER_3);
    }
  }

  @Nested
  @DisplayName("a wiring builder (hand-written)")
  class Wiring {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.coexist.core.BuildersTest#wiringBuilders")
    @DisplayName("refuses a null in every setter with a NullPointerException naming it")
    void refusesNulls(Supplier<Object> builder) {
      assertEverySetterRefusesNull(builder);
    }

    @Test
    @DisplayName("refuses to build without its required parts, naming every one at once")
    void namesEveryMissingPart() {
      assertThatThrownBy(() -> ChangeGate.builder().build()).isInstanceOf(IllegalStateException.class)
          .hasMessage("a change gate needs a clock and a risk assessor");
      assertThatThrownBy(() -> Coexist.builder().build()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("a clock");
    }

    @Test
    @DisplayName("refuses a null required part passed to its factory, naming it")
    void refusesNullInTheFactory() {
      assertThatThrownBy(() -> ProblemManager.builder(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("clock");
      assertThatThrownBy(() -> RequestDesk.builder(CLOCK, null)).isInstanceOf(NullPointerException.class)
          .hasMessage("catalog");
    }
  }

  @Nested
  @DisplayName("an input builder (untrusted input)")
  class Inputs {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.coexist.core.BuildersTest#inputBuilders")
    @DisplayName("left empty, reports every required field at once as invalid input")
    void reportsEveryMissingField(Supplier<Object> builder, Returns build, List<String> problems) {
      CoexistError error = build.from(builder.get()).getLeft();
      assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(((CoexistError.InvalidInput) error).problems()).containsAll(problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.coexist.core.BuildersTest#inputBuilders")
    @DisplayName("takes a null in every setter without throwing, and build() refuses it as invalid input")
    void reportsNulls(Supplier<Object> builder, Returns build, List<String> problems) {
      Object b = builder.get();
      for (Method setter : setters(b.getClass())) {
        assertThatCode(() -> setter.invoke(b, new Object[setter.getParameterCount()]))
            .as(setter.toString()).doesNotThrowAnyException();
      }
      assertThat(build.from(b).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    }

    @Test
    @DisplayName("reports a null where a value with a default is expected, naming it")
    void namesANullForADefaultedValue() {
      CoexistError error = io.github.coexist.core.testing.Requests.deploy("k", "shop").evidence(null)
          .requester(null).addCommit(null).build().getLeft();
      assertThat(((CoexistError.InvalidInput) error).problems())
          .containsExactly("evidence is required", "requester is required", "a commit must not be null");
    }
  }

  private static void assertEverySetterRefusesNull(Supplier<Object> builder) {
    List<Method> setters = setters(builder.get().getClass());
    assertThat(setters).isNotEmpty();
    for (Method setter : setters) {
      Object[] nulls = new Object[setter.getParameterCount()];
      assertThatThrownBy(() -> invoke(setter, builder.get(), nulls)).as(setter.toString())
          .isInstanceOf(NullPointerException.class);
      // Immutables' generated setters of an Optional, a collection, a map, an entry or an array
      // throw without a message; every other setter names what was null.
      Class<?> parameter = setter.getParameterTypes()[0];
      if (setter.getParameterCount() == 1 && !parameter.isArray() && !parameter.getPackageName().equals("java.util")
          && !Iterable.class.isAssignableFrom(parameter)) {
        assertThatThrownBy(() -> invoke(setter, builder.get(), nulls)).as(setter.toString())
            .hasMessageNotContaining("null").message().isNotBlank();
      }
    }
  }

  /** Public methods returning the builder whose parameters are all references: the setters. */
  private static List<Method> setters(Class<?> type) {
    return Arrays.stream(type.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isBridge() && !m.isSynthetic())
        .filter(m -> type.isAssignableFrom(m.getReturnType()) && m.getParameterCount() > 0)
        .filter(m -> Arrays.stream(m.getParameterTypes()).noneMatch(Class::isPrimitive))
        .peek(m -> m.setAccessible(true))
        .toList();
  }

  private static void invoke(Method setter, Object target, Object[] args) throws Throwable {
    try {
      setter.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** How a value builder builds. */
  @FunctionalInterface
  interface Builds {
    Object from(Object builder);
  }

  /** How an input builder builds. */
  @FunctionalInterface
  interface Returns {
    Either<CoexistError, ?> from(Object builder);
  }

  @SuppressWarnings("unchecked")
  private static <B> Arguments value(String name, Supplier<B> builder, java.util.function.Function<B, ?> build,
      String... required) {
    Builds builds = b -> build.apply((B) b);
    return Arguments.of(named(name, (Supplier<Object>) builder), builds, List.of(required));
  }

  @SuppressWarnings("unchecked")
  private static <B> Arguments wiring(String name, Supplier<B> builder) {
    return Arguments.of(named(name, (Supplier<Object>) builder));
  }

  @SuppressWarnings("unchecked")
  private static <B> Arguments input(String name, Supplier<B> builder,
      java.util.function.Function<B, Either<CoexistError, ?>> build, String... problems) {
    Returns returns = b -> build.apply((B) b);
    return Arguments.of(named(name, (Supplier<Object>) builder), returns, List.of(problems));
  }
}
