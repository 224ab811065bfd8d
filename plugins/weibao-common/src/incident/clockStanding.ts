import type { ClockStatus } from '../sla';

/*
 * The one rule that says whether a contract clock is breached, at risk or on time at an
 * instant (临近超时 / 已超时). The incident page, the per-system health summary, the team
 * overview and the contract standing all decide it here; the backend's SQL aggregates express
 * the same rule with the parameters of {@link CLOCK_STANDING_RULE} and a test checks that both
 * agree.
 */

/**
 * A clock as last evaluated or stored: its status then, its due time, the instant of its last
 * warning threshold and of its breach (epoch ms, null when there is none).
 *
 * @public
 */
export type ClockSnapshot = {
  status: ClockStatus | 'retired';
  dueAt: number | null;
  atRiskAt: number | null;
  breachedAt: number | null;
};

/** @public */
export type ClockStanding = 'breached' | 'atRisk' | 'onTime';

/**
 * The parameters of the rule, for code that has to express it elsewhere (SQL):
 * a clock is breached when it has a breach, or when it is still `runningStatus` and its due
 * time is at or before the instant; it is at risk when it is `runningStatus`, not breached, and
 * its last warning threshold is at or before the instant.
 *
 * @public
 */
export const CLOCK_STANDING_RULE = {
  /** The only status in which a clock can become late or be at risk. */
  runningStatus: 'running',
  /** A running clock is late from its due time on, that instant included. */
  lateFromDueInclusive: true,
  /** A running clock is at risk from its last warning threshold on, that instant included. */
  atRiskFromThresholdInclusive: true,
} as const;

/** Whether a clock is breached, at risk or on time at `now`. @public */
export function clockStanding(
  clock: ClockSnapshot,
  now: number,
): ClockStanding {
  const running = clock.status === CLOCK_STANDING_RULE.runningStatus;
  if (
    clock.breachedAt !== null ||
    (running && clock.dueAt !== null && clock.dueAt <= now)
  ) {
    return 'breached';
  }
  if (running && clock.atRiskAt !== null && clock.atRiskAt <= now) {
    return 'atRisk';
  }
  return 'onTime';
}
