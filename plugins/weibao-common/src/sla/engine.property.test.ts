/*
 * Property test: the calendar engine (per-year segments, prefix sums, binary search) and the
 * contract clock against a naive minute-stepping reference of the definition
 * (./reference/minuteStepping.ts), to the millisecond, on random calendars, time zones (one
 * with daylight saving), starts in 2025–2027, targets, spans and pauses.
 *
 * On failure fast-check prints the seed and the shrunk case; the error message gives the
 * calendar definition and the instants in the calendar's zone.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  BusinessCalendar,
  CalendarDefinition,
} from '../calendar/BusinessCalendar';
import { CALENDAR_24X7, CALENDAR_5X8 } from '../calendar/calendars';
import type { Duration, Weekday } from '../contract/types';
import { ClockHistory, evaluateClock } from './clock';
import {
  referenceAddWorkingTime,
  referenceBudget,
  referenceDueTime,
  referenceIsWorkingAt,
  referenceWorkingDaysDeadline,
  referenceWorkingTime,
} from './reference/minuteStepping';

jest.setTimeout(180_000);

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const ZONES = ['Asia/Shanghai', 'UTC', 'Europe/Berlin'];
/** `now` for evaluateClock is this long after everything else of a case. */
const AFTER_EVERYTHING = 30 * 24 * 3_600_000;

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toMillis();
const RANGE_START = utc('2025-01-01T00:00');
const RANGE_END = utc('2028-01-01T00:00');

/** Instants where something happens: daylight saving, year ends, long holidays, make-up days. */
const DST_ANCHORS = [
  '2025-03-30T01:00',
  '2025-10-26T01:00',
  '2026-03-29T01:00',
  '2026-10-25T01:00',
  '2027-03-28T01:00',
  '2027-10-31T01:00',
].map(utc);
const ANCHORS = [
  ...DST_ANCHORS,
  ...['2025', '2026', '2027'].flatMap(y => [
    `${y}-12-31T16:00`, // local midnight of 1 January in Shanghai
    `${y}-12-31T23:00`, // … in Berlin
    `${Number(y) + 1}-01-01T00:00`, // … in UTC
    `${y}-10-01T00:00`, // National Day
    `${y}-05-01T00:00`, // Labour Day
  ]),
  '2025-01-28T00:00', // Spring Festival
  '2026-02-15T00:00',
  '2027-02-06T00:00',
  '2025-01-26T00:00', // make-up workday (Sunday)
  '2025-02-08T00:00', // make-up workday (Saturday)
  '2026-09-20T00:00', // make-up workday (Sunday)
].map(t => (typeof t === 'number' ? t : utc(t)));

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(
    2,
    '0',
  )}`;

type Options = {
  maxSpanDays: number;
  zones: string[];
  anchors: number[];
  /** Weight of uniformly random starts in 2025–2027 against starts near an anchor. */
  uniformStartWeight: number;
  /** Interesting minutes of the day for interval bounds. */
  specialMinutes: number[];
  /** Whole days' hours to pick now and then (e.g. hours in a daylight-saving gap). */
  specialDays: string[][];
  /** Dates that get overrides besides those near the start (e.g. daylight-saving days). */
  specialOverrideDates: string[];
};

/** Valid local intervals of a day: ordered, not overlapping (touching allowed), 0–3 of them. */
const dayHoursArb = (o: Options) => {
  const bound = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: DAY_MINUTES }) },
    { weight: 2, arbitrary: fc.constantFrom(...o.specialMinutes) },
  );
  const random = fc
    .record({
      count: fc.integer({ min: 0, max: 3 }),
      points: fc.uniqueArray(bound, { minLength: 6, maxLength: 6 }),
      touching: fc.boolean(),
      lunchBreak: fc.boolean(),
    })
    .map(({ count, points, touching, lunchBreak }) => {
      const sorted = points.slice(0, 2 * count).sort((a, b) => a - b);
      const intervals: Array<[number, number]> = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) {
        intervals.push([sorted[i], sorted[i + 1]]);
      }
      if (touching && intervals.length >= 2) {
        intervals[1][0] = intervals[0][1]; // e.g. 09:00-12:00 and 12:00-18:00
      }
      if (lunchBreak && intervals.length === 1) {
        const [s, e] = intervals[0];
        if (e - s >= 3) {
          const a = s + Math.floor((e - s) / 3);
          const b = s + Math.floor((2 * (e - s)) / 3);
          intervals.splice(0, 1, [s, a], [b, e]);
        }
      }
      return intervals.map(([s, e]) => `${hhmm(s)}-${hhmm(e)}`);
    });
  return o.specialDays.length
    ? fc.oneof(
        { weight: 4, arbitrary: random },
        { weight: 1, arbitrary: fc.constantFrom(...o.specialDays) },
      )
    : random;
};

const weeklyArb = (o: Options) => {
  const day = dayHoursArb(o);
  return fc
    .oneof(
      // every weekday on its own
      fc
        .tuple(day, day, day, day, day, day, day)
        .map(days => Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]]))),
      // office-like: the same hours Monday to Friday, perhaps some on the weekend
      fc.tuple(day, day, day).map(([week, sat, sun]) => ({
        mon: week,
        tue: week,
        wed: week,
        thu: week,
        fri: week,
        sat,
        sun,
      })),
      fc.constantFrom(CALENDAR_5X8.weekly, CALENDAR_24X7.weekly),
    )
    .filter(weekly =>
      Object.values(weekly).some(hours => (hours ?? []).length > 0),
    );
};

const startArb = (o: Options) => {
  const uniform = fc.integer({
    min: RANGE_START / MINUTE,
    max: RANGE_END / MINUTE - 1,
  });
  const nearAnchor = fc
    .tuple(
      fc.constantFrom(...o.anchors),
      fc.oneof(
        fc.integer({ min: -14400, max: 14400 }), // ±10 days, any minute
        fc.integer({ min: -240, max: 240 }).map(h => h * 60), // whole hours
      ),
    )
    .map(([anchor, minutes]) => anchor / MINUTE + minutes);
  return (
    o.uniformStartWeight > 0
      ? fc.oneof(
          { weight: o.uniformStartWeight, arbitrary: uniform },
          { weight: 3, arbitrary: nearAnchor },
        )
      : nearAnchor
  ).map(m => m * MINUTE);
};

const caseArb = (o: Options) =>
  fc.record({
    zone: fc.constantFrom(...o.zones),
    holidays: fc.constantFrom('cn-official' as const, 'none' as const),
    weekly: weeklyArb(o),
    overrides: fc.array(
      fc.record({
        // days after the local date of the start, or one of the special dates
        day: fc.oneof(
          fc.integer({ min: -1, max: o.maxSpanDays + 7 }),
          ...(o.specialOverrideDates.length
            ? [fc.constantFrom(...o.specialOverrideDates)]
            : []),
        ),
        working: fc.boolean(),
        hours: fc.option(dayHoursArb(o), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    start: startArb(o),
    target: fc.record({
      unit: fc.constantFrom(
        'minutes' as const,
        'hours' as const,
        'working-days' as const,
      ),
      size: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    pauses: fc.array(
      fc.record({
        gap: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 3 },
    ),
    addSize: fc.double({ min: 0, max: 1, noNaN: true }),
    between: fc.oneof(
      { weight: 5, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -0.01) },
    ),
  });

type Case = ReturnType<typeof caseArb> extends fc.Arbitrary<infer T>
  ? T
  : never;

const minutesOf = (t: string) =>
  t === '24:00' ? DAY_MINUTES : Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

/** Working minutes of the weekly hours, and weekdays with hours: to scale targets to the span. */
function weeklyWork(definition: CalendarDefinition) {
  let minutes = 0;
  let days = 0;
  for (const d of WEEKDAYS) {
    const hours = definition.weekly[d] ?? [];
    if (hours.length) days++;
    for (const range of hours) {
      const [s, e] = range.split('-').map(minutesOf);
      minutes += e - s;
    }
  }
  return { minutes, days };
}

function build(c: Case, o: Options) {
  const startDate = DateTime.fromMillis(c.start, { zone: c.zone }).startOf(
    'day',
  );
  const seen = new Set<string>();
  const overrides = c.overrides
    .map((ov, i) => ({
      date:
        typeof ov.day === 'number'
          ? startDate.plus({ days: ov.day }).toISODate()!
          : ov.day,
      working: ov.working,
      reason: `override ${i}`,
      ...(ov.hours !== undefined ? { hours: ov.hours } : {}),
    }))
    .filter(ov => !seen.has(ov.date) && !!seen.add(ov.date));
  const definition: CalendarDefinition = {
    name: 'random',
    timeZone: c.zone,
    weekly: c.weekly,
    holidays: c.holidays,
    overrides,
  };

  // Scale the amounts so that the spans stay within about maxSpanDays.
  const weekly = weeklyWork(definition);
  const weeks = o.maxSpanDays / 7;
  const scale = (size: number, max: number) =>
    1 + Math.floor(size * Math.max(0, Math.floor(max) - 1));
  const amount = {
    minutes: scale(c.target.size, weekly.minutes * weeks * 0.8),
    hours: scale(c.target.size, (weekly.minutes * weeks * 0.8) / 60),
    'working-days': scale(c.target.size, weekly.days * weeks * 0.8),
  }[c.target.unit];
  const target: Duration = { amount, unit: c.target.unit };

  const spanMinutes = o.maxSpanDays * DAY_MINUTES;
  const pauses: Array<{ from: number; to: number; reason: string }> = [];
  let cursor = c.start;
  for (const p of c.pauses) {
    const from = cursor + Math.floor(p.gap * spanMinutes * 0.3) * MINUTE;
    const to = from + (1 + Math.floor(p.length * spanMinutes * 0.1)) * MINUTE;
    pauses.push({ from, to, reason: 'waiting for the hospital' });
    cursor = to;
  }
  const history: ClockHistory = {
    startedAt: c.start,
    targets: [{ at: c.start, target }],
    pauses,
  };
  const addMs = scale(c.addSize, weekly.minutes * weeks * 0.8) * MINUTE;
  const between = c.start + Math.round(c.between * spanMinutes) * MINUTE;
  const workingDays = scale(c.addSize, weekly.days * weeks * 0.8);
  return { definition, target, history, addMs, between, workingDays };
}

function check(c: Case, o: Options) {
  const { definition, target, history, addMs, between, workingDays } = build(
    c,
    o,
  );
  const calendar = new BusinessCalendar(definition);
  const local = (t: number | null) =>
    t === null
      ? 'null'
      : `${DateTime.fromMillis(t, { zone: c.zone }).toISO()} (${t})`;
  const same = (
    what: string,
    kind: 'instant' | 'duration' | 'boolean',
    actual: number | boolean | null,
    expected: number | boolean,
  ) => {
    if (actual === expected) return;
    const show = (v: number | boolean | null) => {
      if (kind === 'instant') return local(v as number | null);
      if (kind === 'duration') return `${v} ms (${(v as number) / MINUTE} min)`;
      return String(v);
    };
    throw new Error(
      [
        `${what}: engine ${show(actual)}, reference ${show(expected)}`,
        `definition: ${JSON.stringify(definition)}`,
        `start: ${local(history.startedAt)}, target: ${JSON.stringify(target)}`,
        `pauses: ${JSON.stringify(
          history.pauses.map(p => [local(p.from), local(p.to!)]),
        )}`,
      ].join('\n'),
    );
  };

  // workingTimeBetween
  same(
    `workingTimeBetween(${local(c.start)}, ${local(between)})`,
    'duration',
    calendar.workingTimeBetween(c.start, between),
    referenceWorkingTime(definition, c.start, between),
  );

  // addWorkingTime
  const added = referenceAddWorkingTime(definition, c.start, addMs);
  same(
    `addWorkingTime(${local(c.start)}, ${addMs})`,
    'instant',
    calendar.addWorkingTime(c.start, addMs),
    added,
  );

  // closeOfBusinessAfterWorkingDays
  const deadline = referenceWorkingDaysDeadline(
    definition,
    c.start,
    workingDays,
  );
  same(
    `closeOfBusinessAfterWorkingDays(${local(c.start)}, ${workingDays})`,
    'instant',
    calendar.closeOfBusinessAfterWorkingDays(c.start, workingDays),
    deadline,
  );

  // the clock's due time (and budget)
  const due = referenceDueTime(definition, history);
  // Far after everything; not further, as the clock counts the elapsed time up to `now`.
  const now =
    Math.max(due, deadline, added, ...history.pauses.map(p => p.to!)) +
    AFTER_EVERYTHING;
  const state = evaluateClock(calendar, history, now);
  same(
    'evaluateClock budgetMs',
    'duration',
    state.budgetMs,
    referenceBudget(definition, c.start, target),
  );
  same('evaluateClock dueAt', 'instant', state.dueAt, due);

  // isWorkingAt around the instants found
  for (const t of [
    c.start,
    between,
    added - MINUTE,
    added,
    deadline - MINUTE,
    deadline,
    due - MINUTE,
    due,
  ]) {
    same(
      `isWorkingAt(${local(t)})`,
      'boolean',
      calendar.isWorkingAt(t),
      referenceIsWorkingAt(definition, t),
    );
  }
}

const SPECIAL_MINUTES = [
  0, 60, 120, 121, 150, 179, 180, 181, 540, 720, 810, 1080, 1439, 1440,
];

/** Hours around 02:00–03:00, the hour that is skipped or repeated in Europe/Berlin. */
const DST_GAP_DAYS = [
  ['02:00-03:00'],
  ['02:30-03:00'],
  ['02:20-03:01'],
  ['02:15-02:45'],
  ['01:00-02:30'],
  ['02:30-03:30'],
  ['00:00-02:30', '02:30-24:00'],
  ['01:00-01:40', '02:20-03:01'],
  ['02:00-03:00', '03:00-04:00'],
];

const DST_DATES = DST_ANCHORS.map(
  t => DateTime.fromMillis(t, { zone: 'UTC' }).toISODate()!,
);

/**
 * Cases this test has found, kept as fixed cases. A Sunday `02:00-03:00` in Europe/Berlin: on
 * 2025-03-30 (spring forward) that hour does not exist, so the day holds no working time and is
 * not a working day; the 1st working day after Saturday 29 March is Sunday 6 April, closing at
 * 03:00+02:00. (It first showed that the engine and the reference read "working day"
 * differently; both now count a day only when it holds working time.)
 */
const KNOWN_DST_CASES: Case[] = [
  {
    zone: 'Europe/Berlin',
    holidays: 'none',
    weekly: { sun: ['02:00-03:00'] },
    overrides: [],
    start: utc('2025-03-29T11:00'), // Saturday 12:00 in Berlin
    target: { unit: 'working-days', size: 0 },
    pauses: [],
    addSize: 0,
    between: 0,
  },
];

/** The first disagreement between the engine and the reference on a case, in detail, or null. */
function disagreement(c: Case, o: Options): string | null {
  try {
    check(c, o);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Random cases of the given shape: the engine and the reference must agree on each. */
function agreeOn(o: Options, numRuns: number) {
  fc.assert(
    fc.property(caseArb(o), c => {
      expect(disagreement(c, o)).toBeNull();
    }),
    { numRuns },
  );
}

describe('the calendar engine and the clock agree with minute stepping', () => {
  it('on short spans (up to 3 weeks)', () => {
    const o: Options = {
      maxSpanDays: 21,
      zones: ZONES,
      anchors: ANCHORS,
      uniformStartWeight: 2,
      specialMinutes: SPECIAL_MINUTES,
      specialDays: [],
      specialOverrideDates: DST_DATES,
    };
    agreeOn(o, 800);
  });

  const dst: Options = {
    maxSpanDays: 10,
    zones: ['Europe/Berlin'],
    anchors: DST_ANCHORS,
    uniformStartWeight: 0,
    specialMinutes: [0, 59, 60, 61, 119, 120, 121, 150, 179, 180, 181, 1440],
    specialDays: DST_GAP_DAYS,
    specialOverrideDates: DST_DATES,
  };

  it('around daylight-saving changes (Europe/Berlin, up to 10 days)', () => {
    agreeOn(dst, 500);
  });

  it('on the cases found so far', () => {
    for (const c of KNOWN_DST_CASES) expect(disagreement(c, dst)).toBeNull();
  });

  it('on spans up to a year', () => {
    const o: Options = {
      maxSpanDays: 365,
      zones: ZONES,
      anchors: ANCHORS,
      uniformStartWeight: 1,
      specialMinutes: SPECIAL_MINUTES,
      specialDays: [],
      specialOverrideDates: DST_DATES,
    };
    agreeOn(o, 40);
  });
});
