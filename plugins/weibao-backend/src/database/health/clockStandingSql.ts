import { CLOCK_STANDING_RULE } from '@weibao/plugin-weibao-common';

/*
 * weibao-common's one at-risk rule (clockStanding) as SQL conditions over a row of
 * weibao_incident_clocks, for aggregates that count clocks in the database. The status and the
 * comparisons come from CLOCK_STANDING_RULE; clockStandingSql.test.ts checks on every engine
 * that the SQL and the pure rule agree.
 */

/** A condition with the values of its `?` placeholders, in order. */
export type SqlCondition = { sql: string; bindings: Array<string | Date> };

const { runningStatus, lateFromDueInclusive, atRiskFromThresholdInclusive } =
  CLOCK_STANDING_RULE;
const LATE = lateFromDueInclusive ? '<=' : '<';
const NOT_LATE = lateFromDueInclusive ? '>' : '>=';
const AT_RISK = atRiskFromThresholdInclusive ? '<=' : '<';

/** The conditions of the clock aliased `alias` at the instant `at`. */
export function clockStandingSql(alias: string, at: Date) {
  const c = alias;
  /** Running, not breached and not yet due (or without a due time). */
  const runningOnTime: SqlCondition = {
    sql: `(${c}.status = ? and ${c}.breached_at is null
      and (${c}.due_at is null or ${c}.due_at ${NOT_LATE} ?))`,
    bindings: [runningStatus, at],
  };
  const breached: SqlCondition = {
    sql: `(${c}.breached_at is not null
      or (${c}.status = ? and ${c}.due_at ${LATE} ?))`,
    bindings: [runningStatus, at],
  };
  const atRisk: SqlCondition = {
    sql: `(${runningOnTime.sql} and ${c}.at_risk_at ${AT_RISK} ?)`,
    bindings: [...runningOnTime.bindings, at],
  };
  return { breached, atRisk, runningOnTime };
}
