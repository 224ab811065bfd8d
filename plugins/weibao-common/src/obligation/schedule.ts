import { DateTime } from 'luxon';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { BusinessCalendar } from '../calendar/BusinessCalendar';
import { CalendarOptions, contractCalendar } from '../calendar/calendars';
import { contractPeriodBounds } from '../contract/period';
import { fullEntityRef } from '../contract/relations';
import type {
  ContractPeriod,
  Duration,
  IsoDate,
  MaintenanceContractEntityV1alpha1,
  ObligationFrequency,
  RecurringObligation,
} from '../contract/types';
import type { ObligationSchedule, PlannedOccurrence } from './types';

/** The calendar obligations fall due on: official Chinese working days, 09:00–18:00. */
const CALENDAR = '5x8';
const HOLIDAY: ObligationFrequency = 'before-statutory-holiday';
/** Months per window of the frequencies counted in months. */
const MONTHS: Partial<Record<ObligationFrequency, number>> = {
  monthly: 1,
  quarterly: 3,
  'half-yearly': 6,
  yearly: 12,
};
/** How far back to look for a working day (a calendar may never work). */
const MAX_SCAN_DAYS = 366;

/** Local dates, inclusive. */
type DateRange = { start: IsoDate; end: IsoDate };
/** One due date of an obligation, before it is named. */
type Slot = DateRange & {
  dueAt: number;
  holiday?: string;
  provisional?: boolean;
};

/** Arithmetic on dates alone (no time zone involved). */
const addDays = (date: IsoDate, days: number): IsoDate =>
  DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
const addMonths = (date: IsoDate, months: number): IsoDate =>
  DateTime.fromISO(date, { zone: 'utc' }).plus({ months }).toISODate()!;
const byCodePoint = (a: string, b: string) => (a < b ? -1 : Number(a > b));
/** 00:00 of a local date on the calendar, as an instant. */
const startOfDay = (calendar: BusinessCalendar, date: IsoDate) =>
  DateTime.fromISO(date, { zone: calendar.timeZone }).toMillis();

/** The close of business of the first working day on or after `date`. */
function closeOfBusinessFrom(calendar: BusinessCalendar, date: IsoDate) {
  // The day holding `from` is not counted, so count from the last instant of the eve.
  return calendar.closeOfBusinessAfterWorkingDays(
    startOfDay(calendar, date) - 1,
    1,
  );
}

/** The close of business of the last working day in [notBefore, date], else of the first after `date`. */
function closeOfLastWorkingDay(
  calendar: BusinessCalendar,
  date: IsoDate,
  notBefore: IsoDate = addDays(date, -MAX_SCAN_DAYS),
): number {
  for (let d = date; d >= notBefore; d = addDays(d, -1)) {
    if (calendar.day(d).working) return closeOfBusinessFrom(calendar, d);
  }
  return closeOfBusinessFrom(calendar, addDays(date, 1));
}

/** The windows of a periodic frequency, aligned to the period start and cut at its end. */
function periodWindows(
  period: DateRange,
  frequency: ObligationFrequency,
): DateRange[] {
  const months = MONTHS[frequency];
  const boundary = (k: number): IsoDate => {
    if (months) return addMonths(period.start, k * months);
    return addDays(period.start, frequency === 'weekly' ? 7 * k : k);
  };
  const windows: DateRange[] = [];
  for (let k = 0; boundary(k) <= period.end; k++) {
    const end = addDays(boundary(k + 1), -1);
    windows.push({
      start: boundary(k),
      end: end < period.end ? end : period.end,
    });
  }
  return windows;
}

/** The statutory holiday a day is part of: official, or provisional in an unpublished year. */
function statutoryHoliday(calendar: BusinessCalendar, date: IsoDate) {
  const { reason } = calendar.day(date);
  const provisional = reason.kind === 'provisional-holiday';
  if (reason.kind !== 'official-holiday' && !provisional) return undefined;
  return { name: reason.name, provisional };
}

/** The holiday breaks starting inside the period, each due before its first day. */
function holidaySlots(calendar: BusinessCalendar, period: DateRange): Slot[] {
  const slots: Slot[] = [];
  let previous = statutoryHoliday(calendar, addDays(period.start, -1));
  for (let d = period.start; d <= period.end; d = addDays(d, 1)) {
    const holiday = statutoryHoliday(calendar, d);
    if (holiday && !previous) {
      let end = d;
      while (statutoryHoliday(calendar, addDays(end, 1))) end = addDays(end, 1);
      const dueAt = closeOfLastWorkingDay(calendar, addDays(d, -1));
      slots.push({
        start: d,
        end,
        dueAt,
        holiday: holiday.name,
        provisional: holiday.provisional,
      });
    }
    previous = holiday;
  }
  return slots;
}

/** The due dates of one obligation over the period, in date order. */
function obligationSlots(
  calendar: BusinessCalendar,
  period: DateRange,
  { frequency, count }: RecurringObligation,
): Slot[] {
  if (frequency === HOLIDAY) return holidaySlots(calendar, period);
  if (frequency === 'per-contract') {
    const dueAt = closeOfLastWorkingDay(calendar, period.end, period.start);
    return Array.from({ length: count ?? 1 }, () => ({ ...period, dueAt }));
  }
  return periodWindows(period, frequency).map(w => ({
    ...w,
    // daily: 24:00 local of the day, as backups run every day, holidays included.
    dueAt:
      frequency === 'daily'
        ? startOfDay(calendar, addDays(w.end, 1))
        : closeOfLastWorkingDay(calendar, w.end, w.start),
  }));
}

/**
 * When a follow-up ("a written report within 3 working days after the inspection") is due,
 * counted from when its parent was done: working days by the Civil Code as the SLA engine
 * counts them (the day of `parentDoneAt` is not counted; due at the close of business of the
 * Nth working day), minutes and hours as working time on the calendar.
 *
 * @public
 */
export function followUpDueAt(
  calendar: BusinessCalendar,
  parentDoneAt: number,
  within: Duration,
): number {
  if (within.unit === 'working-days') {
    return calendar.closeOfBusinessAfterWorkingDays(
      parentDoneAt,
      within.amount,
    );
  }
  const unit = within.unit === 'hours' ? 3_600_000 : 60_000;
  return calendar.addWorkingTime(parentDoneAt, within.amount * unit);
}

/** The period as local dates, or why it is not known. */
function resolvePeriod(
  period: ContractPeriod,
  timeZone: string,
  acceptedAt?: IsoDate,
): DateRange | string {
  const isDate = /^\d{4}-\d\d-\d\d$/.test(acceptedAt ?? '');
  if (acceptedAt && !(isDate && DateTime.fromISO(acceptedAt).isValid)) {
    throw new Error(`acceptedAt must be a date YYYY-MM-DD: ${acceptedAt}`);
  }
  const accepted =
    'from' in period && period.from === 'final-acceptance' && !period.start;
  const bounds = contractPeriodBounds(
    accepted && acceptedAt ? { ...period, start: acceptedAt } : period,
    timeZone,
  );
  if (!bounds) {
    const event = accepted ? 'final acceptance (终验)' : 'signing';
    return `The contract period starts at ${event}, which is not recorded yet: no obligations are planned until it is.`;
  }
  const local = (t: number) => DateTime.fromMillis(t, { zone: timeZone });
  return {
    start: local(bounds.start).toISODate()!,
    end: local(bounds.end).minus({ days: 1 }).toISODate()!,
  };
}

/** Whether a due time lies in a year without published holidays (24:00 belongs to the day it ends). */
const isProvisional = (calendar: BusinessCalendar, dueAt: number) =>
  calendar.provisionalYears(dueAt - 1, dueAt - 1).length > 0;

/**
 * The dated occurrences of a contract's recurring obligations (周期性义务) over its period. Pure.
 *
 * - Calendar: the contract's `5x8` (official Chinese working days and make-up workdays, the
 *   contract's `calendarOverrides` and the operator's from `calendarOptions`), Asia/Shanghai.
 * - Windows start at the period start, not at calendar months: monthly is [start + k months,
 *   start + (k+1) months − 1 day], quarterly 3 months, half-yearly 6, yearly 12; weekly is 7-day
 *   windows from the start, daily each day. The last window is cut at the period end.
 * - Due: daily at 24:00 local of its day (backups run on holidays too); other periodic ones at
 *   the close of business of the last working day in the window, or of the first working day
 *   after it when the window has none.
 * - `per-contract` with `count: N`: N occurrences (sequence 1..N, count N), window the whole
 *   period, due at the close of business of its last working day (once, with a warning, when
 *   `count` is missing).
 * - `before-statutory-holiday`: one per break starting in the period (a run of consecutive
 *   official holidays, or provisional ones in an unpublished year, which knows only 1 Jan,
 *   1–2 May and 1–3 Oct: fewer breaks, `provisional`, and a warning); window the break, due at
 *   the close of business of the last working day before it, `holiday` its name.
 * - `followUp`: one per occurrence, key `<parentKey>/<kind>`, same window, due
 *   {@link followUpDueAt} the parent's due time (a daily parent's 24:00 counts as its own day);
 *   the backend recomputes it from when the parent was actually done.
 * - A duty `per: system` (the default when it lists `systems`) has its own occurrences for
 *   each system it lists, or each covered system: `systemRef` that system, keys
 *   `<obligationId>@<systemRef>#<n>`. A duty of the contract (`per: contract`, the default
 *   otherwise) has one occurrence per due date, without `systemRef`.
 * - Keys `<obligationId>#<n>` in date order, ids as in {@link PlannedOccurrence}; `systems` are
 *   full component refs in the contract's namespace. Sorted by due time, then key; `provisional`
 *   when the due time lies in a year without published holidays.
 * - A period from an event not recorded yet (final acceptance without `start` or
 *   `options.acceptedAt`, signing without `start`): no occurrences, and a warning.
 *
 * @public
 */
export function obligationSchedule(
  contract: MaintenanceContractEntityV1alpha1,
  options: { calendarOptions?: CalendarOptions; acceptedAt?: IsoDate } = {},
): ObligationSchedule {
  const { spec } = contract;
  const cal = contractCalendar(CALENDAR, spec, options.calendarOptions);
  const schedule: ObligationSchedule = {
    contractRef: stringifyEntityRef(contract),
    calendar: CALENDAR,
    calendarVersion: cal.version,
    occurrences: [],
    warnings: [],
  };
  const period = resolvePeriod(spec.period, cal.timeZone, options.acceptedAt);
  if (typeof period === 'string') {
    schedule.warnings.push(period);
    return schedule;
  }
  schedule.periodStart = period.start;
  schedule.periodEnd = period.end;
  const obligations = spec.obligations ?? [];
  const unpublished = cal.provisionalYears(
    startOfDay(cal, period.start),
    startOfDay(cal, period.end),
  );
  if (unpublished.length > 0) {
    const notices = obligations.some(o => o.frequency === HOLIDAY)
      ? ' Only the fixed-date holidays (1 Jan, 1–2 May, 1–3 Oct) are known there, so holiday duty notices before the others (Spring Festival, Qingming, Dragon Boat, Mid-Autumn) are missing.'
      : '';
    schedule.warnings.push(
      `The official holidays of ${unpublished.join(', ')} are not published: ` +
        `due dates there are provisional.${notices} Regenerate once they are.`,
    );
  }
  const seen = new Map<string, number>();
  for (const obligation of obligations) {
    const { kind, frequency, followUp } = obligation;
    const systems = (obligation.systems ?? []).map(ref =>
      fullEntityRef(ref, 'component', contract.metadata.namespace),
    );
    const names = systems.map(ref => parseEntityRef(ref).name).join('+');
    const base = [kind, frequency, names].filter(Boolean).join('.');
    const repeat = (seen.get(base) ?? 0) + 1;
    seen.set(base, repeat);
    const obligationId = repeat > 1 ? `${base}~${repeat}` : base;
    if (frequency === 'per-contract' && obligation.count === undefined) {
      schedule.warnings.push(`${obligationId} has no count: planned once.`);
    }
    const slots = obligationSlots(cal, period, obligation);
    const perSystem =
      (obligation.per ?? (systems.length ? 'system' : 'contract')) === 'system';
    // a duty of each system: one run of occurrences per system, keyed by it
    const ownSystems = systems.length
      ? systems
      : spec.covers.map(ref =>
          fullEntityRef(ref, 'component', contract.metadata.namespace),
        );
    const owners: Array<string | undefined> = perSystem
      ? ownSystems
      : [undefined];
    for (const systemRef of owners) {
      const prefix = systemRef ? `${obligationId}@${systemRef}` : obligationId;
      slots.forEach((slot, index) => {
        const common = {
          obligationId,
          kind,
          frequency,
          ...(obligation.description && {
            description: obligation.description,
          }),
          systems: systemRef ? [systemRef] : systems,
          ...(systemRef && { systemRef }),
          windowStart: slot.start,
          windowEnd: slot.end,
          sequence: index + 1,
          ...(frequency === 'per-contract' && { count: slots.length }),
        };
        const key = `${prefix}#${index + 1}`;
        schedule.occurrences.push({
          key,
          ...common,
          dueAt: slot.dueAt,
          ...(slot.holiday && { holiday: slot.holiday }),
          ...(obligation.scenarios && { scenarios: [...obligation.scenarios] }),
          ...((slot.provisional || isProvisional(cal, slot.dueAt)) && {
            provisional: true,
          }),
        });
        if (!followUp) return;
        const doneAt = frequency === 'daily' ? slot.dueAt - 1 : slot.dueAt;
        const dueAt = followUpDueAt(cal, doneAt, followUp.within);
        schedule.occurrences.push({
          key: `${key}/${followUp.kind}`,
          ...common,
          dueAt,
          parentKey: key,
          followUpKind: followUp.kind,
          followUpWithin: { ...followUp.within },
          ...(isProvisional(cal, dueAt) && { provisional: true }),
        });
      });
    }
  }
  schedule.occurrences.sort(
    (a, b) => a.dueAt - b.dueAt || byCodePoint(a.key, b.key),
  );
  return schedule;
}
