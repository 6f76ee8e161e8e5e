package io.github.coexist.app.serve;

import io.github.coexist.core.calendar.CalendarWindow;
import io.github.coexist.core.service.Tier;
import io.github.coexist.core.change.StandardChangeLimits;
import io.github.coexist.core.calendar.ChangeCalendar;
import io.github.coexist.core.calendar.StandardChangeCalendar;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeAuthority;
import io.github.coexist.core.change.ChangeModel;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The policy file ({@code COEXIST_POLICY_FILE}): the approval policy's knobs, freeze and
 * maintenance windows, and the services to register, as one small JSON document. Every field is
 * optional; what the file leaves out keeps {@link ApprovalPolicy#defaults()}. Every problem in the
 * file is reported at once, each named by its JSON path. See {@code docs/serve.md} for the format.
 * {@code serve} and {@code replay --policy} read it.
 *
 * @param policy the approval policy
 * @param calendar the freeze and maintenance windows
 * @param services the services to register in the in-memory directory
 */
public record PolicyFile(ApprovalPolicy policy, ChangeCalendar calendar, List<Service> services) {
  private static final Set<String> FIELDS = Set.of("version", "environments", "autoApproveUpTo",
      "autoApprovalNeedsPassingEvidence", "rejectFailedEvidence", "autoApproveOutsideProduction", "authorities",
      "authorityFor", "emergencyAuthority", "models", "windows", "services");

  public PolicyFile {
    services = List.copyOf(services);
  }

  /** No file: the default policy, production environments added, no windows, no services. */
  public static PolicyFile defaults(ProductionEnvironments production) {
    ApprovalPolicy.Builder policy = ApprovalPolicy.defaults().toBuilder();
    production.names().forEach(policy::productionEnvironment);
    return new PolicyFile(policy.build().getOrElseThrow(e -> new IllegalStateException(e.message())),
        ChangeCalendar.empty(), List.of());
  }

  /** Reads {@code file}; {@code production} environments are known to the policy as production. */
  public static Either<CoexistError, PolicyFile> read(Path file, ProductionEnvironments production) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Either.left(CoexistError.invalid("no such file: " + file));
    } catch (IOException e) {
      return Either.left(CoexistError.invalid("cannot read " + file + ": " + e.getMessage()));
    }
    return parse(bytes, production);
  }

  /** Parses the file's bytes. Without a {@code version}, the policy is versioned by the file's digest. */
  static Either<CoexistError, PolicyFile> parse(byte[] bytes, ProductionEnvironments production) {
    return Bodies.object(bytes)
        .mapLeft(problems -> (CoexistError) new CoexistError.InvalidInput(io.vavr.collection.List.ofAll(problems)))
        .flatMap(root -> new Reader(root).read(bytes, production));
  }

  /** Reads one document, collecting every problem. */
  private static final class Reader {
    private final JsonFields root;
    private final Problems problems;

    Reader(JsonFields root) {
      this.root = root;
      this.problems = root.problems();
    }

    Either<CoexistError, PolicyFile> read(byte[] bytes, ProductionEnvironments production) {
      root.onlyFields(FIELDS);
      ApprovalPolicy.Builder policy = ApprovalPolicy.defaults().toBuilder()
          .version(root.text("version").orElse("file-" + digest(bytes)));
      production.names().forEach(policy::productionEnvironment);
      environments(policy);
      root.text("autoApproveUpTo").ifPresent(level -> {
        if (level.equalsIgnoreCase("none")) {
          policy.noAutoApproval();
        } else {
          risk(level, "autoApproveUpTo").ifPresent(policy::autoApproveUpTo);
        }
      });
      root.bool("autoApprovalNeedsPassingEvidence").ifPresent(policy::autoApprovalNeedsPassingEvidence);
      root.bool("rejectFailedEvidence").ifPresent(policy::rejectFailedEvidence);
      root.bool("autoApproveOutsideProduction").ifPresent(policy::autoApproveOutsideProduction);
      root.objects("authorities").forEach(a -> authority(a).ifPresent(policy::authority));
      root.object("authorityFor").ifPresent(byRisk -> byRisk.names().forEachRemaining(name ->
          risk(name, "authorityFor." + name).ifPresent(level ->
              byRisk.text(name).ifPresent(authority -> policy.authorityFor(level, authority)))));
      root.text("emergencyAuthority").ifPresent(policy::emergencyAuthority);
      root.objects("models").forEach(m -> model(m).ifPresent(model -> {
        policy.model(model);
        m.object("limits").flatMap(this::limits).ifPresent(limits -> policy.limits(model.name(), limits));
      }));
      List<CalendarWindow> windows = new ArrayList<>();
      root.objects("windows").forEach(w -> window(w).ifPresent(windows::add));
      List<Service> services = new ArrayList<>();
      root.objects("services").forEach(s -> service(s).ifPresent(services::add));
      Optional<ApprovalPolicy> built = Optional.empty();
      if (problems.isEmpty()) {
        // The builder checks how the parts fit together (authorities named, every risk level covered).
        built = policy.build().peekLeft(this::addAll).toJavaOptional();
      }
      Set<String> names = new TreeSet<>();
      windows.forEach(w -> problems.require(names.add(w.name()), "windows: two windows are named '" + w.name() + "'"));
      Set<ServiceId> ids = new TreeSet<>();
      services.forEach(s -> problems.require(ids.add(s.id()), "services: '" + s.id() + "' is listed twice"));
      Optional<ApprovalPolicy> policyBuilt = built;
      return problems.toEither(() -> new PolicyFile(policyBuilt.orElseThrow(),
          windows.isEmpty() ? ChangeCalendar.empty() : StandardChangeCalendar.builder().windows(windows).build(),
          services));
    }

    private void environments(ApprovalPolicy.Builder policy) {
      root.object("environments").ifPresent(envs -> {
        envs.onlyFields(Set.of("production", "other"));
        envs.strings("production").forEach(policy::productionEnvironment);
        envs.strings("other").forEach(policy::environment);
      });
    }

    private Optional<ChangeAuthority> authority(JsonFields a) {
      a.onlyFields(Set.of("name", "approvers", "anyPerson", "quorum", "expiry"));
      Optional<String> name = a.requiredText("name");
      Set<Actor> approvers = new LinkedHashSet<>();
      a.strings("approvers").forEach(text -> actor(text, a.path("approvers")).ifPresent(approvers::add));
      boolean anyPerson = a.bool("anyPerson").orElse(approvers.isEmpty());
      int quorum = a.integer("quorum").orElse(1);
      Optional<Duration> expiry = a.duration("expiry");
      if (expiry.isEmpty() && a.has("expiry")) {
        return Optional.empty();
      }
      return name.map(n -> new ChangeAuthority(n, approvers, anyPerson, quorum, expiry.orElse(Duration.ofHours(24))));
    }

    private Optional<Actor> actor(String text, String path) {
      int colon = text.indexOf(':');
      String kind = colon > 0 ? text.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "person";
      String name = colon > 0 ? text.substring(colon + 1).strip() : text.strip();
      if (name.isEmpty()) {
        problems.add(path + ": an approver needs a name, was '" + text + "'");
        return Optional.empty();
      }
      return switch (kind) {
        case "person" -> Optional.of(Actor.person(name));
        case "group" -> Optional.of(new Actor(Actor.Kind.GROUP, name));
        default -> {
          problems.add(path + ": '" + text + "' must read NAME, person:NAME or group:NAME");
          yield Optional.empty();
        }
      };
    }

    private Optional<ChangeModel> model(JsonFields m) {
      m.onlyFields(Set.of("name", "type", "authority", "requiredChecks", "limits"));
      Optional<String> name = m.requiredText("name");
      Optional<ChangeType> type = m.requiredText("type").flatMap(t -> {
        try {
          return Optional.of(ChangeType.valueOf(t.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          problems.add(m.path("type") + " must be standard, normal or emergency, was '" + t + "'");
          return Optional.empty();
        }
      });
      Optional<String> authority = m.text("authority");
      List<String> checks = m.strings("requiredChecks");
      if (name.isEmpty() || type.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ChangeModel(name.get(), type.get(), authority, new TreeSet<>(checks)));
    }

    /**
     * A standard change template's guardrails: {@code repositories}, {@code maxLines}, {@code
     * maxFiles}, {@code tiers}, {@code paths}, {@code maxRisk}, {@code noUrgentIncidents}, {@code
     * demoteAfter} of {@code demoteWindow}; each left out keeps its default.
     */
    private Optional<StandardChangeLimits> limits(JsonFields l) {
      l.onlyFields(Set.of("repositories", "maxLines", "maxFiles", "tiers", "paths", "maxRisk", "noUrgentIncidents",
          "demoteAfter", "demoteWindow"));
      StandardChangeLimits d = StandardChangeLimits.DEFAULT;
      List<Tier> tiers = new ArrayList<>();
      for (String tier : l.strings("tiers")) {
        try {
          tiers.add(Tier.values()[Integer.parseInt(tier.strip()) - 1]);
        } catch (RuntimeException e) {
          problems.add(l.path("tiers") + ": a tier is 1 to 4, was '" + tier + "'");
        }
      }
      Optional<RiskLevel> maxRisk = l.text("maxRisk").flatMap(text -> risk(text, l.path("maxRisk")));
      int after = l.integer("demoteAfter").orElse(d.demoteAfter());
      int window = l.integer("demoteWindow").orElse(d.demoteWindow());
      if (after < 1 || window < after) {
        problems.add(l.path("demoteAfter") + ": need 1 <= demoteAfter <= demoteWindow, was " + after + " of " + window);
        return Optional.empty();
      }
      return Optional.of(new StandardChangeLimits(new TreeSet<>(l.strings("repositories")), l.integer("maxLines"),
          l.integer("maxFiles"), new TreeSet<>(tiers), l.strings("paths"), maxRisk.orElse(d.maxRisk()),
          l.bool("noUrgentIncidents").orElse(d.noUrgentIncidents()), after, window));
    }

    private Optional<CalendarWindow> window(JsonFields w) {
      w.onlyFields(Set.of("name", "kind", "zone", "services", "environments", "recurrence", "start", "end"));
      List<String> services = w.strings("services");
      Either<CoexistError, CalendarWindow> parsed = CalendarWindow.parse(w.text("name").orElse(""),
          w.text("kind").orElse(""), w.text("zone").orElse(""), services, w.strings("environments"),
          w.text("recurrence").orElse(""), w.text("start").orElse(""), w.text("end").orElse(""));
      parsed.peekLeft(e -> addAll(w.path(""), e));
      return parsed.toJavaOptional();
    }

    private Optional<Service> service(JsonFields s) {
      s.onlyFields(Set.of("id", "owner", "tier", "zone", "dependsOn"));
      Either<CoexistError, Service> parsed = Service.parse(s.text("id").orElse(""), s.text("owner").orElse(""),
          s.integer("tier").orElse(3), s.text("zone").orElse(""));
      parsed.peekLeft(e -> addAll(s.path(""), e));
      List<String> dependsOn = s.strings("dependsOn");
      if (parsed.isLeft()) {
        return Optional.empty();
      }
      Service service = parsed.get();
      if (dependsOn.contains(service.id().value())) {
        problems.add(s.path("dependsOn") + ": '" + service.id() + "' cannot depend on itself");
        return Optional.empty();
      }
      return Optional.of(Service.builder().from(service)
          .dependsOn(dependsOn.stream().map(ServiceId::of).toList()).build());
    }

    private Optional<RiskLevel> risk(String text, String path) {
      try {
        return Optional.of(RiskLevel.valueOf(text.strip().toUpperCase(Locale.ROOT).replace(' ', '_')));
      } catch (IllegalArgumentException e) {
        problems.add(path + " must be low, moderate, high or very_high" + (path.equals("autoApproveUpTo") ? " (or none)" : "")
            + ", was '" + text + "'");
        return Optional.empty();
      }
    }

    private void addAll(CoexistError error) {
      addAll("", error);
    }

    private void addAll(String path, CoexistError error) {
      String prefix = path.isEmpty() ? "" : path + ": ";
      if (error instanceof CoexistError.InvalidInput invalid) {
        invalid.problems().forEach(p -> problems.add(prefix + p));
      } else {
        problems.add(prefix + error.message());
      }
    }
  }

  /** The first 12 hex digits of the file's SHA-256: a version that changes with the file. */
  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
