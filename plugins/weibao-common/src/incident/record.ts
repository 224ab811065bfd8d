import { calendarServes, CALENDAR_YEARS } from '../calendar/BusinessCalendar';
import type { ClockMilestone } from '../contract/types';
import type { IncidentEvent } from './timeline';
import type { IncidentState } from './types';

/*
 * Time on the record (issue 14): every event keeps the time it claims (`at`) and the time it
 * was entered (`recordedAt`, set by the server). These rules say which claimed times are
 * accepted, and what a claimed time may no longer change once a breach was observed.
 */

/**
 * How far a claimed time may lie from the time it is entered.
 *
 * @public
 */
export type RecordTimeRules = {
  /** How far back a claimed time may lie without an administrator's back-fill. Default 24 h. */
  maxBackdateMs: number;
  /** How far ahead of the server's clock a claimed time may lie (clock skew). Default 60 s. */
  clockSkewMs: number;
};

/** @public */
export const DEFAULT_RECORD_TIME_RULES: RecordTimeRules = {
  maxBackdateMs: 24 * 60 * 60_000,
  clockSkewMs: 60_000,
};

const hours = (ms: number) => {
  const h = ms / 3_600_000;
  return Number.isInteger(h) ? `${h} h` : `${Math.round(h * 10) / 10} h`;
};

/**
 * Why a claimed instant is refused, or undefined when it is accepted. Checked before any
 * calendar arithmetic: an instant outside the years the calendars serve, more than the clock
 * skew after it is entered, or (unless back-filled by an administrator) further back than the
 * configured bound.
 *
 * @public
 */
export function claimedTimeProblem(
  claimed: number,
  entered: number,
  rules: RecordTimeRules,
  options: { backfill?: boolean } = {},
): string | undefined {
  if (!calendarServes(claimed)) {
    return `${
      Number.isFinite(claimed) ? new Date(claimed).toISOString() : claimed
    } is outside the years Weibao records (${CALENDAR_YEARS.first} to ${
      CALENDAR_YEARS.last
    })`;
  }
  if (claimed > entered + rules.clockSkewMs) {
    return `${new Date(claimed).toISOString()} is in the future (more than ${
      rules.clockSkewMs / 1000
    } s after the time it is entered, ${new Date(entered).toISOString()})`;
  }
  if (!options.backfill && claimed < entered - rules.maxBackdateMs) {
    return `${new Date(claimed).toISOString()} is more than ${hours(
      rules.maxBackdateMs,
    )} before the time it is entered (${new Date(
      entered,
    ).toISOString()}); older records need an administrator's back-fill`;
  }
  return undefined;
}

/** A breach that was on the record when a later action claimed an earlier time. @public */
export type ObservedBreach = { milestone: ClockMilestone; breachedAt: number };

/**
 * The breaches a change would erase: clocks breached on the record before the change (the
 * deadline had passed when the change was entered) that are not breached, or breached later,
 * after it. A breach on the record is final: the service records a `breach-disputed` event with
 * these instead of letting a backdated action erase them.
 *
 * @public
 */
export function erasedBreaches(
  before: ReadonlyArray<{
    milestone: ClockMilestone;
    breachedAt: number | null;
  }>,
  after: ReadonlyArray<{
    milestone: ClockMilestone;
    breachedAt: number | null;
  }>,
): ObservedBreach[] {
  const erased: ObservedBreach[] = [];
  for (const b of before) {
    if (b.breachedAt === null) continue;
    const a = after.find(x => x.milestone === b.milestone);
    if (!a || a.breachedAt === null || a.breachedAt > b.breachedAt) {
      erased.push({ milestone: b.milestone, breachedAt: b.breachedAt });
    }
  }
  return erased;
}

/**
 * Folds a `breach-disputed` event: each named clock keeps its observed breach as final
 * (`finalBreachAt`), whatever the claimed time of the disputed action says.
 *
 * @public
 */
export function applyBreachDispute(
  state: IncidentState,
  event: Extract<IncidentEvent, { type: 'breach-disputed' }>,
): IncidentState {
  const { breaches } = event.payload;
  return {
    ...state,
    clocks: state.clocks.map(clock => {
      const observed = breaches.find(b => b.milestone === clock.milestone);
      if (!observed) return clock;
      const finalBreachAt = Math.min(
        clock.finalBreachAt ?? Infinity,
        observed.breachedAt,
      );
      return {
        ...clock,
        finalBreachAt,
        disputedAt: Math.max(clock.disputedAt ?? 0, event.payload.enteredAt),
      };
    }),
    lastEventAt: Math.max(state.lastEventAt, event.at),
    version: state.version + 1,
  };
}

/** How late an entry must be for the record to show it as entered late: 5 minutes. @public */
export const ENTERED_LATE_NOTICE_MS = 5 * 60_000;

/**
 * How long after the time it claims an entry was entered, when that is worth showing
 * ({@link ENTERED_LATE_NOTICE_MS} or more); null otherwise.
 *
 * @public
 */
export function enteredLateMs(claimed: number, entered: number): number | null {
  const late = entered - claimed;
  return Number.isFinite(late) && late >= ENTERED_LATE_NOTICE_MS ? late : null;
}
