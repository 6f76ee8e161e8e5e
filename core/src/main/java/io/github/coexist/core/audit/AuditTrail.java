package io.github.coexist.core.audit;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.internal.audit.FrozenInputs;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.github.coexist.core.kernel.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * The hash-chained audit trail: every decision and transition, with its inputs, policy version,
 * actor and time. Each entry's hash covers its content and the previous entry's hash, so changing,
 * removing or reordering any entry is found by {@link #verify()}.
 *
 * <p>Thread-safe: appends are serialised so the chain never forks.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class AuditTrail {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final int VERIFY_PAGE = 1_000;

  /** How often one record is tried against writers that keep appending first. */
  static final int MAX_ATTEMPTS = 16;

  // Per thread, so hashing needs no lock and no new digest or buffer per entry.
  private static final ThreadLocal<Canonical> CANONICAL = ThreadLocal.withInitial(Canonical::new);

  private final AuditStore store;
  private final Clock clock;
  /** The entry this trail appended last, while it is known to be the store's last; guarded by this. */
  private AuditEntry lastWritten;

  /** A trail kept in {@code store}, timed by {@code clock}. */
  public AuditTrail(AuditStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The store the trail is kept in. */
  public AuditStore store() {
    return store;
  }

  /**
   * Appends {@code event} as the next entry and returns it. When another writer appended to the
   * store since this trail last did (another instance on a shared database), the store refuses
   * the stale entry and the trail chains to the store's real last entry instead, up to {@value
   * #MAX_ATTEMPTS} times while writers keep racing; then the {@link CoexistError.Conflict} is
   * returned.
   */
  public synchronized Either<CoexistError, AuditEntry> record(AuditEvent event) {
    Either<CoexistError, AuditEntry> recorded = append(event);
    for (int attempt = 1; attempt < MAX_ATTEMPTS && isConflict(recorded); attempt++) {
      recorded = append(event);
    }
    return recorded;
  }

  private static boolean isConflict(Either<CoexistError, AuditEntry> recorded) {
    return recorded.isLeft() && recorded.getLeft() instanceof CoexistError.Conflict;
  }

  private Either<CoexistError, AuditEntry> append(AuditEvent event) {
    AuditEntry last = lastWritten;
    // Until this append succeeds the store's last entry is not known for sure.
    lastWritten = null;
    if (last == null) {
      Either<CoexistError, Optional<AuditEntry>> tail = store.last();
      if (tail.isLeft()) {
        return Either.left(tail.getLeft());
      }
      last = tail.get().orElse(null);
    }
    long sequence = last == null ? 1L : last.sequence() + 1;
    String previous = last == null ? GENESIS : last.hash();
    Instant at = clock.instant();
    FrozenInputs inputs = FrozenInputs.of(event.inputs());
    String hash = hashOf(sequence, at, event.actor(), event.action(), event.subject(), event.policyVersion(),
        inputs, event.outcome(), previous);
    AuditEntry entry = new AuditEntry(sequence, at, event.actor(), event.action(), event.subject(),
        event.policyVersion(), inputs, event.outcome(), previous, hash);
    Either<CoexistError, ?> stored = store.append(entry);
    if (stored.isLeft()) {
      return Either.left(stored.getLeft());
    }
    lastWritten = entry;
    return Either.right(entry);
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

  /** SHA-256 over a length-prefixed encoding of every field but the hash itself. */
  static String hashOf(AuditEntry e) {
    return hashOf(e.sequence(), e.at(), e.actor(), e.action(), e.subject(), e.policyVersion(),
        FrozenInputs.of(e.inputs()), e.outcome(), e.previousHash());
  }

  private static String hashOf(long sequence, Instant at, Actor actor, String action, String subject,
      Optional<String> policyVersion, FrozenInputs inputs, String outcome, String previousHash) {
    Canonical canonical = CANONICAL.get();
    canonical.reset();
    canonical.number(sequence);
    // Seconds and nanoseconds: exact, and without a date formatter on every entry.
    canonical.numbers(at.getEpochSecond(), at.getNano());
    canonical.field(actor.kind().name());
    canonical.field(actor.name());
    canonical.field(action);
    canonical.field(subject);
    // Presence is part of the encoding: no policy version and an empty one must hash apart.
    if (policyVersion.isPresent()) {
      canonical.field('+', policyVersion.get());
    } else {
      canonical.field("-");
    }
    int size = inputs.size();
    canonical.number(size);
    for (int i = 0; i < size; i++) {
      canonical.field(inputs.keyAt(i));
      canonical.field(inputs.valueAt(i));
    }
    canonical.field(outcome);
    canonical.field(previousHash);
    return canonical.sha256Hex();
  }

  /**
   * The canonical encoding being hashed: each field as its length in chars, {@code ':'}, its
   * UTF-8 bytes and {@code ';'}. Length prefixes make it unambiguous: no two entries share one.
   * Written straight into a reused buffer, one per thread.
   */
  private static final class Canonical {
    private static final int MAX_KEPT = 1 << 16;
    /** From this length on a field's text is encoded by {@link String#getBytes}. */
    private static final int LONG_TEXT = 32;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final MessageDigest sha256 = newSha256();
    private final byte[] digest = new byte[32];
    private final byte[] hex = new byte[64];
    private byte[] bytes = new byte[1024];
    /** A field's chars, copied in bulk: cheaper to scan and narrow than charAt one at a time. */
    private char[] chars = new char[256];
    private int size;

    void reset() {
      size = 0;
      if (bytes.length > MAX_KEPT) {
        bytes = new byte[1024];
      }
      if (chars.length > MAX_KEPT) {
        chars = new char[256];
      }
    }

    void field(String value) {
      int length = value.length();
      ensure(24 + length);
      decimal(length);
      bytes[size++] = ':';
      text(value, length);
      bytes[size++] = ';';
    }

    /** The field {@code prefix + value}, without making the string. */
    void field(char prefix, String value) {
      int length = value.length();
      ensure(26 + length);
      decimal(length + 1);
      bytes[size++] = ':';
      bytes[size++] = (byte) prefix;
      text(value, length);
      bytes[size++] = ';';
    }

    /** Appends {@code value}'s UTF-8 bytes; room for {@code length} bytes is already ensured. */
    private void text(String value, int length) {
      if (length >= LONG_TEXT) {
        // A long text is encoded by the JDK, whose ASCII check and copy are vectorised: the array
        // it makes costs less than walking the chars here.
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(1 + utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return;
      }
      if (chars.length < length) {
        chars = new char[Math.max(length, 2 * chars.length)];
      }
      value.getChars(0, length, chars, 0);
      int all = 0;
      for (int i = 0; i < length; i++) {
        all |= chars[i];
      }
      if (all < 0x80) {
        // ASCII, as most values are: one byte per char, no array made.
        for (int i = 0; i < length; i++) {
          bytes[size + i] = (byte) chars[i];
        }
        size += length;
        return;
      }
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      ensure(1 + utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }

    /** The field {@code Long.toString(n)} for n >= 0, without making the string. */
    void number(long n) {
      ensure(48);
      decimal(digits(n));
      bytes[size++] = ':';
      decimal(n);
      bytes[size++] = ';';
    }

    /** The field {@code a + "." + b} for a, b >= 0, without making the string. */
    void numbers(long a, long b) {
      if (a < 0) {
        field(a + "." + b);
        return;
      }
      ensure(72);
      decimal(digits(a) + 1 + digits(b));
      bytes[size++] = ':';
      decimal(a);
      bytes[size++] = '.';
      decimal(b);
      bytes[size++] = ';';
    }

    private static int digits(long n) {
      int digits = 1;
      for (long rest = n / 10; rest > 0; rest /= 10) {
        digits++;
      }
      return digits;
    }

    private void decimal(long n) {
      // Most numbers written are field lengths below 100: no loop for them.
      if (n < 10) {
        bytes[size++] = (byte) ('0' + n);
        return;
      }
      if (n < 100) {
        bytes[size++] = (byte) ('0' + n / 10);
        bytes[size++] = (byte) ('0' + n % 10);
        return;
      }
      int digits = digits(n);
      long rest = n;
      for (int i = size + digits - 1; i >= size; i--, rest /= 10) {
        bytes[i] = (byte) ('0' + rest % 10);
      }
      size += digits;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    /** The digest as lower-case hex, through reused buffers: the string is the only thing made. */
    String sha256Hex() {
      sha256.reset();
      sha256.update(bytes, 0, size);
      try {
        sha256.digest(digest, 0, digest.length);
      } catch (DigestException e) {
        throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
      }
      for (int i = 0; i < digest.length; i++) {
        hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
        hex[2 * i + 1] = HEX[digest[i] & 0xF];
      }
      return new String(hex, StandardCharsets.ISO_8859_1);
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
