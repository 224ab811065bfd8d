import type { BusinessCalendar } from '../calendar/BusinessCalendar';
import type { Duration } from '../contract/types';

/** @public */
export const DEFAULT_WARNING_THRESHOLDS = [50, 75];

const MINUTE = 60_000;

/**
 * Everything a contract clock is derived from. Instants are epoch milliseconds.
 *
 * @public
 */
export type ClockHistory = {
  /** The report time: the clock starts here. */
  startedAt: number;
  /**
   * The target in force from each instant on: the first at `startedAt`, then one per re-grade.
   * Every target counts from `startedAt` (re-grading is retroactive); all stay in the history.
   */
  targets: ReadonlyArray<{
    at: number;
    target: Duration;
    /** The calendar the target counts on, when a re-grade also changes it (e.g. 5x8 → 24x7). */
    calendar?: string;
    reason?: string;
  }>;
  /** Pauses, in order, not overlapping; the last may still be open (no `to`). */
  pauses: ReadonlyArray<{ from: number; to?: number; reason: string }>;
  /** When the milestone was met. */
  stoppedAt?: number;
};

/** @public */
export type ClockStatus = 'running' | 'paused' | 'met' | 'breached';

/**
 * A clock at one instant.
 *
 * @public
 */
export type ClockState = {
  status: ClockStatus;
  evaluatedAt: number;
  /** When the current target falls due; null while paused (it moves when the clock resumes). */
  dueAt: number | null;
  /** Working time the current target allows. */
  budgetMs: number;
  /** Working time counted so far (pauses excluded), up to the stop if met. */
  elapsedMs: number;
  /** Budget left; negative once overdue. */
  remainingMs: number;
  percentElapsed: number;
  /** Warning thresholds of the current target passed so far, with when. */
  thresholdsCrossed: Array<{ percent: number; at: number }>;
  /**
   * When each warning threshold of the current target is (or was) reached if nothing changes;
   * null while paused. Lets a store keep "at risk from" beside "due at" for queries.
   */
  thresholdsAt: Array<{ percent: number; at: number | null }>;
  /** The first time the clock was overdue; kept even if the milestone was met later. */
  breachedAt: number | null;
  metAt: number | null;
  calendarVersion: string;
  /** E.g. the result is provisional because a year's official holidays are not published. */
  warnings: string[];
};

/**
 * Where a target starts counting. Minutes and hours count from the start itself. A period in
 * working days counts from the first instant of the day after the start (Civil Code art. 201:
 * the day of the event is not counted), so nothing on the report day (working time left that
 * day, a pause) can move its due time.
 *
 * @public
 */
export function targetCountStart(
  calendar: BusinessCalendar,
  start: number,
  target: Duration,
): number {
  return target.unit === 'working-days'
    ? calendar.startOfNextDay(start)
    : start;
}

/**
 * The working time a target allows on the calendar, counted from its count start
 * ({@link targetCountStart}). For working days: the working time of the counted days, from the
 * day after `start` to the close of business of the Nth working day; a pause inside those days
 * extends the due time by the working time paused (see the README).
 *
 * @public
 */
export function targetBudget(
  calendar: BusinessCalendar,
  start: number,
  target: Duration,
): number {
  switch (target.unit) {
    case 'minutes':
      return target.amount * MINUTE;
    case 'hours':
      return target.amount * 60 * MINUTE;
    case 'working-days':
      return calendar.workingTimeBetween(
        calendar.startOfNextDay(start),
        calendar.closeOfBusinessAfterWorkingDays(start, target.amount),
      );
    default:
      throw new Error(`unknown unit ${(target as Duration).unit}`);
  }
}

type Window = { from: number; to: number };

/** The stretches in which the clock counted: from `start`, minus the pauses, up to `end`. */
function activeWindows(
  history: ClockHistory,
  start: number,
  end: number,
): Window[] {
  const windows: Window[] = [];
  let from = start;
  for (const pause of history.pauses) {
    if (pause.from >= end) break;
    if (pause.from > from) windows.push({ from, to: pause.from });
    from = Math.max(from, pause.to ?? Infinity);
    if (from >= end) return windows;
  }
  if (end > from) windows.push({ from, to: end });
  return windows;
}

/** Working time counted in the windows. */
function counted(calendar: BusinessCalendar, windows: Window[]): number {
  return windows.reduce(
    (sum, w) => sum + calendar.workingTimeBetween(w.from, w.to),
    0,
  );
}

/**
 * The instant at which `amount` of working time has been counted since the start, skipping the
 * pauses: null if the count stops in a pause that is still open.
 */
function instantOfCount(
  calendar: BusinessCalendar,
  history: ClockHistory,
  start: number,
  amount: number,
): number | null {
  let left = amount;
  let from = start;
  for (const pause of [...history.pauses, { from: Infinity, to: Infinity }]) {
    if (pause.from > from) {
      const available =
        pause.from === Infinity
          ? Infinity
          : calendar.workingTimeBetween(from, pause.from);
      if (left <= available) return calendar.addWorkingTime(from, left);
      left -= available;
    }
    if (pause.to === undefined) return null;
    from = Math.max(from, pause.to);
  }
  return null;
}

/**
 * A contract clock at instant `now`, derived only from its history: computing it twice gives
 * the same answer, which lets the backend recompute stored states and report any drift.
 *
 * - Minutes and hours count working time on the calendar (wall time on 24x7); a report outside
 *   working time starts counting at the next working instant.
 * - Working days: due at the close of business of the Nth working day after the report's day
 *   (Civil Code arts. 201, 203). Counting starts at the first instant of the next day, so time
 *   on the report day (a pause included) never moves it; a pause inside the counted days moves
 *   it by the working time the pause took.
 * - A re-grade counts the new target from the original start. A stricter target that is already
 *   overdue breaches the clock at the re-grade.
 * - A breach is sticky: it keeps its first time even if the milestone is met later.
 *
 * @public
 */
export function evaluateClock(
  calendars: BusinessCalendar | ((name: string) => BusinessCalendar),
  history: ClockHistory,
  now: number,
  options: { warningThresholds?: number[] } = {},
): ClockState {
  const targets = history.targets.filter(t => t.at <= now);
  if (targets.length === 0)
    throw new Error('a clock needs a target at its start');
  const calendarOf = (
    target: ClockHistory['targets'][number],
  ): BusinessCalendar => {
    if (typeof calendars !== 'function') return calendars;
    if (!target.calendar)
      throw new Error(
        'each target needs a calendar name when calendars are resolved by name',
      );
    return calendars(target.calendar);
  };
  const stop =
    history.stoppedAt !== undefined && history.stoppedAt <= now
      ? history.stoppedAt
      : undefined;
  const end = stop ?? now;
  const seen: ClockHistory = {
    ...history,
    pauses: history.pauses
      .filter(p => p.from <= end)
      .map(p =>
        p.to !== undefined && p.to <= end
          ? p
          : { from: p.from, reason: p.reason },
      ),
  };
  const closed: ClockHistory = {
    ...seen,
    pauses: seen.pauses.map(p => ({ ...p, to: p.to ?? Infinity })),
  };

  // The first breach: each target is checked while it was in force (until the next re-grade),
  // and before the milestone was met or `now`. Overdue means counted time beyond the budget.
  let breachedAt: number | null = null;
  for (let i = 0; i < targets.length; i++) {
    const cal = calendarOf(targets[i]);
    const due = instantOfCount(
      cal,
      closed,
      targetCountStart(cal, history.startedAt, targets[i].target),
      targetBudget(cal, history.startedAt, targets[i].target),
    );
    if (due === null) continue;
    const at = Math.max(due, targets[i].at);
    const inForceUntil = targets[i + 1]?.at ?? Infinity;
    // A stricter target already overdue when it is set breaches at that very instant.
    const overdueWhenSet = due < targets[i].at && at <= end;
    if (
      at < Math.min(inForceUntil, end) ||
      (overdueWhenSet && at < inForceUntil)
    ) {
      breachedAt = at;
      break;
    }
  }

  const current = targets[targets.length - 1].target;
  const calendar = calendarOf(targets[targets.length - 1]);
  const budgetMs = targetBudget(calendar, history.startedAt, current);
  const start = targetCountStart(calendar, history.startedAt, current);
  const elapsedMs = counted(calendar, activeWindows(seen, start, end));
  const openPause = seen.pauses.some(p => p.to === undefined);
  const dueAt =
    openPause && stop === undefined
      ? null
      : instantOfCount(calendar, seen, start, budgetMs);
  const thresholds = options.warningThresholds ?? DEFAULT_WARNING_THRESHOLDS;
  const thresholdsAt = thresholds.map(percent => ({
    percent,
    at: instantOfCount(calendar, closed, start, (budgetMs * percent) / 100),
  }));
  const thresholdsCrossed = thresholdsAt.filter(
    (c): c is { percent: number; at: number } => c.at !== null && c.at <= end,
  );

  let status: ClockStatus;
  if (breachedAt !== null) status = 'breached';
  else if (stop !== undefined) status = 'met';
  else status = openPause ? 'paused' : 'running';

  const horizon = Math.max(end, dueAt ?? end);
  const provisional = calendar.provisionalYears(history.startedAt, horizon);
  return {
    status,
    evaluatedAt: now,
    dueAt,
    budgetMs,
    elapsedMs,
    remainingMs: budgetMs - elapsedMs,
    percentElapsed: budgetMs > 0 ? (elapsedMs / budgetMs) * 100 : 100,
    thresholdsCrossed,
    thresholdsAt,
    breachedAt,
    metAt: stop ?? null,
    calendarVersion: calendar.version,
    warnings: provisional.map(
      y =>
        `provisional: the official holidays of ${y} are not published; only its fixed-date statutory holidays were taken as off`,
    ),
  };
}
