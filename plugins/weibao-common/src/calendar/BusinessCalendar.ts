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

import {
  CALENDAR_MAX_SPAN_YEARS,
  CALENDAR_YEARS,
  CalendarRangeError,
  calendarServes,
  DEFAULT_TIME_ZONE,
  MAX_EMPTY_YEARS,
} from './limits';
import { bound, buildYear, fnv1a, upperBound, YearData } from './yearSegments';

export {
  CALENDAR_MAX_SPAN_YEARS,
  CALENDAR_YEARS,
  CalendarRangeError,
  calendarServes,
  DEFAULT_TIME_ZONE,
} from './limits';

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

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

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
      data = buildYear(year, this.timeZone, date => this.day(date).hours);
      this.years.set(year, data);
    }
    return data;
  }
}
