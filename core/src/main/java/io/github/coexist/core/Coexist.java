package io.github.coexist.core;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.calendar.ChangeCalendar;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.gate.ChangeGate;
import io.github.coexist.core.gate.ServiceHealth;
import io.github.coexist.core.risk.RiskAssessor;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.ServiceDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point: wires the ports and policies and hands out the capability services.
 *
 * <pre>{@code
 * try (Coexist coexist = Coexist.builder()
 *     .clock(Clock.systemUTC())
 *     .riskAssessor(assessor)
 *     .changeRecords(serviceNow.changeRecords())   // in memory unless set
 *     .build()) {
 *   GateDecision decision = coexist.gate().decide(request).get();
 * }
 * }</pre>
 *
 * <p>Every port not set gets its in-memory implementation. {@link #close()} closes every port
 * that is {@link AutoCloseable} (adapters own HTTP clients and executors). Thread-safe.
 */
public final class Coexist implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Coexist.class);

  private final Clock clock;
  private final ServiceDirectory services;
  private final ChangeRecords changeRecords;
  private final GateReplies gateReplies;
  private final AuditTrail audit;
  private final ChangeGate gate;
  private final List<Object> ports;

  private Coexist(Builder b) {
    this.clock = b.clock;
    this.services = b.serviceDirectory;
    this.changeRecords = b.changeRecords;
    this.gateReplies = b.gateReplies;
    this.audit = new AuditTrail(b.auditStore, b.clock);
    this.gate = ChangeGate.builder()
        .clock(b.clock)
        .riskAssessor(b.riskAssessor)
        .approvalPolicy(b.approvalPolicy)
        .changeRecords(b.changeRecords)
        .gateReplies(b.gateReplies)
        .auditTrail(audit)
        .calendar(b.calendar)
        .serviceDirectory(b.serviceDirectory)
        .serviceHealth(b.serviceHealth)
        .build();
    this.ports = List.of(b.serviceDirectory, b.changeRecords, b.gateReplies, b.auditStore, b.calendar,
        b.serviceHealth, b.riskAssessor);
  }

  /** A builder; a clock and a risk assessor are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The change gate. */
  public ChangeGate gate() {
    return gate;
  }

  /** The hash-chained audit trail every decision and transition is appended to. */
  public AuditTrail audit() {
    return audit;
  }

  /** The service directory. */
  public ServiceDirectory services() {
    return services;
  }

  /** Where changes are recorded. */
  public ChangeRecords changeRecords() {
    return changeRecords;
  }

  /** How pipelines are answered. */
  public GateReplies gateReplies() {
    return gateReplies;
  }

  /** The clock every time comes from. */
  public Clock clock() {
    return clock;
  }

  /**
   * Closes every port that is {@link AutoCloseable}, each once, in the order they were given. A
   * port that fails to close is logged and the others are still closed.
   */
  @Override
  public void close() {
    Map<Object, Boolean> closed = new IdentityHashMap<>();
    for (Object port : ports) {
      if (port instanceof AutoCloseable closeable && closed.put(port, Boolean.TRUE) == null) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("could not close {}: {}", port.getClass().getName(), e.toString());
        }
      }
    }
  }

  /**
   * Wires a {@link Coexist}. Not thread-safe. Core never reads the system clock itself, so the
   * clock is required: pass {@code Clock.systemUTC()} in production.
   */
  public static final class Builder {
    private Clock clock;
    private RiskAssessor riskAssessor;
    private ServiceDirectory serviceDirectory;
    private ChangeRecords changeRecords;
    private GateReplies gateReplies;
    private AuditStore auditStore;
    private ChangeCalendar calendar;
    private ApprovalPolicy approvalPolicy;
    private ServiceHealth serviceHealth;

    private Builder() {}

    /** Required: the clock every time comes from. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Required: how a change's risk is assessed. */
    public Builder riskAssessor(RiskAssessor riskAssessor) {
      this.riskAssessor = Objects.requireNonNull(riskAssessor, "riskAssessor");
      return this;
    }

    /** Where services are read; an empty {@link InMemoryServiceDirectory} unless set. */
    public Builder serviceDirectory(ServiceDirectory serviceDirectory) {
      this.serviceDirectory = Objects.requireNonNull(serviceDirectory, "serviceDirectory");
      return this;
    }

    /** Where changes are recorded; an {@link InMemoryChangeRecords} unless set. */
    public Builder changeRecords(ChangeRecords changeRecords) {
      this.changeRecords = Objects.requireNonNull(changeRecords, "changeRecords");
      return this;
    }

    /** How pipelines are answered; an {@link InMemoryGateReplies} unless set. */
    public Builder gateReplies(GateReplies gateReplies) {
      this.gateReplies = Objects.requireNonNull(gateReplies, "gateReplies");
      return this;
    }

    /** Where audit entries are kept; an {@link InMemoryAuditStore} unless set. */
    public Builder auditStore(AuditStore auditStore) {
      this.auditStore = Objects.requireNonNull(auditStore, "auditStore");
      return this;
    }

    /** The change calendar; one without windows unless set. */
    public Builder calendar(ChangeCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /** The approval policy; {@link ApprovalPolicy#defaults()} unless set. */
    public Builder approvalPolicy(ApprovalPolicy approvalPolicy) {
      this.approvalPolicy = Objects.requireNonNull(approvalPolicy, "approvalPolicy");
      return this;
    }

    /** Open incidents and problems per service; nothing open unless set. */
    public Builder serviceHealth(ServiceHealth serviceHealth) {
      this.serviceHealth = Objects.requireNonNull(serviceHealth, "serviceHealth");
      return this;
    }

    /** Wires everything; throws {@link IllegalStateException} naming every required part not set. */
    public Coexist build() {
      List<String> missing = new ArrayList<>();
      if (clock == null) {
        missing.add("a clock (Clock.systemUTC() in production)");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("coexist needs " + String.join(" and ", missing));
      }
      riskAssessor = riskAssessor != null ? riskAssessor : io.github.coexist.core.risk.StandardRiskAssessor.defaults();
      serviceDirectory = serviceDirectory != null ? serviceDirectory : new InMemoryServiceDirectory();
      changeRecords = changeRecords != null ? changeRecords : new InMemoryChangeRecords();
      gateReplies = gateReplies != null ? gateReplies : new InMemoryGateReplies();
      auditStore = auditStore != null ? auditStore : new InMemoryAuditStore();
      calendar = calendar != null ? calendar : ChangeCalendar.empty();
      approvalPolicy = approvalPolicy != null ? approvalPolicy : ApprovalPolicy.defaults();
      serviceHealth = serviceHealth != null ? serviceHealth : ServiceHealth.none();
      return new Coexist(this);
    }
  }
}
