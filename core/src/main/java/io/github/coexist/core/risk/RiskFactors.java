package io.github.coexist.core.risk;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * The built-in {@link RiskFactor}s, each with a documented weight and thresholds, and
 * {@link #defaults()}, the set {@link StandardRiskAssessor#defaults()} uses.
 *
 * <p>The default weights add up to 100, so in the default model a factor's weight is the most
 * points it can add to the score:
 *
 * <table>
 *   <caption>Default factors</caption>
 *   <tr><th>factor</th><th>weight</th><th>full points when</th></tr>
 *   <tr><td>{@code service-tier}</td><td>20</td><td>tier 1, or the service is unknown</td></tr>
 *   <tr><td>{@code blast-radius}</td><td>10</td><td>10 or more dependent services</td></tr>
 *   <tr><td>{@code change-size}</td><td>10</td><td>2000 lines or 50 files</td></tr>
 *   <tr><td>{@code recent-failure-rate}</td><td>10</td><td>40% of recent changes in the same environment failed</td></tr>
 *   <tr><td>{@code same-commit-elsewhere}</td><td>5</td><td>the same commit failed in another environment</td></tr>
 *   <tr><td>{@code open-work}</td><td>5</td><td>2 open incidents (a problem counts half)</td></tr>
 *   <tr><td>{@code overdue-actions}</td><td>5</td><td>2 postmortem action items of the service overdue</td></tr>
 *   <tr><td>{@code schedule-overlap}</td><td>5</td><td>2 overlapping changes on the service</td></tr>
 *   <tr><td>{@code time-of-day}</td><td>5</td><td>weekend start in the service's zone, or the service is unknown</td></tr>
 *   <tr><td>{@code pipeline-evidence}</td><td>15</td><td>every check failed</td></tr>
 *   <tr><td>{@code rollback-plan}</td><td>10</td><td>no rollback plan</td></tr>
 * </table>
 *
 * <p>Every factor is pure, thread-safe and monotone: a context that is worse in the factor's
 * dimension never gets fewer points. Parameters out of range throw
 * {@link IllegalArgumentException} (a start-up configuration error).
 */
public final class RiskFactors {
  /** Default weight of {@link #serviceTier()}. */
  public static final double SERVICE_TIER_WEIGHT = 20;
  /** Default weight of {@link #blastRadius()}. */
  public static final double BLAST_RADIUS_WEIGHT = 10;
  /** Default weight of {@link #changeSize()}. */
  public static final double CHANGE_SIZE_WEIGHT = 10;
  /** Default weight of {@link #recentFailureRate()}. */
  public static final double RECENT_FAILURE_RATE_WEIGHT = 10;
  /** Default weight of {@link #sameCommitElsewhere()}. */
  public static final double SAME_COMMIT_ELSEWHERE_WEIGHT = 5;
  /** Default weight of {@link #openWork()}: 5 of the 10 open work had before overdue actions took the other 5. */
  public static final double OPEN_WORK_WEIGHT = 5;
  /** Default weight of {@link #overdueActions()}. */
  public static final double OVERDUE_ACTIONS_WEIGHT = 5;
  /** Default weight of {@link #scheduleOverlap()}. */
  public static final double SCHEDULE_OVERLAP_WEIGHT = 5;
  /** Default weight of {@link #timeOfDay()}. */
  public static final double TIME_OF_DAY_WEIGHT = 5;
  /** Default weight of {@link #pipelineEvidence()}. */
  public static final double PIPELINE_EVIDENCE_WEIGHT = 15;
  /** Default weight of {@link #rollbackPlan()}. */
  public static final double ROLLBACK_PLAN_WEIGHT = 10;

  private RiskFactors() {}

  /** Every built-in factor with its default weight and thresholds, in a stable order. */
  public static List<RiskFactor> defaults() {
    return List.of(serviceTier(), blastRadius(), changeSize(), recentFailureRate(), sameCommitElsewhere(), openWork(),
        overdueActions(), scheduleOverlap(), timeOfDay(), pipelineEvidence(), rollbackPlan());
  }

  /** {@link #serviceTier(double)} with weight 20. */
  public static RiskFactor serviceTier() {
    return serviceTier(SERVICE_TIER_WEIGHT);
  }

  /**
   * {@code service-tier}: tier 1 scores the whole weight, tier 2 two thirds, tier 3 one third,
   * tier 4 nothing. A service the directory does not know scores as tier 1 and says so.
   */
  public static RiskFactor serviceTier(double weight) {
    return new ServiceTierFactor(weight);
  }

  /** {@link #blastRadius(double, int)} with weight 10, full at 10 dependents. */
  public static RiskFactor blastRadius() {
    return blastRadius(BLAST_RADIUS_WEIGHT, 10);
  }

  /**
   * {@code blast-radius}: the services that depend on the changed one, directly or transitively
   * ({@link RiskContext#blastRadius()}); points grow in step with their count up to the weight at
   * {@code fullAt}.
   */
  public static RiskFactor blastRadius(double weight, int fullAt) {
    return new BlastRadiusFactor(weight, fullAt);
  }

  /** {@link #changeSize(double, int, int)} with weight 10, full at 2000 lines or 50 files. */
  public static RiskFactor changeSize() {
    return changeSize(CHANGE_SIZE_WEIGHT, 2000, 50);
  }

  /**
   * {@code change-size}: lines and files changed. Each gives the square root of its share of its
   * limit (so 500 of 2000 lines is half the weight); the larger of the two counts. A size of 0
   * lines in 0 files is taken as not reported and scores nothing.
   */
  public static RiskFactor changeSize(double weight, int linesFullAt, int filesFullAt) {
    return new ChangeSizeFactor(weight, linesFullAt, filesFullAt);
  }

  /**
   * {@link #recentFailureRate(double, double, double)} with weight 10, full at a 40% failure rate,
   * 15% assumed without history.
   */
  public static RiskFactor recentFailureRate() {
    return recentFailureRate(RECENT_FAILURE_RATE_WEIGHT, 0.40, 0.15);
  }

  /**
   * {@code recent-failure-rate}: the share of the service's recent changes that failed
   * ({@link RiskContext#recentChanges()}); points grow in step with it up to the weight at
   * {@code fullAtRate}. With no recent changes there is no track record, and the rate is taken
   * to be {@code assumedRate}.
   */
  public static RiskFactor recentFailureRate(double weight, double fullAtRate, double assumedRate) {
    return new FailureRateFactor(weight, fullAtRate, assumedRate);
  }

  /** {@link #sameCommitElsewhere(double)} with weight 5. */
  public static RiskFactor sameCommitElsewhere() {
    return sameCommitElsewhere(SAME_COMMIT_ELSEWHERE_WEIGHT);
  }

  /**
   * {@code same-commit-elsewhere}: how the commit being deployed fared in the service's other
   * environments ({@link RiskContext#sameCommitElsewhere()}): any failure there scores the whole
   * weight, success or no run there nothing. A staging failure is evidence against a production
   * change of the same commit; it is never a production failure.
   */
  public static RiskFactor sameCommitElsewhere(double weight) {
    return new SameCommitFactor(weight);
  }

  /** {@link #overdueActions(double, double)} with weight 5, full at 2 overdue action items. */
  public static RiskFactor overdueActions() {
    return overdueActions(OVERDUE_ACTIONS_WEIGHT, 2);
  }

  /**
   * {@code overdue-actions}: postmortem action items of the service still open after their due
   * date (1 point each); points reach the weight at {@code fullAt}.
   */
  public static RiskFactor overdueActions(double weight, double fullAt) {
    return new OverdueActionsFactor(weight, fullAt);
  }

  /** {@link #openWork(double, double)} with weight 5, full at 2 open incidents. */
  public static RiskFactor openWork() {
    return openWork(OPEN_WORK_WEIGHT, 2);
  }

  /**
   * {@code open-work}: open incidents (1 each) and problems (0.5 each) on the service; points
   * grow in step with their sum up to the weight at {@code fullAt}.
   */
  public static RiskFactor openWork(double weight, double fullAt) {
    return new OpenWorkFactor(weight, fullAt);
  }

  /** {@link #scheduleOverlap(double, double)} with weight 5, full at 2 overlapping changes. */
  public static RiskFactor scheduleOverlap() {
    return scheduleOverlap(SCHEDULE_OVERLAP_WEIGHT, 2);
  }

  /**
   * {@code schedule-overlap}: other changes scheduled at the same time, on the service (1 each)
   * or its dependencies (0.5 each); points grow in step with their sum up to the weight at
   * {@code fullAt}.
   */
  public static RiskFactor scheduleOverlap(double weight, double fullAt) {
    return new ScheduleOverlapFactor(weight, fullAt);
  }

  /**
   * {@link #timeOfDay(double, LocalTime, LocalTime, Set)} with weight 5, business hours 08:00 to
   * 18:00, weekend Saturday and Sunday.
   */
  public static RiskFactor timeOfDay() {
    return timeOfDay(TIME_OF_DAY_WEIGHT, LocalTime.of(8, 0), LocalTime.of(18, 0),
        Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
  }

  /**
   * {@code time-of-day}: the planned start in the service's zone. A {@code weekend} day scores
   * the whole weight; another day outside [dayStart, dayEnd) 60% of it; inside, nothing. An
   * unknown service's zone is unknown too, so it scores the whole weight.
   */
  public static RiskFactor timeOfDay(double weight, LocalTime dayStart, LocalTime dayEnd, Set<DayOfWeek> weekend) {
    return new TimeOfDayFactor(weight, dayStart, dayEnd, weekend);
  }

  /** {@link #pipelineEvidence(double)} with weight 15. */
  public static RiskFactor pipelineEvidence() {
    return pipelineEvidence(PIPELINE_EVIDENCE_WEIGHT);
  }

  /**
   * {@code pipeline-evidence}: tests (40% of the weight), review (30%) and security scan (30%);
   * the other named checks, by their worst result, add up to 15% more, capped at the weight. A
   * check that passed adds nothing, a missing one half its share, a failed one all of it.
   */
  public static RiskFactor pipelineEvidence(double weight) {
    return new PipelineEvidenceFactor(weight);
  }

  /** {@link #rollbackPlan(double)} with weight 10. */
  public static RiskFactor rollbackPlan() {
    return rollbackPlan(ROLLBACK_PLAN_WEIGHT);
  }

  /** {@code rollback-plan}: no rollback plan scores the whole weight, a plan nothing. */
  public static RiskFactor rollbackPlan(double weight) {
    return new RollbackPlanFactor(weight);
  }
}
