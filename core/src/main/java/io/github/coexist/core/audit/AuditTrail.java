package io.github.coexist.core.audit;

import io.github.coexist.core.error.CoexistError;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The hash-chained audit trail: every decision and transition, with its inputs, policy version,
 * actor and time. Each entry's hash covers its content and the previous entry's hash, so changing,
 * removing or reordering any entry is found by {@link #verify()}.
 *
 * <p>Thread-safe: appends are serialised so the chain never forks.
 */
public final class AuditTrail {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final int VERIFY_PAGE = 1_000;

  private final AuditStore store;
  private final Clock clock;

  /** A trail kept in {@code store}, timed by {@code clock}. */
  public AuditTrail(AuditStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The store the trail is kept in. */
  public AuditStore store() {
    return store;
  }

  /** Appends {@code event} as the next entry and returns it. */
  public synchronized Either<CoexistError, AuditEntry> record(AuditEvent event) {
    return store.last().flatMap(last -> {
      long sequence = last.map(e -> e.sequence() + 1).orElse(1L);
      String previous = last.map(AuditEntry::hash).orElse(GENESIS);
      AuditEntry unsigned = new AuditEntry(sequence, clock.instant(), event.actor(), event.action(),
          event.subject(), event.policyVersion(), event.inputs(), event.outcome(), previous, "");
      AuditEntry entry = withHash(unsigned, hashOf(unsigned));
      return store.append(entry).map(done -> entry);
    });
  }

  /** Entries from sequence {@code from}, at most {@code limit}. */
  public Either<CoexistError, Seq<AuditEntry>> read(long from, int limit) {
    return store.read(from, limit);
  }

  /** Walks the whole chain and reports the first entry that does not verify, if any. */
  public Either<CoexistError, AuditVerification> verify() {
    String previous = GENESIS;
    long expected = 1;
    while (true) {
      Either<CoexistError, Seq<AuditEntry>> page = store.read(expected, VERIFY_PAGE);
      if (page.isLeft()) {
        return Either.left(page.getLeft());
      }
      for (AuditEntry entry : page.get()) {
        Optional<String> problem = problemWith(entry, expected, previous);
        if (problem.isPresent()) {
          return Either.right(AuditVerification.broken(expected, expected, problem.get()));
        }
        previous = entry.hash();
        expected++;
      }
      // A store may return fewer entries than asked for (a remote store's own page size), so
      // only an empty page ends the chain.
      if (page.get().isEmpty()) {
        return Either.right(AuditVerification.ok(expected - 1));
      }
    }
  }

  private static Optional<String> problemWith(AuditEntry entry, long expected, String previous) {
    if (entry.sequence() != expected) {
      return Optional.of("expected entry " + expected + " but found " + entry.sequence());
    }
    if (!entry.previousHash().equals(previous)) {
      return Optional.of("entry " + expected + " does not point at the entry before it");
    }
    if (!MessageDigest.isEqual(
        entry.hash().getBytes(StandardCharsets.US_ASCII),
        hashOf(entry).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("entry " + expected + " was changed after it was written");
    }
    return Optional.empty();
  }

  private static AuditEntry withHash(AuditEntry e, String hash) {
    return new AuditEntry(e.sequence(), e.at(), e.actor(), e.action(), e.subject(),
        e.policyVersion(), e.inputs(), e.outcome(), e.previousHash(), hash);
  }

  /** SHA-256 over a length-prefixed encoding of every field but the hash itself. */
  static String hashOf(AuditEntry e) {
    StringBuilder canonical = new StringBuilder(256);
    field(canonical, Long.toString(e.sequence()));
    field(canonical, e.at().toString());
    field(canonical, e.actor().kind().name());
    field(canonical, e.actor().name());
    field(canonical, e.action());
    field(canonical, e.subject());
    // Presence is part of the encoding: no policy version and an empty one must hash apart.
    field(canonical, e.policyVersion().map(v -> "+" + v).orElse("-"));
    field(canonical, Integer.toString(e.inputs().size()));
    for (Map.Entry<String, String> input : e.inputs().entrySet()) {
      field(canonical, input.getKey());
      field(canonical, input.getValue());
    }
    field(canonical, e.outcome());
    field(canonical, e.previousHash());
    return sha256Hex(canonical.toString());
  }

  // Length prefixes make the encoding unambiguous: no two entries share a canonical form.
  private static void field(StringBuilder out, String value) {
    out.append(value.length()).append(':').append(value).append(';');
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
