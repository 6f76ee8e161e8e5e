package io.github.coexist.core.change;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.NullUnmarked;

/**
 * The approval policy: data, built with {@link #builder()} and versioned, that says which change
 * model applies, who must approve, and what is approved automatically. Every {@link Decision}
 * records the {@link #version()} that made it.
 *
 * <p>Rules, in the order {@link #evaluate} applies them:
 *
 * <ol>
 *   <li>A standard change whose template's checks passed and that stays within the template's
 *       {@link StandardChangeLimits} (who may claim it, size, tiers, paths, maximum risk, no open
 *       P1/P2, not demoted) is approved: it is pre-authorised. Otherwise it is handled as a
 *       normal change, and the reasons say which check or limit it missed.
 *   <li>An emergency goes to the emergency authority and must be reviewed afterwards.
 *   <li>A normal change whose pipeline evidence failed is rejected (when {@link
 *       Builder#rejectFailedEvidence(boolean) enabled}).
 *   <li>Outside production it is approved (when {@link Builder#autoApproveOutsideProduction(boolean)
 *       enabled}).
 *   <li>At or below the auto-approval risk level, with passing evidence, it is approved.
 *   <li>Otherwise it goes to the authority its model names, or the one its risk level calls for.
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class ApprovalPolicy {
  /** The name of the default normal change model. */
  public static final String NORMAL = "normal";

  /** The name of the default emergency change model. */
  public static final String EMERGENCY = "emergency";

  private final String version;
  private final SortedMap<String, ChangeModel> models;
  private final String normalModel;
  private final String emergencyModel;
  private final SortedMap<String, ChangeAuthority> authorities;
  private final Map<RiskLevel, ChangeAuthority> authorityByRisk;
  private final ChangeAuthority emergencyAuthority;
  private final Optional<RiskLevel> autoApproveUpTo;
  private final boolean autoApprovalNeedsPassingEvidence;
  private final boolean rejectFailedEvidence;
  private final boolean autoApproveOutsideProduction;
  private final SortedMap<String, Boolean> environments;
  private final Map<String, StandardChangeLimits> limits;
  private final Builder source;

  private ApprovalPolicy(Builder b) {
    this.version = b.version.strip();
    this.models = Collections.unmodifiableSortedMap(new TreeMap<>(b.models));
    this.normalModel = b.normalModel;
    this.emergencyModel = b.emergencyModel;
    this.authorities = Collections.unmodifiableSortedMap(new TreeMap<>(b.authorities));
    Map<RiskLevel, ChangeAuthority> byRisk = new EnumMap<>(RiskLevel.class);
    b.authorityByRisk.forEach((level, name) -> byRisk.put(level, b.authorities.get(name)));
    this.authorityByRisk = Collections.unmodifiableMap(byRisk);
    this.emergencyAuthority = b.authorities.get(b.emergencyAuthority);
    this.autoApproveUpTo = b.autoApproveUpTo;
    this.autoApprovalNeedsPassingEvidence = b.autoApprovalNeedsPassingEvidence;
    this.rejectFailedEvidence = b.rejectFailedEvidence;
    this.autoApproveOutsideProduction = b.autoApproveOutsideProduction;
    this.environments = Collections.unmodifiableSortedMap(new TreeMap<>(b.environments));
    this.limits = Map.copyOf(b.limits);
    this.source = b.copy();
  }

  /** A builder with the {@value #NORMAL} and {@value #EMERGENCY} models and nothing else. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A policy to start with, version {@code default-1}: environments {@code production} and
   * {@code prod} (production), {@code staging}, {@code qa}, {@code test}, {@code development} and
   * {@code dev}; authorities {@code peer} (1 approval, 24 h), {@code change-manager} (1, 48 h),
   * {@code cab} (2, 72 h) and {@code ecab} (1, 4 h), each open to any person but the requester;
   * low risk goes to the peer, moderate to the change manager, high and very high to the CAB;
   * low risk with passing evidence is approved automatically. Name your approvers for real use.
   */
  public static ApprovalPolicy defaults() {
    return builder()
        .version("default-1")
        .productionEnvironment("production")
        .productionEnvironment("prod")
        .environment("staging")
        .environment("qa")
        .environment("test")
        .environment("development")
        .environment("dev")
        .authority(ChangeAuthority.anyPerson("peer", 1, Duration.ofHours(24)))
        .authority(ChangeAuthority.anyPerson("change-manager", 1, Duration.ofHours(48)))
        .authority(ChangeAuthority.anyPerson("cab", 2, Duration.ofHours(72)))
        .authority(ChangeAuthority.anyPerson("ecab", 1, Duration.ofHours(4)))
        .authorityFor(RiskLevel.LOW, "peer")
        .authorityFor(RiskLevel.MODERATE, "change-manager")
        .authorityFor(RiskLevel.HIGH, "cab")
        .authorityFor(RiskLevel.VERY_HIGH, "cab")
        .emergencyAuthority("ecab")
        .autoApproveUpTo(RiskLevel.LOW)
        .build()
        .getOrElseThrow(error -> new IllegalStateException(error.message()));
  }

  /** A builder holding this policy, to make its next version. */
  public Builder toBuilder() {
    return source.copy();
  }

  /** The version every decision made by this policy records. */
  public String version() {
    return version;
  }

  /** The change models by name. */
  public SortedMap<String, ChangeModel> models() {
    return models;
  }

  /** The model called {@code name}, if there is one. */
  public Optional<ChangeModel> model(String name) {
    return Optional.ofNullable(models.get(name));
  }

  /**
   * The guardrails of the standard change template {@code model}: those the policy set, else
   * {@link StandardChangeLimits#DEFAULT}.
   */
  public StandardChangeLimits limits(String model) {
    return limits.getOrDefault(model, StandardChangeLimits.DEFAULT);
  }

  /** The change authorities by name. */
  public SortedMap<String, ChangeAuthority> authorities() {
    return authorities;
  }

  /** The authority called {@code name}, if there is one. */
  public Optional<ChangeAuthority> authority(String name) {
    return Optional.ofNullable(authorities.get(name));
  }

  /** The authority a normal change at {@code level} goes to. */
  public ChangeAuthority authorityFor(RiskLevel level) {
    return authorityByRisk.get(level);
  }

  /** The authority that approves emergency changes and reviews them afterwards. */
  public ChangeAuthority emergencyAuthority() {
    return emergencyAuthority;
  }

  /** The known environments, lower-case, each with whether it is production. */
  public SortedMap<String, Boolean> environments() {
    return environments;
  }

  /** Whether {@code environment} is known (case does not matter). */
  public boolean isKnownEnvironment(String environment) {
    return productionFlag(environment) != null;
  }

  /** Whether {@code environment} is a known production environment (case does not matter). */
  public boolean isProduction(String environment) {
    return Boolean.TRUE.equals(productionFlag(environment));
  }

  private Boolean productionFlag(String environment) {
    Boolean production = environments.get(environment);
    return production != null ? production : environments.get(environment.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The problems with {@code request} that only the policy can see: an unknown environment.
   * Empty when there are none. (An unknown change model is no problem: the request is handled as
   * a normal change, which is never less strict, and the decision says why.)
   */
  public List<String> problemsWith(DeploymentRequest request) {
    List<String> problems = new ArrayList<>();
    if (!isKnownEnvironment(request.environment())) {
      problems.add("environment '" + request.environment() + "' is not a known environment");
    }
    return problems;
  }

  /**
   * The verdict on {@code request}, whose risk is {@code risk}, knowing nothing of its service: a
   * standard change template limited to some tiers is then not pre-authorised. Pure.
   */
  public PolicyVerdict evaluate(DeploymentRequest request, RiskAssessment risk) {
    return evaluate(request, risk, StandardClaimFacts.unknown());
  }

  /**
   * The verdict on {@code request}, whose risk is {@code risk}; a claimed standard change
   * template's limits are checked against {@code facts}. Pure.
   */
  public PolicyVerdict evaluate(DeploymentRequest request, RiskAssessment risk, StandardClaimFacts facts) {
    List<String> reasons = new ArrayList<>();
    PipelineEvidence evidence = request.evidence();
    ChangeModel model = chooseModel(request);
    request.changeModel().filter(name -> !request.emergency() && !models.containsKey(name)).ifPresent(name ->
        reasons.add("change model '" + name + "' is not known: handled as a normal change"));
    if (model.type() == ChangeType.STANDARD) {
      List<String> outside = new ArrayList<>();
      facts.demotion().ifPresent(outside::add);
      outside.addAll(limits(model.name()).broken(request, risk, facts));
      if (!outside.isEmpty()) {
        reasons.add("standard change '" + model.name() + "' claimed outside its limits: " + String.join("; ", outside)
            + ": assessed as a normal change");
        model = models.get(normalModel);
      }
    }
    if (model.type() == ChangeType.STANDARD) {
      List<String> unmet = model.unmetChecks(evidence);
      boolean failed = rejectFailedEvidence && evidence.anyFailed();
      if (unmet.isEmpty() && !failed) {
        reasons.add("standard change '" + model.name() + "' is pre-authorised"
            + (model.requiredChecks().isEmpty() ? "" : " and its checks passed (" + String.join(", ", model.requiredChecks()) + ")"));
        return verdict(PolicyVerdict.Kind.APPROVE, model, null, reasons);
      }
      reasons.add("standard change '" + model.name() + "' "
          + (unmet.isEmpty() ? "has failed checks" : "needs " + String.join(", ", unmet) + " to pass")
          + ": handled as a normal change");
      model = models.get(normalModel);
    }
    if (model.type() == ChangeType.EMERGENCY) {
      ChangeAuthority authority = model.authority().map(authorities::get).orElse(emergencyAuthority);
      reasons.add("emergency change: goes to " + authority.name() + " and is reviewed afterwards");
      return new PolicyVerdict(PolicyVerdict.Kind.ASK_AUTHORITY, model, Optional.of(authority), true, reasons, version);
    }
    String riskText = level(risk.level()) + " risk (score " + risk.score() + ")";
    if (rejectFailedEvidence && evidence.anyFailed()) {
      reasons.add("pipeline evidence failed: " + String.join(", ", checksWith(evidence, EvidenceStatus.FAILED)));
      return verdict(PolicyVerdict.Kind.REJECT, model, null, reasons);
    }
    if (autoApproveOutsideProduction && !isProduction(request.environment())) {
      reasons.add("'" + request.environment() + "' is not production: approved automatically");
      return verdict(PolicyVerdict.Kind.APPROVE, model, null, reasons);
    }
    List<String> unmet = model.unmetChecks(evidence);
    boolean evidenceOk = unmet.isEmpty() && (!autoApprovalNeedsPassingEvidence || evidence.allChecksPassed());
    boolean lowEnough = autoApproveUpTo.isPresent() && autoApproveUpTo.get().atLeast(risk.level());
    if (lowEnough && evidenceOk && model.authority().isEmpty()) {
      reasons.add(riskText + " with passing evidence: approved automatically");
      return verdict(PolicyVerdict.Kind.APPROVE, model, null, reasons);
    }
    ChangeAuthority authority = model.authority().map(authorities::get).orElse(authorityByRisk.get(risk.level()));
    if (lowEnough && !evidenceOk) {
      List<String> notPassed = new ArrayList<>(unmet);
      for (String check : checksWith(evidence, EvidenceStatus.MISSING)) {
        if (!notPassed.contains(check)) {
          notPassed.add(check);
        }
      }
      reasons.add(riskText + " but evidence incomplete (" + String.join(", ", notPassed) + " not passed): needs " + authority.name());
    } else {
      reasons.add(riskText + ": needs " + authority.name());
    }
    return verdict(PolicyVerdict.Kind.ASK_AUTHORITY, model, authority, reasons);
  }

  private PolicyVerdict verdict(PolicyVerdict.Kind kind, ChangeModel model, ChangeAuthority authority, List<String> reasons) {
    return new PolicyVerdict(kind, model, Optional.ofNullable(authority), false, reasons, version);
  }

  private ChangeModel chooseModel(DeploymentRequest request) {
    if (request.emergency()) {
      return models.get(emergencyModel);
    }
    return request.changeModel().map(models::get).orElse(models.get(normalModel));
  }

  private static List<String> checksWith(PipelineEvidence evidence, EvidenceStatus status) {
    List<String> names = new ArrayList<>();
    if (evidence.tests() == status) {
      names.add(ChangeModel.TESTS);
    }
    if (evidence.review() == status) {
      names.add(ChangeModel.REVIEW);
    }
    if (evidence.securityScan() == status) {
      names.add(ChangeModel.SECURITY_SCAN);
    }
    evidence.otherChecks().forEach((name, s) -> {
      if (s == status) {
        names.add(name);
      }
    });
    return names;
  }

  private static String level(RiskLevel level) {
    return LEVELS[level.ordinal()];
  }

  /** Risk levels in words ("very high"), worked out once: every verdict names one. */
  private static final String[] LEVELS = levels();

  private static String[] levels() {
    RiskLevel[] levels = RiskLevel.values();
    String[] words = new String[levels.length];
    for (RiskLevel level : levels) {
      words[level.ordinal()] = level.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    return words;
  }

  @Override
  public String toString() {
    return "ApprovalPolicy[" + version + "]";
  }

  /**
   * Collects a policy's parts; {@link #build()} checks them together and lists every problem.
   * Not thread-safe.
   */
  public static final class Builder {
    private String version;
    private final Map<String, ChangeModel> models = new TreeMap<>();
    private String normalModel = NORMAL;
    private String emergencyModel = EMERGENCY;
    private final Map<String, ChangeAuthority> authorities = new TreeMap<>();
    private final Map<RiskLevel, String> authorityByRisk = new EnumMap<>(RiskLevel.class);
    private String emergencyAuthority;
    private Optional<RiskLevel> autoApproveUpTo = Optional.empty();
    private boolean autoApprovalNeedsPassingEvidence = true;
    private boolean rejectFailedEvidence = true;
    private boolean autoApproveOutsideProduction = true;
    private final Map<String, Boolean> environments = new TreeMap<>();
    private final Map<String, StandardChangeLimits> limits = new TreeMap<>();
    private final java.util.List<String> nulls = new java.util.ArrayList<>();

    private Builder() {
      models.put(NORMAL, ChangeModel.normal(NORMAL));
      models.put(EMERGENCY, ChangeModel.emergency(EMERGENCY));
    }

    private Builder copy() {
      Builder copy = new Builder();
      copy.version = version;
      copy.models.clear();
      copy.models.putAll(models);
      copy.normalModel = normalModel;
      copy.emergencyModel = emergencyModel;
      copy.authorities.putAll(authorities);
      copy.authorityByRisk.putAll(authorityByRisk);
      copy.emergencyAuthority = emergencyAuthority;
      copy.autoApproveUpTo = autoApproveUpTo;
      copy.autoApprovalNeedsPassingEvidence = autoApprovalNeedsPassingEvidence;
      copy.rejectFailedEvidence = rejectFailedEvidence;
      copy.autoApproveOutsideProduction = autoApproveOutsideProduction;
      copy.environments.putAll(environments);
      copy.limits.putAll(limits);
      copy.nulls.addAll(nulls);
      return copy;
    }

    /** Required: the version decisions will record ({@code 2024-06-01}, {@code v7}). */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** Adds or replaces a change model, by its name. */
    public Builder model(ChangeModel model) {
      if (model == null) {
        nulls.add("a change model must not be null");
      } else {
        models.put(model.name(), model);
      }
      return this;
    }

    /**
     * The guardrails of the standard change template {@code model}; {@link
     * StandardChangeLimits#DEFAULT} for a template given none.
     */
    public Builder limits(String model, StandardChangeLimits limits) {
      if (model == null || limits == null) {
        nulls.add("a template's name and limits must not be null");
      } else {
        this.limits.put(model, limits);
      }
      return this;
    }

    /** Which model applies when a request names none; {@value #NORMAL} unless set. */
    public Builder normalModel(String name) {
      this.normalModel = name;
      return this;
    }

    /** Which model applies to declared emergencies; {@value #EMERGENCY} unless set. */
    public Builder emergencyModel(String name) {
      this.emergencyModel = name;
      return this;
    }

    /** Adds or replaces a change authority, by its name. */
    public Builder authority(ChangeAuthority authority) {
      if (authority == null) {
        nulls.add("a change authority must not be null");
      } else {
        authorities.put(authority.name(), authority);
      }
      return this;
    }

    /** Required for every level: the authority a normal change at {@code level} goes to. */
    public Builder authorityFor(RiskLevel level, String authority) {
      if (level == null) {
        nulls.add("the risk level of authority '" + authority + "' must not be null");
      } else {
        authorityByRisk.put(level, authority);
      }
      return this;
    }

    /** Required: the authority that approves emergencies and reviews them afterwards. */
    public Builder emergencyAuthority(String authority) {
      this.emergencyAuthority = authority;
      return this;
    }

    /** Approve normal changes automatically up to this risk level; none unless set. */
    public Builder autoApproveUpTo(RiskLevel level) {
      if (level == null) {
        nulls.add("the automatic approval level must not be null");
      }
      this.autoApproveUpTo = Optional.ofNullable(level);
      return this;
    }

    /** Approve nothing automatically but standard changes (and non-production, if enabled). */
    public Builder noAutoApproval() {
      this.autoApproveUpTo = Optional.empty();
      return this;
    }

    /** Whether automatic approval needs every pipeline check passed; true unless set. */
    public Builder autoApprovalNeedsPassingEvidence(boolean needed) {
      this.autoApprovalNeedsPassingEvidence = needed;
      return this;
    }

    /** Whether a normal change with a failed check is rejected outright; true unless set. */
    public Builder rejectFailedEvidence(boolean reject) {
      this.rejectFailedEvidence = reject;
      return this;
    }

    /** Whether normal changes outside production are approved automatically; true unless set. */
    public Builder autoApproveOutsideProduction(boolean approve) {
      this.autoApproveOutsideProduction = approve;
      return this;
    }

    /** Adds a known environment that is not production (names are compared ignoring case). */
    public Builder environment(String name) {
      return environment(name, false);
    }

    /** Adds a known production environment (names are compared ignoring case). */
    public Builder productionEnvironment(String name) {
      return environment(name, true);
    }

    private Builder environment(String name, boolean production) {
      environments.put(name == null ? "" : name.strip().toLowerCase(Locale.ROOT), production);
      return this;
    }

    /** The policy, or every problem found in it. */
    public Either<CoexistError, ApprovalPolicy> build() {
      Problems problems = new Problems()
          .require(!Problems.isBlank(version), "version is required")
          .require(!environments.isEmpty(), "at least one environment is required")
          .require(!environments.containsKey(""), "an environment name must not be blank");
      nulls.forEach(problems::add);
      checkModel(problems, "normal model", normalModel, ChangeType.NORMAL);
      checkModel(problems, "emergency model", emergencyModel, ChangeType.EMERGENCY);
      for (ChangeModel model : models.values()) {
        problems.require(!Problems.isBlank(model.name()), "a change model needs a name");
        model.authority().ifPresent(name -> problems.require(authorities.containsKey(name),
            "change model '" + model.name() + "' names unknown authority '" + name + "'"));
        problems.require(model.type() != ChangeType.STANDARD || model.authority().isEmpty(),
            "standard change model '" + model.name() + "' is pre-authorised and cannot name an authority");
      }
      for (String limited : limits.keySet()) {
        ChangeModel model = models.get(limited);
        problems.require(model != null && model.type() == ChangeType.STANDARD,
            "limits are set for '" + limited + "', which is not a standard change model");
      }
      for (ChangeAuthority authority : authorities.values()) {
        checkAuthority(problems, authority);
      }
      for (RiskLevel level : RiskLevel.values()) {
        String name = authorityByRisk.get(level);
        if (name == null) {
          problems.add("no authority is set for " + level(level) + " risk");
        } else {
          problems.require(authorities.containsKey(name), level(level) + " risk names unknown authority '" + name + "'");
        }
      }
      if (Problems.isBlank(emergencyAuthority)) {
        problems.add("an emergency authority is required");
      } else {
        problems.require(authorities.containsKey(emergencyAuthority),
            "emergency authority '" + emergencyAuthority + "' is not a known authority");
      }
      return problems.toEither(() -> new ApprovalPolicy(this));
    }

    private void checkModel(Problems problems, String role, String name, ChangeType type) {
      ChangeModel model = name == null ? null : models.get(name);
      if (model == null) {
        problems.add(role + " '" + name + "' is not a known change model");
      } else {
        problems.require(model.type() == type, role + " '" + name + "' must be of type " + type);
      }
    }

    private static void checkAuthority(Problems problems, ChangeAuthority authority) {
      String name = "authority '" + authority.name() + "'";
      problems.require(!Problems.isBlank(authority.name()), "an authority needs a name")
          .require(authority.quorum() >= 1, name + " needs a quorum of at least 1, has " + authority.quorum())
          .require(!authority.expiry().isNegative() && !authority.expiry().isZero(),
              name + " needs a positive expiry");
      if (!authority.anyPerson() && authority.quorum() >= 1) {
        problems.require(authority.approvers().size() >= authority.quorum(),
            name + " has " + authority.approvers().size() + " approvers, fewer than its quorum of " + authority.quorum());
      }
    }
  }
}
