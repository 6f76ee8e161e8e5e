package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.gate.TemplateReenabled;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.Inbox.Receipt;
import io.github.coexist.core.store.InboxEntry;
import io.github.coexist.core.store.LeaseGrant;
import io.github.coexist.core.store.NumberBlock;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import io.github.coexist.core.store.StoredState;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} implementation promises, as tests: extend it, implement {@link
 * #store()} to return an empty store, and override {@link #elapse(Duration)} when the store's
 * lease expires by a clock the test can move (the default sleeps, for a store that judges expiry
 * by a database server's clock). Records, signals and grants are compared with {@code equals}, so a
 * store that changes anything it keeps (an instant's nanoseconds, an empty optional, the order of
 * a list) fails. Every store refuses what {@link io.github.coexist.core.store.StoreLimits} refuses
 * (names too long, blank, or holding a control character) and keeps any text in records.
 */
@DisplayNameGeneration(ImplementerNames.class)
public abstract class StateStoreCompatibilityKit {
  /** A lease time no test outlives. */
  private static final Duration LONG = Duration.ofHours(1);
  /** A lease time the expiry tests let pass. */
  private static final Duration SHORT = Duration.ofMillis(400);
  private static final Instant AT = Instant.parse("2025-03-04T10:15:30.123456789Z");

  private StateStore store;

  /** An empty store; called once before each test, closed after it. */
  protected abstract StateStore store();

  /**
   * Lets {@code time} pass for the store's lease. The default sleeps: override it to move the
   * store's clock when it has one the test controls.
   */
  protected void elapse(Duration time) throws InterruptedException {
    Thread.sleep(time.toMillis());
  }

  @BeforeEach
  void createStore() {
    store = store();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static <T> T ok(Either<CoexistError, T> result) {
    return result.getOrElseThrow(e -> new AssertionError(e.message()));
  }

  private static StoredRecord service(String id, String owner) {
    return new StoredRecord.OfService(Service.builder().id(ServiceId.of(id)).owner(TeamId.of(owner)).tier(Tier.TIER_1)
        .zone(ZoneId.of("Europe/Berlin")).addDependsOn(ServiceId.of("db")).build());
  }

  private static StoredRecord deployment(String id, Deployment.Status status) {
    return new StoredRecord.OfDeployment(new Deployment(DeploymentId.of(id), ServiceId.of("shop"), "production",
        status, AT, status == Deployment.Status.IN_PROGRESS ? Optional.empty() : Optional.of(AT.plusSeconds(90)),
        List.of(), Optional.of(ChangeId.of("ch-00000001")), Optional.empty(), Optional.of("acme/shop"),
        Optional.of("0123456789abcdef")));
  }

  private static Signal approval(String change) {
    return new Signal.ApprovalGiven(new ExternalKey("servicenow", "change_request", change), Actor.person("cab"),
        "approved at CAB, größte Sorgfalt");
  }

  private static Signal alert(String dedup) {
    return new Signal.AlertRaised(ok(Alert.builder().source("prometheus").dedupKey(dedup).service("shop")
        .summary("5xx above 2%").severity("critical").status("firing").at(AT).label("team", "web").build()));
  }

  private long commit(StoredRecord... records) {
    return ok(store.commit(Batch.of(List.of(records))));
  }

  private InboxEntry keep(String key, Signal signal) {
    Receipt receipt = ok(store.inbox().record(key, signal, AT));
    assertThat(receipt).isInstanceOf(Receipt.Recorded.class);
    return ((Receipt.Recorded) receipt).entry();
  }

  private LeaseGrant take(String holder, Duration ttl) {
    return ok(store.lease().acquire(holder, ttl)).orElseThrow(() -> new AssertionError(holder + " got no lease"));
  }

  private static Batch fenced(LeaseGrant grant, List<StoredRecord> records, List<Long> inboxDone) {
    return new Batch(records, inboxDone, Optional.of(grant));
  }

  @Nested
  class Records {
    @Test
    @DisplayName("an empty store loads nothing at revision 0")
    void empty() {
      assertThat(ok(store.load(0))).isEqualTo(StoredState.empty());
    }

    @Test
    @DisplayName("keeps every field of a record exactly")
    void exact() {
      StoredRecord shop = service("shop", "web");
      StoredRecord deployed = deployment("d-1", Deployment.Status.SUCCESS);
      commit(shop, deployed);
      assertThat(ok(store.load(0)).records()).containsExactlyInAnyOrder(shop, deployed);
    }

    @Test
    @DisplayName("keeps a re-enabled standard change template, the latest re-enabling of each template")
    void reenabledTemplates() {
      StoredRecord first = new StoredRecord.OfTemplate(new TemplateReenabled("config-toggle", AT, Actor.person("carol")));
      StoredRecord other = new StoredRecord.OfTemplate(new TemplateReenabled("cert-rotation", AT, Actor.person("dave")));
      StoredRecord again = new StoredRecord.OfTemplate(
          new TemplateReenabled("config-toggle", AT.plusSeconds(60), Actor.person("dave")));
      commit(first, other);
      commit(again);
      assertThat(ok(store.load(0)).records()).containsExactlyInAnyOrder(other, again);
    }

    @Test
    @DisplayName("keeps only the latest state of each kind and key")
    void latestWins() {
      commit(deployment("d-1", Deployment.Status.IN_PROGRESS), service("shop", "web"));
      commit(deployment("d-1", Deployment.Status.FAILURE));
      assertThat(ok(store.load(0)).records())
          .containsExactly(service("shop", "web"), deployment("d-1", Deployment.Status.FAILURE));
    }

    @Test
    @DisplayName("keeps the last state of a record listed twice in one batch")
    void lastInBatch() {
      commit(service("shop", "web"), service("shop", "payments"));
      assertThat(ok(store.load(0)).records()).containsExactly(service("shop", "payments"));
    }

    @Test
    @DisplayName("keeps a record whose key and text hold anything: NUL, emoji, an unpaired surrogate")
    void anyText() {
      String text = "nul \u0000 tab \t quote \" back \\ größe 😀 lone \uD800 end";
      StoredRecord odd = new StoredRecord.OfDeployment(new Deployment(DeploymentId.of(text), ServiceId.of("shop"), text,
          Deployment.Status.IN_PROGRESS, AT, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
          Optional.of(text), Optional.empty()));
      commit(odd, deployment(text.replace("\\", "\\u005C"), Deployment.Status.IN_PROGRESS));
      assertThat(ok(store.load(0)).records()).contains(odd).hasSize(2);
    }

    @Test
    @DisplayName("keeps records of different kinds under the same key apart")
    void kindsApart() {
      commit(service("x-1", "web"), deployment("x-1", Deployment.Status.SUCCESS));
      assertThat(ok(store.load(0)).records()).hasSize(2);
    }

    @Test
    @DisplayName("loads records ordered by the revision they were last written at")
    void revisionOrder() {
      commit(service("c", "web"));
      commit(service("b", "web"), service("a", "web"));
      commit(service("c", "payments"));
      assertThat(ok(store.load(0)).records()).extracting(StoredRecord::key).containsExactly("a", "b", "c");
    }
  }

  @Nested
  class Deletions {
    @Test
    @DisplayName("delete records by kind and key: they are no longer loaded, after a restart neither")
    void deleted() {
      commit(service("shop", "web"), service("cart", "web"), deployment("shop", Deployment.Status.SUCCESS));
      long revision = ok(store.commit(Batch.of(List.of()).withDeleted(List.of(service("shop", "web").ref()))));
      StoredState state = ok(store.load(0));
      assertThat(state.records()).containsExactlyInAnyOrder(service("cart", "web"),
          deployment("shop", Deployment.Status.SUCCESS));
      assertThat(state.revision()).isEqualTo(revision);
    }

    @Test
    @DisplayName("of a record written in the same batch, or of one never kept, delete it or do nothing")
    void writtenAndDeleted() {
      commit(service("cart", "web"));
      ok(store.commit(Batch.of(List.of(service("shop", "web"))).withDeleted(List.of(service("shop", "web").ref(),
          new StoredRecord.Ref("service", "never-kept")))));
      assertThat(ok(store.load(0)).records()).containsExactly(service("cart", "web"));
    }

    @Test
    @DisplayName("in a batch fenced by a replaced grant delete nothing")
    void fenced() throws Exception {
      commit(service("shop", "web"));
      LeaseGrant old = take("node-a", SHORT);
      elapse(SHORT.plusMillis(200));
      take("node-b", LONG);
      assertThat(store.commit(new Batch(List.of(), List.of(), Optional.of(old), List.of(),
          List.of(service("shop", "web").ref()))).getLeft()).isInstanceOf(CoexistError.Conflict.class);
      assertThat(ok(store.load(0)).records()).containsExactly(service("shop", "web"));
    }
  }

  @Nested
  class LoadingSinceARevision {
    @Test
    @DisplayName("reads only the records written after it, each at its latest state")
    void since() {
      long first = commit(service("shop", "web"), service("cart", "web"));
      commit(service("shop", "payments"));
      commit(deployment("d-1", Deployment.Status.SUCCESS));
      assertThat(ok(store.load(first)).records())
          .containsExactly(service("shop", "payments"), deployment("d-1", Deployment.Status.SUCCESS));
    }

    @Test
    @DisplayName("answers the last revision committed, after which there is nothing to read")
    void lastRevision() {
      commit(service("shop", "web"));
      long last = commit(service("cart", "web"));
      StoredState state = ok(store.load(0));
      assertThat(state.revision()).isEqualTo(last);
      assertThat(ok(store.load(state.revision()))).isEqualTo(new StoredState(List.of(), last));
    }

    @Test
    @DisplayName("refuses a negative revision")
    void negative() {
      assertThat(store.load(-1).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    }
  }

  @Nested
  class Commits {
    @Test
    @DisplayName("answer revisions that grow with every commit")
    void growing() {
      long first = commit(service("shop", "web"));
      long second = commit(service("shop", "web"));
      assertThat(first).isPositive();
      assertThat(second).isGreaterThan(first);
    }

    @Test
    @DisplayName("of an empty batch write nothing and answer the last revision")
    void empty() {
      long last = commit(service("shop", "web"));
      assertThat(ok(store.commit(Batch.of(List.of())))).isEqualTo(last);
      assertThat(ok(store.load(0)).revision()).isEqualTo(last);
    }

    @Test
    @DisplayName("from several threads at once each get their own revision, and every record is kept")
    void concurrent() throws Exception {
      AtomicInteger next = new AtomicInteger();
      Set<Long> revisions = AtOnce.distinctResults(8,
          () -> store.commit(Batch.of(List.of(service("s-" + next.incrementAndGet(), "web")))));
      assertThat(revisions).hasSize(8);
      StoredState state = ok(store.load(0));
      assertThat(state.records()).hasSize(8);
      assertThat(state.revision()).isEqualTo(revisions.stream().mapToLong(Long::longValue).max().orElseThrow());
      long middle = revisions.stream().sorted().toList().get(3);
      assertThat(ok(store.load(middle)).records()).hasSize(4);
    }
  }

  /** Entries {@code from} to {@code to} of one chain, made by a real trail. */
  private static List<AuditEntry> chain(int from, int to) {
    AuditTrail trail = new AuditTrail(new InMemoryAuditStore(), Clock.fixed(AT, ZoneOffset.UTC));
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= to; i++) {
      AuditEntry entry = ok(trail.record(AuditEvent.byPolicy(Actor.COEXIST, "change.decided", "ch-" + i, "policy-1",
          Map.of("service", "shop", "risk", "größe +3"), "approved")));
      if (i >= from) {
        entries.add(entry);
      }
    }
    return entries;
  }

  @Nested
  class AuditEntries {
    @Test
    @DisplayName("in a batch are appended to the store's audit trail with its records, exactly, and verify")
    void withRecords() {
      List<AuditEntry> entries = chain(1, 3);
      long revision = ok(store.commit(Batch.of(List.of(service("shop", "web"))).withAudit(entries)));
      assertThat(ok(store.audit().read(1, 10))).containsExactlyElementsOf(entries);
      assertThat(ok(store.load(revision - 1)).records()).containsExactly(service("shop", "web"));
      assertThat(ok(new AuditTrail(store.audit(), Clock.fixed(AT, ZoneOffset.UTC)).verify()).intact()).isTrue();
    }

    @Test
    @DisplayName("alone make a commit, and follow entries appended to the trail directly")
    void alone() {
      List<AuditEntry> entries = chain(1, 4);
      ok(store.audit().append(entries.get(0)));
      long revision = ok(store.commit(Batch.of(List.of()).withAudit(entries.subList(1, 3))));
      assertThat(revision).isPositive();
      ok(store.commit(Batch.of(List.of()).withAudit(entries.subList(3, 4))));
      assertThat(ok(store.audit().read(1, 10))).containsExactlyElementsOf(entries);
    }

    @Test
    @DisplayName("that do not follow the last entry kept are refused, and nothing of the batch is written")
    void forked() {
      List<AuditEntry> entries = chain(1, 3);
      long before = ok(store.commit(Batch.of(List.of()).withAudit(entries.subList(0, 1))));
      InboxEntry entry = keep("github:d-1", alert("a"));
      for (List<AuditEntry> fork : List.of(entries.subList(0, 1), entries.subList(2, 3),
          List.of(entries.get(1), entries.get(1)))) {
        Either<CoexistError, Long> refused = store.commit(new Batch(List.of(service("shop", "web")),
            List.of(entry.sequence()), Optional.empty()).withAudit(fork));
        assertThat(refused.getLeft()).as("a batch appending %s", fork).isInstanceOf(CoexistError.Conflict.class);
      }
      assertThat(ok(store.load(0))).isEqualTo(new StoredState(List.of(), before));
      assertThat(ok(store.inbox().pending(10))).containsExactly(entry);
      assertThat(ok(store.audit().read(1, 10))).containsExactly(entries.get(0));
    }

    @Test
    @DisplayName("in a batch fenced by a replaced grant are not appended")
    void fenced() throws Exception {
      LeaseGrant old = take("node-a", SHORT);
      elapse(SHORT.plusMillis(200));
      take("node-b", LONG);
      assertThat(store.commit(new Batch(List.of(), List.of(), Optional.of(old)).withAudit(chain(1, 1))).getLeft())
          .isInstanceOf(CoexistError.Conflict.class);
      assertThat(ok(store.audit().last())).isEmpty();
    }
  }

  @Nested
  class InboxEntries {
    @Test
    @DisplayName("keep a signal exactly as given, under a growing sequence")
    void exact() {
      InboxEntry first = keep("github:d-1", alert("checkout-5xx"));
      InboxEntry second = keep("servicenow:d-2", approval("CHG0040001"));
      assertThat(second.sequence()).isGreaterThan(first.sequence());
      assertThat(ok(store.inbox().pending(10))).containsExactly(first, second);
      assertThat(first.signal()).isEqualTo(alert("checkout-5xx"));
      assertThat(first.receivedAt()).isEqualTo(AT);
    }

    @Test
    @DisplayName("are kept once per delivery key: a key seen before is a duplicate, done or not")
    void duplicates() {
      InboxEntry entry = keep("github:d-1", alert("a"));
      assertThat(ok(store.inbox().record("github:d-1", alert("b"), AT)))
          .isEqualTo(new Receipt.Duplicate("github:d-1"));
      ok(store.commit(new Batch(List.of(), List.of(entry.sequence()), Optional.empty())));
      assertThat(ok(store.inbox().record("github:d-1", alert("c"), AT)))
          .isEqualTo(new Receipt.Duplicate("github:d-1"));
      assertThat(ok(store.inbox().backlog())).isZero();
    }

    @Test
    @DisplayName("recorded under one key from several threads at once are kept once")
    void concurrentDuplicates() throws Exception {
      Set<Receipt> receipts = AtOnce.distinctResults(8, () -> store.inbox().record("github:same", alert("a"), AT));
      assertThat(receipts).filteredOn(Receipt.Recorded.class::isInstance).hasSize(1);
      assertThat(receipts).contains(new Receipt.Duplicate("github:same"));
      assertThat(ok(store.inbox().backlog())).isEqualTo(1);
    }

    @Test
    @DisplayName("are pending until done, lowest sequence first, at most the limit")
    void pending() {
      List<InboxEntry> entries = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        entries.add(keep("github:d-" + i, alert("a-" + i)));
      }
      assertThat(ok(store.inbox().pending(3))).containsExactlyElementsOf(entries.subList(0, 3));
      assertThat(ok(store.inbox().pending(0))).isEmpty();
      assertThat(ok(store.inbox().backlog())).isEqualTo(5);
      ok(store.commit(new Batch(List.of(), List.of(entries.get(1).sequence(), entries.get(3).sequence()),
          Optional.empty())));
      assertThat(ok(store.inbox().pending(10))).containsExactly(entries.get(0), entries.get(2), entries.get(4));
      assertThat(ok(store.inbox().backlog())).isEqualTo(3);
    }

    @Test
    @DisplayName("are marked done in the same commit as the records their processing produced")
    void doneWithRecords() {
      InboxEntry entry = keep("github:d-1", alert("a"));
      long revision = ok(store.commit(new Batch(List.of(service("shop", "web")), List.of(entry.sequence()),
          Optional.empty())));
      assertThat(ok(store.inbox().pending(10))).isEmpty();
      assertThat(ok(store.load(revision - 1)).records()).containsExactly(service("shop", "web"));
    }

    @Test
    @DisplayName("set aside as dead letters are no longer pending, stay kept as duplicates, and are counted")
    void deadLetters() {
      InboxEntry poisoned = keep("github:d-1", alert("a"));
      InboxEntry next = keep("github:d-2", alert("b"));
      assertThat(ok(store.inbox().deadLetters())).isZero();
      ok(store.inbox().setAside(poisoned.sequence(), "processing failed: " + "x".repeat(2_000)));
      assertThat(ok(store.inbox().pending(10))).containsExactly(next);
      assertThat(ok(store.inbox().backlog())).isEqualTo(1);
      assertThat(ok(store.inbox().deadLetters())).isEqualTo(1);
      assertThat(ok(store.inbox().record("github:d-1", alert("a"), AT))).isEqualTo(new Receipt.Duplicate("github:d-1"));
    }

    @Test
    @DisplayName("done, or set aside before, are not set aside (again); an unknown one is ignored")
    void setAsideOnlyPending() {
      InboxEntry done = keep("github:d-1", alert("a"));
      InboxEntry dead = keep("github:d-2", alert("b"));
      ok(store.commit(new Batch(List.of(), List.of(done.sequence()), Optional.empty())));
      ok(store.inbox().setAside(done.sequence(), "too late"));
      ok(store.inbox().setAside(dead.sequence(), "first"));
      ok(store.inbox().setAside(dead.sequence(), "again"));
      ok(store.inbox().setAside(dead.sequence() + 100, "unknown"));
      assertThat(ok(store.inbox().deadLetters())).isEqualTo(1);
      ok(store.commit(new Batch(List.of(), List.of(dead.sequence()), Optional.empty())));
      assertThat(ok(store.inbox().deadLetters())).as("a dead letter is not done by a later mark").isEqualTo(1);
    }

    @Test
    @DisplayName("refuse a blank or overlong delivery key, one with a control character, and a negative limit")
    void refused() {
      assertThat(store.inbox().record(" ", alert("a"), AT).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.inbox().record("github:\u0000", alert("a"), AT).getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.inbox().record("github:\uD800", alert("a"), AT).getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.inbox().record("k".repeat(201), alert("a"), AT).getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(ok(store.inbox().record("k".repeat(200), alert("a"), AT))).isInstanceOf(Receipt.Recorded.class);
      assertThat(store.inbox().pending(-1).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(ok(store.inbox().backlog())).isEqualTo(1);
    }
  }

  @Nested
  class Numbers {
    @Test
    @DisplayName("start at 1 and follow each other, block after block")
    void blocks() {
      assertThat(ok(store.reserve("change", 10))).isEqualTo(new NumberBlock(1, 10));
      assertThat(ok(store.reserve("change", 1))).isEqualTo(new NumberBlock(11, 1));
      assertThat(ok(store.reserve("change", 5))).isEqualTo(new NumberBlock(12, 5));
    }

    @Test
    @DisplayName("of different sequences are independent")
    void independent() {
      ok(store.reserve("change", 10));
      assertThat(ok(store.reserve("incident", 3))).isEqualTo(new NumberBlock(1, 3));
    }

    @Test
    @DisplayName("reserved from several threads at once are never handed out twice")
    void concurrent() throws Exception {
      Set<NumberBlock> blocks = AtOnce.distinctResults(8, () -> store.reserve("change", 25));
      Set<Long> numbers = new HashSet<>();
      blocks.forEach(block -> {
        for (long n = block.first(); n < block.end(); n++) {
          assertThat(numbers.add(n)).as("number " + n + " handed out twice").isTrue();
        }
      });
      assertThat(numbers).hasSize(200);
      assertThat(ok(store.reserve("change", 1))).isEqualTo(new NumberBlock(201, 1));
    }

    @Test
    @DisplayName("refuse a block of fewer than one number, and a blank or overlong sequence name")
    void refused() {
      assertThat(store.reserve("change", 0).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.reserve(" ", 1).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.reserve("s".repeat(101), 1).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.reserve("change\n", 1).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(ok(store.reserve("s".repeat(100), 1))).isEqualTo(new NumberBlock(1, 1));
      assertThat(ok(store.reserve("change", 1))).isEqualTo(new NumberBlock(1, 1));
    }
  }

  @Nested
  class TheLease {
    @Test
    @DisplayName("was never taken in an empty store")
    void never() {
      assertThat(ok(store.lease().current())).isEmpty();
    }

    @Test
    @DisplayName("is granted when free, and is then the current grant")
    void granted() {
      LeaseGrant grant = take("node-a", LONG);
      assertThat(grant.holder()).isEqualTo("node-a");
      assertThat(ok(store.lease().current())).contains(grant);
    }

    @Test
    @DisplayName("is renewed by its holder with the same token and a later expiry")
    void renewed() {
      LeaseGrant first = take("node-a", LONG);
      LeaseGrant renewed = take("node-a", LONG.multipliedBy(2));
      assertThat(renewed.token()).isEqualTo(first.token());
      assertThat(renewed.expiresAt()).isAfter(first.expiresAt());
    }

    @Test
    @DisplayName("is refused to another holder while it lasts")
    void refusedWhileLive() {
      LeaseGrant grant = take("node-a", LONG);
      assertThat(ok(store.lease().acquire("node-b", LONG))).isEmpty();
      assertThat(ok(store.lease().current())).contains(grant);
    }

    @Test
    @DisplayName("is taken by another holder once expired, under a greater token")
    void expired() throws Exception {
      LeaseGrant first = take("node-a", SHORT);
      elapse(SHORT.plusMillis(200));
      LeaseGrant second = take("node-b", LONG);
      assertThat(second.token()).isGreaterThan(first.token());
      assertThat(ok(store.lease().current())).contains(second);
      assertThat(ok(store.lease().acquire("node-a", LONG))).isEmpty();
    }

    @Test
    @DisplayName("released can be taken at once by another holder, under a greater token")
    void released() {
      LeaseGrant first = take("node-a", LONG);
      ok(store.lease().release(first));
      assertThat(ok(store.lease().current())).hasValueSatisfying(g -> assertThat(g.token()).isEqualTo(first.token()));
      LeaseGrant second = take("node-b", LONG);
      assertThat(second.token()).isGreaterThan(first.token());
    }

    @Test
    @DisplayName("is not given up by releasing a grant that is no longer current")
    void staleRelease() {
      LeaseGrant first = take("node-a", LONG);
      ok(store.lease().release(first));
      LeaseGrant second = take("node-b", LONG);
      ok(store.lease().release(first));
      assertThat(ok(store.lease().current())).contains(second);
      assertThat(ok(store.lease().acquire("node-a", LONG))).isEmpty();
    }

    @Test
    @DisplayName("asked for by several holders at once is granted to exactly one")
    void race() throws Exception {
      AtomicInteger next = new AtomicInteger();
      Set<Optional<LeaseGrant>> answers = AtOnce.distinctResults(6,
          () -> store.lease().acquire("node-" + next.incrementAndGet(), LONG));
      assertThat(answers).filteredOn(Optional::isPresent).hasSize(1);
      assertThat(answers).contains(Optional.empty());
    }

    @Test
    @DisplayName("refuses a blank or overlong holder and a time to live that is not positive")
    void refused() {
      assertThat(store.lease().acquire(" ", LONG).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.lease().acquire("h".repeat(201), LONG).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.lease().acquire("node\u0007", LONG).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(store.lease().acquire("node-a", Duration.ZERO).getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(ok(store.lease().current())).isEmpty();
      assertThat(ok(store.lease().acquire("h".repeat(200), LONG))).isPresent();
    }
  }

  @Nested
  class Fencing {
    @Test
    @DisplayName("writes a batch fenced by the current grant")
    void current() {
      LeaseGrant grant = take("node-a", LONG);
      InboxEntry entry = keep("github:d-1", alert("a"));
      assertThat(store.commit(fenced(grant, List.of(service("shop", "web")), List.of(entry.sequence()))).isRight())
          .isTrue();
      assertThat(ok(store.load(0)).records()).containsExactly(service("shop", "web"));
      assertThat(ok(store.inbox().backlog())).isZero();
    }

    @Test
    @DisplayName("refuses a batch fenced by a replaced grant, writing none of its records and marks")
    void stale() throws Exception {
      long before = commit(service("shop", "web"));
      InboxEntry entry = keep("github:d-1", alert("a"));
      LeaseGrant old = take("node-a", SHORT);
      elapse(SHORT.plusMillis(200));
      take("node-b", LONG);
      Either<CoexistError, Long> refused = store.commit(fenced(old,
          List.of(service("shop", "payments"), service("cart", "web")), List.of(entry.sequence())));
      assertThat(refused.getLeft()).isInstanceOf(CoexistError.Conflict.class);
      assertThat(ok(store.load(0))).isEqualTo(new StoredState(List.of(service("shop", "web")), before));
      assertThat(ok(store.inbox().pending(10))).containsExactly(entry);
    }

    @Test
    @DisplayName("refuses a batch fenced by a grant given up and taken again, even by the same holder")
    void retaken() {
      LeaseGrant old = take("node-a", LONG);
      ok(store.lease().release(old));
      LeaseGrant again = take("node-a", LONG);
      assertThat(store.commit(fenced(old, List.of(service("shop", "web")), List.of())).getLeft())
          .isInstanceOf(CoexistError.Conflict.class);
      assertThat(store.commit(fenced(again, List.of(service("shop", "web")), List.of())).isRight()).isTrue();
    }

    @Test
    @DisplayName("refuses a fenced batch when the lease was never taken")
    void neverTaken() {
      LeaseGrant invented = new LeaseGrant("node-a", 1, AT);
      assertThat(store.commit(fenced(invented, List.of(service("shop", "web")), List.of())).getLeft())
          .isInstanceOf(CoexistError.Conflict.class);
      assertThat(ok(store.load(0)).records()).isEmpty();
    }
  }
}
