package io.github.coexist.core.change;

import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.risk.RiskLevel;
import java.util.Objects;
import java.util.Optional;

/**
 * A change as the system of record holds it now, read back through {@link ChangeRecords}: what
 * the tool says, which may differ from what coexist last sent.
 *
 * @param key where the tool keeps it
 * @param state its state in the tool
 * @param approval its approval in the tool
 * @param riskLevel its risk in the tool, when the tool has a value coexist knows
 * @param closeCode its close code, once closed
 */
public record RecordedChange(
    ExternalKey key,
    ChangeState state,
    ApprovalStatus approval,
    Optional<RiskLevel> riskLevel,
    Optional<CloseCode> closeCode) {
  public RecordedChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(approval, "approval");
    Objects.requireNonNull(riskLevel, "riskLevel");
    Objects.requireNonNull(closeCode, "closeCode");
  }
}
