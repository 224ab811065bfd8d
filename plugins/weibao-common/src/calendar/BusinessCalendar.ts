import { DateTime } from 'luxon';
import type {
  CalendarOverride,
  ContractCalendar,
  Weekday,
} from '../contract/types';
import {
  CHINESE_OFFICIAL_DAYS,
  FIXED_DATE_STATUTORY_HOLIDAYS,
  OfficialDays,
} from './officialDays';

/** @public */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * A business calendar: a time zone, weekly working intervals (several a day allowed), official
 * Chinese days off and make-up workdays when `holidays` is `cn-official`, and day overrides
 * (a contract's or an operator's), which win over everything else.
 *
 * @public
 */
export type CalendarDefinition = ContractCalendar & {
  overrides?: ReadonlyArray<CalendarOverride & { hours?: string[] }>;
};

/** Why a day is what it is. @public */
export type CalendarDay = {
  date: string;
  working: boolean;
  /** Local working intervals, `HH:MM-HH:MM`. */
  hours: string[];
  reason:
    | { kind: 'weekly' }
    | { kind: 'official-holiday'; name: string }
    | { kind: 'make-up-workday'; name: string }
    | { kind: 'provisional-holiday'; name: string }
    | { kind: 'override'; reason: string };
};

type YearData = {
  /** Local midnights of every day of the year, and of the next 1 January. */
  dayStarts: Float64Array;
  segStart: Float64Array;
  segEnd: Float64Array;
  /** cum[i]: working ms in segments before i; cum[n]: the year's total. */
  cum: Float64Array;
  /** Day indices (within the year) that are working days, and their close of business. */
  workDay: Float64Array;
  workDayClose: Float64Array;
};

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MAX_EMPTY_YEARS = 10;

/**
 * The years a calendar serves: instants outside are refused before any arithmetic, so that no
 * input (year 0001, 9999) makes the engine build centuries of days. The official Chinese
 * arrangement is published from 2004 on; contracts before 2000 do not exist in this domain.
 *
 * @public
 */
export const CALENDAR_YEARS = { first: 2000, last: 2099 } as const;

/** The longest span (in years) one computation may cross: each year costs a build of its days. @public */
export const CALENDAR_MAX_SPAN_YEARS = 20;

/**
 * A calendar refused an instant or a span it cannot serve quickly (outside
 * {@link CALENDAR_YEARS}, or longer than {@link CALENDAR_MAX_SPAN_YEARS}, or a calendar without
 * working time). A request error, never a server error: the backend answers 400 naming the field.
 *
 * @public
 */
export class CalendarRangeError extends Error {
  readonly instant: number;
  constructor(message: string, instant: number) {
    super(message);
    this.name = 'CalendarRangeError';
    this.instant = instant;
  }
}

/** Whether a calendar serves an instant (its year within {@link CALENDAR_YEARS}). @public */
export function calendarServes(t: number): boolean {
  if (!Number.isFinite(t)) return false;
  const y = new Date(t).getUTCFullYear();
  // a day of margin either side for time zones: the year is checked again in the zone
  return y >= CALENDAR_YEARS.first && y <= CALENDAR_YEARS.last;
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Binary search in a sorted array: the smallest i in [lo, hi) with arr[i] > x (or >= x when
 * `orEqual`), or hi.
 */
function bound(
  arr: Float64Array,
  x: number,
  orEqual: boolean,
  from = 0,
  to = arr.length,
): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] > x || (orEqual && arr[mid] === x)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
const upperBound = (arr: Float64Array, x: number) => bound(arr, x, false);

/**
 * A local `HH:MM-HH:MM` range of the day starting at `local` as instants; `24:00` is the next
 * day's start. A time in a daylight-saving gap moves forward (luxon), so a range inside the gap
 * resolves to nothing.
 */
function resolveRange(
  local: DateTime,
  next: DateTime,
  range: string,
): [number, number] {
  const instant = (hhmm: string) =>
    hhmm === '24:00'
      ? next.toMillis()
      : local
          .set({
            hour: Number(hhmm.slice(0, 2)),
            minute: Number(hhmm.slice(3, 5)),
          })
          .toMillis();
  const [from, to] = range.split('-');
  return [instant(from), instant(to)];
}

/**
 * Working-time arithmetic on a business calendar. Instants are epoch milliseconds (UTC).
 *
 * Each year is turned once into sorted working segments with prefix sums, so adding working
 * time or counting working days costs a binary search per year crossed, whatever the amount.
 * Local times are resolved with luxon: a time in a daylight-saving gap moves forward, an
 * ambiguous one takes the earlier offset. A working day is a day that holds working time (a day
 * whose only hours fall in a daylight-saving gap holds none).
 *
 * @public
 */
export class BusinessCalendar {
  readonly name: string;
  readonly timeZone: string;
  /** Names the definition and the official data: stored with every computed result. */
  readonly version: string;
  private readonly overrides: Map<
    string,
    CalendarOverride & { hours?: string[] }
  >;
  private readonly years = new Map<number, YearData>();
  private readonly yearStarts = new Map<number, number>();

  constructor(
    private readonly definition: CalendarDefinition,
    private readonly official: OfficialDays = CHINESE_OFFICIAL_DAYS,
  ) {
    this.name = definition.name;
    this.timeZone = definition.timeZone ?? DEFAULT_TIME_ZONE;
    this.overrides = new Map(
      (definition.overrides ?? []).map(o => [o.date, o]),
    );
    const { name: _name, overrides = [], ...rest } = definition;
    const fingerprint = fnv1a(
      JSON.stringify({
        ...rest,
        timeZone: this.timeZone,
        overrides: [...overrides].sort((a, b) => a.date.localeCompare(b.date)),
      }),
    );
    this.version = `${this.name}@${fingerprint}${
      definition.holidays === 'cn-official' ? `+${official.source}` : ''
    }`;
  }

  /** Whether the official arrangement of a year is known (always, without Chinese holidays). */
  hasOfficialData(year: number): boolean {
    return (
      this.definition.holidays !== 'cn-official' ||
      this.official.years.has(year)
    );
  }

  /** Years between two instants whose official arrangement is not published: results there are provisional. */
  provisionalYears(from: number, to: number): number[] {
    const years: number[] = [];
    for (
      let y = this.yearOf(Math.min(from, to));
      y <= this.yearOf(Math.max(from, to));
      y++
    ) {
      if (!this.hasOfficialData(y)) years.push(y);
    }
    return years;
  }

  /** What a local date is on this calendar, and why. */
  day(date: string): CalendarDay {
    const local = DateTime.fromISO(date, { zone: this.timeZone });
    const override = this.overrides.get(date);
    const weekdayHours =
      this.definition.weekly[WEEKDAYS[local.weekday - 1]] ?? [];
    const make = (
      hours: readonly string[],
      reason: CalendarDay['reason'],
    ): CalendarDay => ({
      date,
      working: hours.length > 0,
      hours: [...hours],
      reason,
    });
    if (override) {
      const hours = override.working
        ? override.hours ?? this.workdayHours()
        : [];
      return make(hours, { kind: 'override', reason: override.reason });
    }
    if (this.definition.holidays === 'cn-official') {
      if (this.official.years.has(local.year)) {
        const holiday = this.official.holidays.get(date);
        if (holiday)
          return make([], { kind: 'official-holiday', name: holiday });
        const makeUp = this.official.workdays.get(date);
        if (makeUp)
          return make(this.workdayHours(), {
            kind: 'make-up-workday',
            name: makeUp,
          });
      } else {
        const fixed = FIXED_DATE_STATUTORY_HOLIDAYS.find(
          ([m, d]) => m === local.month && d === local.day,
        );
        if (fixed)
          return make([], { kind: 'provisional-holiday', name: fixed[2] });
      }
    }
    return make(weekdayHours, { kind: 'weekly' });
  }

  /** Whether an instant is working time. */
  isWorkingAt(t: number): boolean {
    const data = this.yearData(this.yearOf(t));
    const i = upperBound(data.segEnd, t);
    return i < data.segStart.length && data.segStart[i] <= t;
  }

  /** The first working instant at or after t. */
  nextWorkingInstant(t: number): number {
    return this.addWorkingTime(t, 0);
  }

  /** The earliest instant by which `ms` of working time has passed since `from`. */
  addWorkingTime(from: number, ms: number): number {
    this.checkInstant(from);
    let year = this.yearOf(from);
    const lastYear = year + CALENDAR_MAX_SPAN_YEARS;
    let t = from;
    let remaining = Math.max(0, ms);
    for (let empty = 0; ; year++) {
      const { segStart, segEnd, cum } = this.yearData(year);
      const n = segStart.length;
      const i = upperBound(segEnd, t);
      if (i < n) {
        const begin = Math.max(t, segStart[i]);
        if (remaining <= segEnd[i] - begin) return begin + remaining;
        remaining -= segEnd[i] - begin;
        const target = cum[i + 1] + remaining;
        const j = bound(cum, target, true, i + 2, n + 1) - 1;
        if (j < n) return segStart[j] + (target - cum[j]);
        remaining = target - cum[n];
        empty = 0;
      } else if (++empty > MAX_EMPTY_YEARS) {
        throw this.barrenError('working time', from);
      }
      if (year + 1 > lastYear) throw this.spanError(from);
      t = this.yearStart(year + 1);
    }
  }

  /** Working time between two instants (0 when `to` is not after `from`). */
  workingTimeBetween(from: number, to: number): number {
    this.checkInstant(from);
    this.checkInstant(to);
    if (to <= from) return 0;
    const fromYear = this.yearOf(from);
    const toYear = this.yearOf(to);
    if (toYear - fromYear > CALENDAR_MAX_SPAN_YEARS) throw this.spanError(from);
    let total =
      this.cumulativeInYear(toYear, to) - this.cumulativeInYear(fromYear, from);
    for (let y = fromYear; y < toYear; y++) {
      const cum = this.yearData(y).cum;
      total += cum[cum.length - 1];
    }
    return total;
  }

  /**
   * The due time of a target in working days, by the Civil Code (arts. 201, 203): the day of
   * `from` is not counted, counting starts the next day, and the period ends at the close of
   * business of the Nth working day.
   */
  closeOfBusinessAfterWorkingDays(from: number, workingDays: number): number {
    this.checkInstant(from);
    let year = this.yearOf(from);
    const lastYear = year + CALENDAR_MAX_SPAN_YEARS;
    let data = this.yearData(year);
    let day = upperBound(data.dayStarts, from) - 1; // the local day of `from`
    let left = Math.max(1, Math.round(workingDays));
    for (let empty = 0; ; ) {
      const k = upperBound(data.workDay, day);
      const available = data.workDay.length - k;
      if (left <= available) return data.workDayClose[k + left - 1];
      left -= available;
      empty = available ? 0 : empty + 1;
      if (empty > MAX_EMPTY_YEARS) {
        throw this.barrenError('working day', from);
      }
      if (year + 1 > lastYear) throw this.spanError(from);
      data = this.yearData(++year);
      day = -1;
    }
  }

  /**
   * The first instant of the local day after the day of `t`: where a period counted in working
   * days starts counting (Civil Code art. 201: the day of the event is not counted).
   */
  startOfNextDay(t: number): number {
    this.checkInstant(t);
    const data = this.yearData(this.yearOf(t));
    return data.dayStarts[upperBound(data.dayStarts, t)];
  }

  /** Refuses an instant outside the years served, before any arithmetic. */
  private checkInstant(t: number): void {
    if (!calendarServes(t)) {
      throw new CalendarRangeError(
        `${
          Number.isFinite(t) ? new Date(t).toISOString() : String(t)
        } is outside the years calendar ${this.name} serves (${
          CALENDAR_YEARS.first
        } to ${CALENDAR_YEARS.last})`,
        t,
      );
    }
  }

  private spanError(from: number): CalendarRangeError {
    return new CalendarRangeError(
      `calendar ${
        this.name
      } does not count more than ${CALENDAR_MAX_SPAN_YEARS} years from ${new Date(
        from,
      ).toISOString()}`,
      from,
    );
  }

  /** The error for a calendar that never works (every day overridden off, say). */
  private barrenError(what: string, from: number): Error {
    return new CalendarRangeError(
      `calendar ${
        this.name
      } has no ${what} in ${MAX_EMPTY_YEARS} years after ${new Date(
        from,
      ).toISOString()}`,
      from,
    );
  }

  private workdayHours(): string[] {
    const first = WEEKDAYS.find(
      d => (this.definition.weekly[d] ?? []).length > 0,
    );
    return first ? [...this.definition.weekly[first]!] : ['00:00-24:00'];
  }

  private yearStart(year: number): number {
    let start = this.yearStarts.get(year);
    if (start === undefined) {
      start = DateTime.fromObject(
        { year, month: 1, day: 1 },
        { zone: this.timeZone },
      ).toMillis();
      this.yearStarts.set(year, start);
    }
    return start;
  }

  private yearOf(t: number): number {
    const y = new Date(t).getUTCFullYear();
    if (t < this.yearStart(y)) return y - 1;
    if (t >= this.yearStart(y + 1)) return y + 1;
    return y;
  }

  private cumulativeInYear(year: number, t: number): number {
    const { segStart, segEnd, cum } = this.yearData(year);
    const i = upperBound(segStart, t) - 1;
    if (i < 0) return 0;
    return cum[i] + Math.min(t, segEnd[i]) - segStart[i];
  }

  private yearData(year: number): YearData {
    if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
      throw new CalendarRangeError(
        `calendar ${this.name} serves the years ${CALENDAR_YEARS.first} to ${CALENDAR_YEARS.last}, not ${year}`,
        this.yearStart(year),
      );
    }
    let data = this.years.get(year);
    if (!data) {
      data = this.buildYear(year);
      this.years.set(year, data);
    }
    return data;
  }

  private buildYear(year: number): YearData {
    const dayStarts: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const workDay: number[] = [];
    const workDayClose: number[] = [];
    let local = DateTime.fromObject(
      { year, month: 1, day: 1 },
      { zone: this.timeZone },
    );
    for (let index = 0; local.year === year; index++) {
      const today = local;
      const next = today.plus({ days: 1 });
      dayStarts.push(today.toMillis());
      const intervals = this.day(today.toISODate()!)
        .hours.map(range => resolveRange(today, next, range))
        .filter(([s, e]) => e > s)
        .sort((a, b) => a[0] - b[0]);
      let close = -1;
      for (const [s, e] of intervals) {
        const last = starts.length - 1;
        if (last >= 0 && s <= ends[last]) ends[last] = Math.max(ends[last], e);
        else {
          starts.push(s);
          ends.push(e);
        }
        close = Math.max(close, e);
      }
      if (close >= 0) {
        workDay.push(index);
        workDayClose.push(close);
      }
      local = next;
    }
    dayStarts.push(local.toMillis());
    const cum = new Float64Array(starts.length + 1);
    for (let i = 0; i < starts.length; i++)
      cum[i + 1] = cum[i] + (ends[i] - starts[i]);
    return {
      dayStarts: Float64Array.from(dayStarts),
      segStart: Float64Array.from(starts),
      segEnd: Float64Array.from(ends),
      cum,
      workDay: Float64Array.from(workDay),
      workDayClose: Float64Array.from(workDayClose),
    };
  }
}
