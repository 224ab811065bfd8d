/*
 * A deliberately naive reference for the contract clock arithmetic, used by the property test
 * (`../engine.property.test.ts`) and the benchmark (`bench/sla-due-times.ts`). Not exported
 * from the package.
 *
 * It walks time one minute at a time and decides every minute [t, t + 1 min) from the
 * definition alone:
 *
 * - t is working iff, with D = the local date of t in the calendar's zone and
 *   `calendar.day(D).hours` resolved to instants (start = local D at HH:MM, end = local D at
 *   HH:MM, or the next local midnight for `24:00`), some interval has start <= t < end;
 * - a local time is resolved with luxon `DateTime.fromObject`; a time in a daylight-saving gap
 *   moves forward, an ambiguous one takes the earlier offset (the earlier instant).
 *
 * The only things cached are `day()` results and resolved intervals per local date: no prefix
 * sums, no binary search, nothing of the engine's segment logic. `BusinessCalendar` is used for
 * its `day()` lookup only (official holidays, make-up workdays, overrides, weekly hours).
 *
 * All instants and amounts must be whole minutes (the resolved interval bounds are checked to
 * be whole minutes too, so a minute is either wholly working or not at all).
 */
import { DateTime } from 'luxon';
import {
  BusinessCalendar,
  CalendarDefinition,
  DEFAULT_TIME_ZONE,
} from '../../calendar/BusinessCalendar';
import type { OfficialDays } from '../../calendar/officialDays';
import type { Duration } from '../../contract/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Stepping gives up after this much wall time (a calendar with hardly any working time). */
const MAX_STEPS = 12 * 366 * 24 * 60;

type ResolvedDay = {
  date: string;
  /** Local midnight of the date and of the next date: the instants whose local date it is. */
  start: number;
  end: number;
  working: boolean;
  /** Resolved intervals [start, end), in the order of `day().hours`, possibly empty or overlapping. */
  intervals: Array<[number, number]>;
};

function assertWholeMinute(t: number, what: string) {
  if (!Number.isFinite(t) || t % MINUTE !== 0) {
    throw new Error(`reference: ${what} is not a whole minute: ${t}`);
  }
}

/**
 * The instant of a local wall time: `DateTime.fromObject`, then, if the wall time occurs twice
 * (a daylight-saving fall-back), the earlier instant. (`fromObject` alone picks by the offset in
 * force at the current date, so its choice for an ambiguous time depends on when it runs.)
 * `offsets`: the zone's offsets (minutes) around the date.
 */
function resolveLocal(
  zone: string,
  date: DateTime,
  hour: number,
  minute: number,
  offsets: ReadonlyArray<number>,
): number {
  const resolved = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour, minute },
    { zone },
  );
  if (!resolved.isValid) {
    throw new Error(
      `reference: cannot resolve ${date.toISODate()} ${hour}:${minute} in ${zone}`,
    );
  }
  let best = resolved.toMillis();
  // Every instant with this wall time, one per offset in force around it.
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  for (const offset of offsets) {
    const candidate = DateTime.fromMillis(wall - offset * MINUTE, { zone });
    if (
      candidate.offset === offset &&
      candidate.year === date.year &&
      candidate.month === date.month &&
      candidate.day === date.day &&
      candidate.hour === hour &&
      candidate.minute === minute
    ) {
      best = Math.min(best, candidate.toMillis());
    }
  }
  return best;
}

/** The day lookup and the per-date cache of one calendar definition. */
class Reference {
  readonly zone: string;
  private readonly calendar: BusinessCalendar;
  private readonly days = new Map<string, ResolvedDay>();
  private current: ResolvedDay | undefined;

  constructor(definition: CalendarDefinition, official?: OfficialDays) {
    this.zone = definition.timeZone ?? DEFAULT_TIME_ZONE;
    this.calendar = new BusinessCalendar(definition, official);
  }

  /** The local date of an instant, with its day resolved. */
  dayOf(t: number): ResolvedDay {
    const current = this.current;
    if (current && current.start <= t && t < current.end) return current;
    const date = DateTime.fromMillis(t, { zone: this.zone }).toISODate()!;
    const day = this.resolve(date);
    if (!(day.start <= t && t < day.end)) {
      throw new Error(
        `reference: ${new Date(t).toISOString()} is not within local ${date}`,
      );
    }
    this.current = day;
    return day;
  }

  /** A local date, resolved. */
  resolve(date: string): ResolvedDay {
    let day = this.days.get(date);
    if (day) return day;
    const local = DateTime.fromISO(date, { zone: this.zone });
    const next = local.plus({ days: 1 });
    const offsets = [
      ...new Set([-1, 0, 1, 2].map(days => local.plus({ days }).offset)),
    ];
    const start = resolveLocal(this.zone, local, 0, 0, offsets);
    const end = resolveLocal(this.zone, next, 0, 0, offsets);
    const info = this.calendar.day(date);
    const at = (hhmm: string) => {
      const [hh, mm] = hhmm.split(':').map(Number);
      if (hh === 24 && mm === 0) return end;
      return resolveLocal(this.zone, local, hh, mm, offsets);
    };
    const intervals = info.hours.map(range => {
      const [from, to] = range.split('-');
      const interval: [number, number] = [at(from), at(to)];
      assertWholeMinute(interval[0], `start of ${range} on ${date}`);
      assertWholeMinute(interval[1], `end of ${range} on ${date}`);
      return interval;
    });
    day = { date, start, end, working: info.working, intervals };
    this.days.set(date, day);
    return day;
  }

  /** Whether the minute starting at t (and so the instant t) is working time. */
  isWorking(t: number): boolean {
    for (const [s, e] of this.dayOf(t).intervals) {
      if (s <= t && t < e) return true;
    }
    return false;
  }
}

const references = new WeakMap<CalendarDefinition, Reference>();

function referenceFor(
  definition: CalendarDefinition,
  official?: OfficialDays,
): Reference {
  if (official) return new Reference(definition, official);
  let reference = references.get(definition);
  if (!reference) {
    reference = new Reference(definition);
    references.set(definition, reference);
  }
  return reference;
}

/** Whether an instant is working time, by the definition. */
export function referenceIsWorkingAt(
  definition: CalendarDefinition,
  t: number,
): boolean {
  return referenceFor(definition).isWorking(t);
}

/** Working time in [a, b), counted minute by minute (0 when b <= a). */
export function referenceWorkingTime(
  definition: CalendarDefinition,
  a: number,
  b: number,
): number {
  assertWholeMinute(a, 'a');
  assertWholeMinute(b, 'b');
  const reference = referenceFor(definition);
  let total = 0;
  for (let t = a; t < b; t += MINUTE) {
    if (reference.isWorking(t)) total += MINUTE;
  }
  return total;
}

/**
 * The earliest instant by which `ms` of working time has passed since `from`, minute by minute,
 * not counting the minutes inside `pauses` ([from, to) each). With `ms` = 0 that is `from`.
 */
export function referenceAddWorkingTime(
  definition: CalendarDefinition,
  from: number,
  ms: number,
  pauses: ReadonlyArray<{ from: number; to: number }> = [],
): number {
  assertWholeMinute(from, 'from');
  assertWholeMinute(ms, 'ms');
  for (const p of pauses) {
    assertWholeMinute(p.from, 'pause start');
    assertWholeMinute(p.to, 'pause end');
  }
  if (ms <= 0) return from;
  const reference = referenceFor(definition);
  let counted = 0;
  for (let t = from, steps = 0; steps < MAX_STEPS; t += MINUTE, steps++) {
    if (pauses.some(p => p.from <= t && t < p.to)) continue;
    if (reference.isWorking(t)) {
      counted += MINUTE;
      if (counted >= ms) return t + MINUTE;
    }
  }
  throw new Error(
    `reference: ${ms} ms of working time not reached within ${MAX_STEPS} minutes of ${new Date(
      from,
    ).toISOString()}`,
  );
}

/**
 * The close of business of the Nth working day strictly after the local date of `from`,
 * stepping day by day. A working day is a day that holds working time: `day(D).working` with
 * at least one interval that resolves to a non-empty stretch (on a spring-forward day a
 * `02:00-03:00` interval in Europe/Berlin resolves to nothing, so that day holds none). Its
 * close of business is the latest end of those intervals.
 */
export function referenceWorkingDaysDeadline(
  definition: CalendarDefinition,
  from: number,
  workingDays: number,
): number {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new Error(`reference: ${workingDays} working days`);
  }
  const reference = referenceFor(definition);
  let local = DateTime.fromISO(reference.dayOf(from).date, {
    zone: reference.zone,
  });
  let seen = 0;
  for (let steps = 0; steps < 12 * 366; steps++) {
    local = local.plus({ days: 1 });
    const day = reference.resolve(local.toISODate()!);
    const withWork = day.intervals.filter(([s, e]) => e > s);
    if (day.working && withWork.length > 0 && ++seen === workingDays) {
      return Math.max(...withWork.map(([, e]) => e));
    }
  }
  throw new Error(`reference: no ${workingDays} working days within 12 years`);
}

/**
 * Where a target starts counting: `start` for minutes and hours; for working days the local
 * midnight that ends the day of `start` (the report day is not counted, Civil Code art. 201).
 */
export function referenceCountStart(
  definition: CalendarDefinition,
  start: number,
  target: Duration,
): number {
  if (target.unit !== 'working-days') return start;
  return referenceFor(definition).dayOf(start).end;
}

/**
 * The working time a target allows from its count start: for working days, the working minutes
 * of the counted days (from the day after `start` to the deadline).
 */
export function referenceBudget(
  definition: CalendarDefinition,
  start: number,
  target: Duration,
): number {
  switch (target.unit) {
    case 'minutes':
      return target.amount * MINUTE;
    case 'hours':
      return target.amount * HOUR;
    case 'working-days':
      return referenceWorkingTime(
        definition,
        referenceCountStart(definition, start, target),
        referenceWorkingDaysDeadline(definition, start, target.amount),
      );
    default:
      throw new Error(`reference: unknown unit ${(target as Duration).unit}`);
  }
}

/**
 * The due instant of the last target of a clock history whose pauses are all closed and which
 * is not stopped: the earliest instant by which the budget has been counted since the count
 * start (`startedAt`, or for working days the next local midnight), minute by minute, skipping
 * the paused minutes. A paused minute before the count start (on the report day) skips nothing
 * that counts, so it cannot move a working-days deadline; one inside the counted days moves it
 * by the working minutes paused.
 */
export function referenceDueTime(
  definition: CalendarDefinition,
  history: {
    startedAt: number;
    targets: ReadonlyArray<{ target: Duration }>;
    pauses: ReadonlyArray<{ from: number; to?: number }>;
  },
): number {
  const { target } = history.targets[history.targets.length - 1];
  const pauses = history.pauses.map(p => {
    if (p.to === undefined) throw new Error('reference: open pause');
    return { from: p.from, to: p.to };
  });
  return referenceAddWorkingTime(
    definition,
    referenceCountStart(definition, history.startedAt, target),
    referenceBudget(definition, history.startedAt, target),
    pauses,
  );
}
