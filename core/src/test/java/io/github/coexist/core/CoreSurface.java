package io.github.coexist.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static java.util.Map.entry;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Core's public surface, as data and rules. {@link #API} lists, per package (relative to {@code
 * io.github.coexist.core}; {@code ""} is the facade's own package), the public top-level types an
 * embedder or integrator uses; everything else is package-private or lives in an {@code internal}
 * package ("Not API: may change in any release"). Making a type public is therefore a deliberate
 * change to this list, reviewed with the code.
 */
final class CoreSurface {
  private CoreSurface() {}

  /** Core's API: the public top-level types of each package outside {@code ..internal..}. */
  static final Map<String, Set<String>> API = Map.ofEntries(
      entry("", Set.of("Coexist", "CoexistTick", "ItsmAdapter", "LogContext", "StoreStatus", "TickScheduler")),
      entry("audit", Set.of("AuditEntry", "AuditEvent", "AuditStore", "AuditTrail", "AuditVerification",
          "InMemoryAuditStore")),
      entry("calendar", Set.of("CalendarWindow", "ChangeCalendar", "Schedule", "StandardChangeCalendar", "WindowKind",
          "WindowOccurrence", "WindowScope")),
      entry("catalog", Set.of("Approval", "Catalog", "CatalogItem", "CatalogItemId", "FieldSpec", "FulfilmentTask",
          "RequestActivity", "RequestDesk", "RequestEvent", "RequestId", "RequestListener", "RequestState",
          "ServiceRequest", "TaskTemplate")),
      entry("change", Set.of("ApprovalPolicy", "ApprovalStatus", "Approvals", "Change", "ChangeAuthority",
          "ChangeLifecycle", "ChangeModel", "ChangeRecords", "ChangeState", "ChangeType", "CloseCode", "Decision",
          "GateReplies", "GateReply", "InMemoryChangeRecords", "InMemoryGateReplies", "PolicyVerdict",
          "RecordedChange", "StandardChangeLimits", "StandardClaimFacts", "Vote")),
      entry("delivery", Set.of("ChangeSize", "Commit", "Deployment", "DeploymentLog", "DeploymentRequest",
          "EvidenceStatus", "PipelineEvidence")),
      entry("error", Set.of("CoexistError", "Problems")),
      entry("feedback", Set.of("FeedbackEvent", "FeedbackListener", "FeedbackRecords", "InMemoryFeedbackRecords",
          "RecordedFeedback", "Survey", "SurveyDesk", "SurveyResponse", "Ticket")),
      entry("gate", Set.of("ChangeGate", "TemplateReenabled", "ChangeListener", "GateDecision", "GateTick", "GateRecord",
          "Lockdown", "PipelineDeadline", "ServiceHealth", "TrackedChange")),
      entry("incident", Set.of("ProblemLink", "Alert", "AlertHistory", "AlertOutcome", "AlertPolicy", "AlertSeverity", "AlertTrace",
          "CausedBy", "ChangeLinks", "ChangeLookup", "CorrelationPolicy", "Impact", "InMemoryIncidentRecords", "Incident",
          "IncidentActivity", "IncidentDesk", "IncidentEvent", "IncidentListener", "IncidentRecords", "IncidentState",
          "KeptIncident", "NewIncident", "Priority", "PriorityMatrix", "RecordedIncident", "SlaClock", "SlaPolicy", "SlaStatus",
          "SlaTarget", "Suspect", "Urgency", "Verdict")),
      entry("kernel", Set.of("Actor", "ChangeId", "DeploymentId", "Done", "Durability", "ExternalKey", "IdempotencyKey", "IncidentId",
          "ManualClock", "ProblemId")),
      entry("kpi", Set.of("Attribution", "ChangeFact", "DoraBenchmarks", "DoraLevel", "DoraMetric", "FactListener",
          "FailedDeployment", "FeedbackFact", "IncidentFact", "KpiBasis", "KpiEngine", "KpiQuery", "KpiReport", "KpiScope",
          "ProductionEnvironments", "ResolutionTargets", "TimeWindow", "TrendPeriod")),
      entry("postmortem", Set.of("ActionItem", "ImpactSummary", "Postmortem", "PostmortemDrafter", "TimelineEntry",
          "ActionItemRecords", "ActionPlan", "InMemoryActionItemRecords", "PostmortemBook", "PublishedPostmortem",
          "TrackedAction")),
      entry("problem", Set.of("InMemoryProblemRecords", "KeptProblem", "KnownError", "NewProblem", "Problem",
          "ProblemActivity", "ProblemEvent", "ProblemListener", "ProblemManager", "ProblemRecords", "ProblemState",
          "RecordedProblem", "Recurrence", "RecurrencePolicy", "Resolution")),
      entry("risk", Set.of("FactorContribution", "RiskAssessment", "RiskAssessor", "RiskContext", "RiskFactor",
          "RiskFactors", "RiskLevel", "RiskRule", "RiskThresholds", "StandardRiskAssessor")),
      entry("service", Set.of("InMemoryServiceDirectory", "Service", "ServiceDirectory", "ServiceGraph", "ServiceId",
          "TeamId", "Tier")),
      entry("signal", Set.of("Signal", "SignalObserver", "SignalOutcome")),
      entry("store", Set.of("Batch", "Inbox", "InboxEntry", "InMemoryStateStore", "Lease", "LeaseGrant", "NumberBlock",
          "StateStore", "StoreLimits", "StoredRecord", "StoredState")));

  /**
   * One slice per capability package and one per internal package ({@code internal.records},
   * {@code internal.audit}, ...), so an internal package shared by two capabilities hides no cycle.
   */
  static final SliceAssignment PACKAGES = new SliceAssignment() {
    private static final String CORE = "io.github.coexist.core.";

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      if (!c.getPackageName().startsWith(CORE)) {
        return SliceIdentifier.ignore();
      }
      String[] parts = c.getPackageName().substring(CORE.length()).split("\\.");
      return parts[0].equals("internal") && parts.length > 1
          ? SliceIdentifier.of("internal." + parts[1]) : SliceIdentifier.of(parts[0]);
    }

    @Override
    public String getDescription() {
      return "core's capability packages and each of its internal packages";
    }
  };

  /** A package named {@code internal} or below one: not API. */
  static boolean isInternal(String packageName) {
    return packageName.contains(".internal.") || packageName.endsWith(".internal");
  }

  /** The public top-level types of every package under {@code root} outside the internal packages. */
  static Map<String, Set<String>> publicSurface(JavaClasses classes, String root) {
    Map<String, Set<String>> surface = new TreeMap<>();
    for (JavaClass c : classes) {
      if (c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC) && !isInternal(c.getPackageName())) {
        surface.computeIfAbsent(relative(c.getPackageName(), root), k -> new TreeSet<>()).add(c.getSimpleName());
      }
    }
    return surface;
  }

  private static String relative(String packageName, String root) {
    return packageName.equals(root) ? "" : packageName.substring(root.length() + 1);
  }

  /** Every public top-level type under {@code root}, outside the internal packages, is listed in {@code api}. */
  static ArchRule onlyListedTypesArePublic(String root, Map<String, Set<String>> api) {
    return classes().that().arePublic().and().areTopLevelClasses()
        .and().resideInAPackage(root + "..")
        .and(DescribedPredicate.describe("are outside the internal packages", (JavaClass c) -> !isInternal(c.getPackageName())))
        .should(new ArchCondition<JavaClass>("be listed as API of their package") {
          @Override
          public void check(JavaClass c, ConditionEvents events) {
            String pkg = relative(c.getPackageName(), root);
            boolean listed = api.getOrDefault(pkg, Set.of()).contains(c.getSimpleName());
            events.add(new SimpleConditionEvent(c, listed, c.getName() + " is public but not listed as API of package '"
                + pkg + "': make it package-private, move it to an internal package, or list it"));
          }
        });
  }

  /** Whether {@code c} can be named by users: public, and every class it is nested in too. */
  static boolean isApi(JavaClass c) {
    return c.getModifiers().contains(JavaModifier.PUBLIC) && !isInternal(c.getPackageName())
        && c.getEnclosingClass().map(CoreSurface::isApi).orElse(true);
  }

  /**
   * No API type shows an internal type where users see it: as superclass or interface, or in the
   * type, parameters or result of a public or protected field, constructor or method (type
   * arguments included).
   */
  static final ArchRule API_SHOWS_NO_INTERNAL_TYPE = classes()
      .that(DescribedPredicate.describe("are API types", CoreSurface::isApi))
      .should(new ArchCondition<JavaClass>("show no internal type in a public or protected signature") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
          Stream.concat(c.getRawSuperclass().stream(), c.getInterfaces().stream().flatMap(CoreSurface::rawTypes))
              .filter(t -> isInternal(t.getPackageName()))
              .forEach(t -> events.add(SimpleConditionEvent.violated(c, c.getName() + " extends or implements internal "
                  + t.getName())));
          c.getMembers().stream().filter(CoreSurface::isVisible).forEach(m -> signature(m)
              .filter(t -> isInternal(t.getPackageName()))
              .forEach(t -> events.add(SimpleConditionEvent.violated(c, m.getFullName() + " shows internal "
                  + t.getName()))));
        }
      });

  private static boolean isVisible(JavaMember m) {
    return m.getModifiers().contains(JavaModifier.PUBLIC) || m.getModifiers().contains(JavaModifier.PROTECTED);
  }

  private static Stream<JavaClass> signature(JavaMember m) {
    if (m instanceof JavaField f) {
      return rawTypes(f.getType());
    }
    JavaCodeUnit unit = (JavaCodeUnit) m;
    return Stream.concat(rawTypes(unit.getReturnType()), unit.getParameterTypes().stream().flatMap(CoreSurface::rawTypes));
  }

  private static Stream<JavaClass> rawTypes(JavaType type) {
    return type.getAllInvolvedRawTypes().stream().map(JavaClass::getBaseComponentType);
  }
}
