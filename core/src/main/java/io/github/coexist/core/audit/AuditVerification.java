package io.github.coexist.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking the audit chain end to end.
 *
 * @param intact whether every entry's hash matches its content and its predecessor
 * @param entriesChecked how many entries were read
 * @param firstBroken the sequence of the first entry that does not verify, when one does not
 * @param reason why that entry does not verify
 */
public record AuditVerification(
    boolean intact, long entriesChecked, Optional<Long> firstBroken, Optional<String> reason) {
  public AuditVerification {
    Objects.requireNonNull(firstBroken, "firstBroken");
    Objects.requireNonNull(reason, "reason");
  }

  static AuditVerification ok(long checked) {
    return new AuditVerification(true, checked, Optional.empty(), Optional.empty());
  }

  static AuditVerification broken(long checked, long sequence, String reason) {
    return new AuditVerification(false, checked, Optional.of(sequence), Optional.of(reason));
  }
}
