/**
 * Shared KPIs: the DORA metrics (deployment frequency, lead time for changes, change failure rate,
 * failed deployment recovery time, deployment rework rate) and ITSM metrics (time to acknowledge
 * and restore, SLA compliance, reopen rate, change success, emergency and automatic approval
 * ratios, customer satisfaction), kept incrementally by the {@link io.github.coexist.core.kpi.KpiEngine}
 * and queried by window and scope with a {@link io.github.coexist.core.kpi.KpiQuery}.
 *
 * <p>Levels come from versioned benchmark data, {@link io.github.coexist.core.kpi.DoraBenchmarks}
 * (DORA 2021, 2023, 2024 by default, or a user's own), never from constants in code.
 */
@NullMarked
package io.github.coexist.core.kpi;

import org.jspecify.annotations.NullMarked;
