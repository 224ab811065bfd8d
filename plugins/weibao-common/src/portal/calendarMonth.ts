import { DateTime } from 'luxon';
import type { CalendarDay } from '../calendar/BusinessCalendar';
import { CALENDAR_YEARS } from '../calendar/limits';
import type { CertificateItem, CertificateMedium } from '../certificate/types';
import type { ObligationFrequency, ObligationKind } from '../contract/types';
import type { UpgradeStatus } from '../upgrade/types';

/*
 * The team calendar (团队日历): a month of the team's duties, drills, upgrade windows, change
 * freezes and certificate expiries on the official Chinese working calendar, as a grid of weeks
 * from Monday to Sunday. Pure: the backend reads the items, this places them on days.
 */

/**
 * What a day is on the team's calendar: a working day, a weekend, an official holiday (节假日) or a
 * make-up workday (调休上班日, a Saturday or Sunday declared a working day).
 *
 * @public
 */
export type CalendarDayKind =
  | 'workday'
  | 'weekend'
  | 'holiday'
  | 'make-up-workday';

/**
 * The states of a duty the calendar shows, worst first: retired occurrences and those before the
 * contract's tracking start are not on it.
 *
 * @public
 */
export const CALENDAR_DUTY_STATES = [
  'overdue',
  'due',
  'upcoming',
  'waived',
  'done',
] as const;

/** @public */
export type CalendarDutyState = (typeof CALENDAR_DUTY_STATES)[number];

/** One dated item of a team as the backend reads it, before it is placed on the grid. @public */
export type CalendarEntry =
  | {
      kind: 'duty';
      occurrenceId: string;
      obligationId: string;
      obligationKind: ObligationKind;
      frequency: ObligationFrequency;
      followUpKind: 'report' | 'survey' | 'notice' | null;
      state: CalendarDutyState;
      /** ISO 8601. */
      dueAt: string;
    }
  | {
      kind: 'drill';
      drillId: string;
      scenario: string;
      systemRef: string;
      systemTitle: string | null;
      passed: boolean;
      /** ISO 8601. */
      performedAt: string;
    }
  | {
      kind: 'upgrade-window';
      planId: string;
      title: string;
      systemRef: string;
      systemTitle: string | null;
      status: UpgradeStatus;
      /** ISO 8601. */
      start: string;
      end: string;
    }
  | {
      kind: 'freeze';
      reason: string;
      /** YYYY-MM-DD, inclusive. */
      from: string;
      to: string;
      /** The hospital it is declared for; null for every hospital. */
      hospitalRef: string | null;
      hospitalTitle: string | null;
    }
  | {
      kind: 'certificate-expiry';
      batchId: string;
      systemRef: string;
      systemTitle: string | null;
      item: CertificateItem;
      medium: CertificateMedium;
      count: number;
      /** YYYY-MM-DD. */
      expiresOn: string;
    };

/**
 * The occurrences of one duty due on one day, as one entry: "Backup · daily ×8" rather than eight
 * rows (a duty's follow-up, e.g. the inspection's written report, is an entry of its own). `state`
 * is the worst of them; `occurrenceId` the first of the worst.
 *
 * @public
 */
export type CalendarDutyGroup = {
  kind: 'duty';
  obligationId: string;
  obligationKind: ObligationKind;
  frequency: ObligationFrequency;
  followUpKind: 'report' | 'survey' | 'notice' | null;
  count: number;
  state: CalendarDutyState;
  states: Partial<Record<CalendarDutyState, number>>;
  occurrenceId: string;
};

/** One entry of a day: a duty group, or a drill, an upgrade window, a freeze, an expiry. @public */
export type CalendarEvent =
  | CalendarDutyGroup
  | Exclude<CalendarEntry, { kind: 'duty' }>;

/** One day of the month's grid. @public */
export type CalendarMonthDay = {
  /** YYYY-MM-DD, local to the calendar's time zone. */
  date: string;
  /** False for the days of the previous and next months that fill the first and last weeks. */
  inMonth: boolean;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  kind: CalendarDayKind;
  /** The holiday's name (元旦, 春节) on a holiday; the holiday it makes up for on a make-up workday. */
  holiday: string | null;
  /** A holiday assumed from the fixed dates: the year's arrangement is not published yet. */
  provisional: boolean;
  events: CalendarEvent[];
};

/**
 * `GET /calendar?month=YYYY-MM`: a month of the team's calendar, weeks from Monday to Sunday
 * (Chinese working days on the 5x8 calendar), each day with its events.
 *
 * @public
 */
export type CalendarMonth = {
  month: string;
  evaluatedAt: string;
  ownerRefs: string[];
  timeZone: string;
  calendarVersion: string;
  /** The month lies in a year whose official holidays are not published: its holidays are assumed. */
  provisional: boolean;
  /** More items than one request reads: the grid shows the first ones only. */
  truncated: boolean;
  weeks: CalendarMonthDay[][];
};

const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * Checks a month written `YYYY-MM` within the years Weibao serves ({@link CALENDAR_YEARS}).
 *
 * @public
 */
export function parseCalendarMonth(
  value: unknown,
): { ok: true; month: string } | { ok: false; reason: string } {
  const match = typeof value === 'string' ? MONTH.exec(value) : null;
  if (!match) {
    return {
      ok: false,
      reason: `must be a month written YYYY-MM, got ${JSON.stringify(
        value ?? null,
      )}`,
    };
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) {
    return { ok: false, reason: `${value} has no month ${match[2]}` };
  }
  if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
    return {
      ok: false,
      reason: `${value} is outside the years Weibao serves (${CALENDAR_YEARS.first} to ${CALENDAR_YEARS.last})`,
    };
  }
  return { ok: true, month: value as string };
}

/** The month `delta` months from a `YYYY-MM` month. @public */
export function shiftCalendarMonth(month: string, delta: number): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' })
    .plus({ months: delta })
    .toFormat('yyyy-MM');
}

/** The month (YYYY-MM) an instant falls in, in a time zone. @public */
export function calendarMonthOf(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toFormat('yyyy-MM');
}

/**
 * The days a month's grid shows (from the Monday on or before the 1st to the Sunday on or after
 * the last day: 4 to 6 weeks), and the instants that bound them in the time zone (`to` exclusive).
 *
 * @public
 */
export function calendarMonthSpan(
  month: string,
  timeZone: string,
): { dates: string[]; from: number; to: number } {
  const first = DateTime.fromISO(`${month}-01`, { zone: timeZone });
  const start = first.minus({ days: first.weekday - 1 });
  const last = first.endOf('month').startOf('day');
  const end = last.plus({ days: 7 - last.weekday });
  const count = Math.round(end.diff(start, 'days').days) + 1;
  const dates = Array.from(
    { length: count },
    (_, i) => start.plus({ days: i }).toISODate()!,
  );
  return {
    dates,
    from: start.toMillis(),
    to: end.plus({ days: 1 }).startOf('day').toMillis(),
  };
}

/** What a calendar day is, for the grid. */
function dayKind(
  day: CalendarDay,
): Pick<CalendarMonthDay, 'kind' | 'holiday' | 'provisional'> {
  const { reason } = day;
  switch (reason.kind) {
    case 'official-holiday':
      return { kind: 'holiday', holiday: reason.name, provisional: false };
    case 'provisional-holiday':
      return { kind: 'holiday', holiday: reason.name, provisional: true };
    case 'make-up-workday':
      return {
        kind: 'make-up-workday',
        holiday: reason.name,
        provisional: false,
      };
    case 'override':
      return day.working
        ? { kind: 'workday', holiday: null, provisional: false }
        : { kind: 'holiday', holiday: reason.reason, provisional: false };
    default:
      return {
        kind: day.working ? 'workday' : 'weekend',
        holiday: null,
        provisional: false,
      };
  }
}

/** The local dates an entry lies on. */
function datesOf(entry: CalendarEntry, timeZone: string): string[] {
  const local = (iso: string) =>
    DateTime.fromISO(iso, { zone: timeZone }).toISODate();
  switch (entry.kind) {
    case 'duty': {
      // a duty due at 24:00 (the daily backup) lies on the day it ends, not on the next
      const day = DateTime.fromMillis(Date.parse(entry.dueAt) - 1, {
        zone: timeZone,
      }).toISODate();
      return day ? [day] : [];
    }
    case 'drill':
      return [local(entry.performedAt)].filter(Boolean) as string[];
    case 'certificate-expiry':
      return [entry.expiresOn];
    case 'upgrade-window': {
      // a window ending at midnight does not lie on the next day
      const end = Date.parse(entry.end) - 1;
      const last = DateTime.fromMillis(Math.max(end, Date.parse(entry.start)), {
        zone: timeZone,
      }).toISODate();
      const first = local(entry.start);
      return first && last ? [`${first}..${last}`] : [];
    }
    default:
      return [`${entry.from}..${entry.to}`];
  }
}

const EVENT_ORDER: CalendarEvent['kind'][] = [
  'freeze',
  'upgrade-window',
  'duty',
  'drill',
  'certificate-expiry',
];

const worse = (a: CalendarDutyState, b: CalendarDutyState) =>
  CALENDAR_DUTY_STATES.indexOf(a) < CALENDAR_DUTY_STATES.indexOf(b);

/** Order within a day: freezes, upgrade windows, duties (worst first), drills, expiries. */
function byKindThenState(a: CalendarEvent, b: CalendarEvent): number {
  const kinds = EVENT_ORDER.indexOf(a.kind) - EVENT_ORDER.indexOf(b.kind);
  if (kinds || a.kind !== 'duty' || b.kind !== 'duty') return kinds;
  return (
    CALENDAR_DUTY_STATES.indexOf(a.state) -
      CALENDAR_DUTY_STATES.indexOf(b.state) ||
    a.obligationId.localeCompare(b.obligationId) ||
    (a.followUpKind ?? '').localeCompare(b.followUpKind ?? '')
  );
}

/**
 * A month's grid: weeks from Monday to Sunday, each day with its kind on the calendar (the 5x8
 * calendar gives weekends, official holidays with their names and make-up workdays) and its
 * events. The occurrences of one duty (`obligationId`, and `followUpKind` for a follow-up) due on one day become one
 * {@link CalendarDutyGroup} with their count and worst state; spans (upgrade windows, freezes) lie
 * on every day they cover. Entries outside the grid are left out.
 *
 * @public
 */
export function buildCalendarMonth(options: {
  month: string;
  calendar: { timeZone: string; day(date: string): CalendarDay };
  entries: ReadonlyArray<CalendarEntry>;
}): CalendarMonthDay[][] {
  const { month, calendar } = options;
  const { dates } = calendarMonthSpan(month, calendar.timeZone);
  const index = new Map(dates.map((d, i) => [d, i]));
  const events: CalendarEvent[][] = dates.map(() => []);
  const duties: Array<Map<string, CalendarDutyGroup>> = dates.map(
    () => new Map(),
  );

  for (const entry of options.entries) {
    for (const placed of datesOf(entry, calendar.timeZone)) {
      const [from, to = from] = placed.split('..');
      const covered =
        from === to
          ? [index.get(from)].filter((i): i is number => i !== undefined)
          : dates.flatMap((d, i) => (d >= from && d <= to ? [i] : []));
      for (const i of covered) {
        if (entry.kind !== 'duty') {
          events[i].push(entry);
          continue;
        }
        // a duty and the report that follows it are two entries
        const key = `${entry.obligationId}/${entry.followUpKind ?? ''}`;
        const group = duties[i].get(key);
        if (!group) {
          duties[i].set(key, {
            kind: 'duty',
            obligationId: entry.obligationId,
            obligationKind: entry.obligationKind,
            frequency: entry.frequency,
            followUpKind: entry.followUpKind,
            count: 1,
            state: entry.state,
            states: { [entry.state]: 1 },
            occurrenceId: entry.occurrenceId,
          });
          continue;
        }
        group.count += 1;
        group.states[entry.state] = (group.states[entry.state] ?? 0) + 1;
        if (worse(entry.state, group.state)) {
          group.state = entry.state;
          group.occurrenceId = entry.occurrenceId;
        }
      }
    }
  }

  const days = dates.map((date, i): CalendarMonthDay => {
    const local = DateTime.fromISO(date, { zone: calendar.timeZone });
    return {
      date,
      inMonth: date.startsWith(month),
      weekday: local.weekday,
      ...dayKind(calendar.day(date)),
      events: [...events[i], ...duties[i].values()].sort(byKindThenState),
    };
  });
  return Array.from({ length: days.length / 7 }, (_, w) =>
    days.slice(w * 7, w * 7 + 7),
  );
}
