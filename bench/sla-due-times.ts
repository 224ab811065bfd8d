/*
 * Due times of contract clocks per second, on one core, on the built-in 5x8 calendar (Chinese
 * official days), warm (the per-year segments built), and the speed-up of the engine over the
 * minute-stepping reference on one-year spans. Run: `yarn bench` (see bench/README.md).
 */
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { BusinessCalendar } from '../plugins/weibao-common/src/calendar/BusinessCalendar';
import { CALENDAR_5X8 } from '../plugins/weibao-common/src/calendar/calendars';
import type { Duration } from '../plugins/weibao-common/src/contract/types';
import {
  ClockHistory,
  evaluateClock,
  targetBudget,
} from '../plugins/weibao-common/src/sla/clock';
import { referenceDueTime } from '../plugins/weibao-common/src/sla/reference/minuteStepping';

const MINUTE = 60_000;
const ZONE = 'Asia/Shanghai';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

/** A small seeded generator (mulberry32), so every run times the same cases. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const calendar = new BusinessCalendar(CALENDAR_5X8);
const FROM = at('2025-01-01T00:00');
const TO = at('2026-12-31T00:00');
// Warm: build the years the cases reach (starts in 2025–2026, spans up to a year).
calendar.workingTimeBetween(FROM, at('2028-01-01T00:00'));

type Case = { startedAt: number; target: Duration };

function cases(
  count: number,
  seed: number,
  unit: Duration['unit'],
  maxAmount: number,
  minAmount = 1,
): Case[] {
  const next = random(seed);
  return Array.from({ length: count }, () => ({
    startedAt: Math.floor((FROM + next() * (TO - FROM)) / MINUTE) * MINUTE,
    target: {
      unit,
      amount: minAmount + Math.floor(next() * (maxAmount - minAmount + 1)),
    },
  }));
}

/** The due time of a clock without pauses: the budget, then the instant it is counted. */
const dueTime = ({ startedAt, target }: Case) =>
  calendar.addWorkingTime(startedAt, targetBudget(calendar, startedAt, target));

const history = ({ startedAt, target }: Case): ClockHistory => ({
  startedAt,
  targets: [{ at: startedAt, target }],
  pauses: [],
});

/** Calls per second of fn over the cases, for at least `ms` of wall time. */
function rate<T>(items: T[], fn: (item: T) => unknown, ms = 1000): number {
  let sink = 0;
  for (const item of items) sink += Number(fn(item)); // warm-up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const item of items) sink += Number(fn(item));
    calls += items.length;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  if (Number.isNaN(sink)) throw new Error('unexpected result');
  return (calls / elapsed) * 1000;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// 5x8 (09:00-18:00) has about 2,200 working hours and 245-250 working days a year.
const hourCases = cases(2000, 1, 'hours', 2200);
const dayCases = cases(2000, 2, 'working-days', 245);

console.log(`node ${process.version}, calendar ${calendar.version}`);
console.log('due-time computations per second, one core, warm, 5x8:');
console.log(
  `  (a) hour targets, 1-2200 h (spans up to a year): ${fmt(
    rate(hourCases, dueTime),
  )}/s due times, ${fmt(
    rate(
      hourCases,
      c => evaluateClock(calendar, history(c), c.startedAt).dueAt,
    ),
  )}/s full clock states`,
);
console.log(
  `  (b) working-day targets, 1-245 days (spans up to a year): ${fmt(
    rate(dayCases, dueTime),
  )}/s due times, ${fmt(
    rate(dayCases, c => evaluateClock(calendar, history(c), c.startedAt).dueAt),
  )}/s full clock states`,
);

// One-year spans: the engine against the minute-stepping reference, on a handful of cases.
const REFERENCE_RUNS = 4;
const yearCases = [
  ...cases(REFERENCE_RUNS, 3, 'hours', 2200, 2150),
  ...cases(REFERENCE_RUNS, 4, 'working-days', 245, 240),
];
// Warm the reference's day cache too, so both sides are timed warm.
referenceDueTime(CALENDAR_5X8, history(yearCases[0]));
console.log('one-year spans, engine vs minute-stepping reference:');
for (const unit of ['hours', 'working-days'] as const) {
  const some = yearCases.filter(c => c.target.unit === unit);
  const start = performance.now();
  const expected = some.map(c => referenceDueTime(CALENDAR_5X8, history(c)));
  const referenceMs = (performance.now() - start) / some.length;
  some.forEach((c, i) => {
    if (dueTime(c) !== expected[i]) {
      throw new Error(
        `engine and reference disagree on ${JSON.stringify(c)}: ${dueTime(
          c,
        )} != ${expected[i]}`,
      );
    }
  });
  const engineMs = 1000 / rate(some, dueTime);
  const span = Math.max(...some.map((c, i) => expected[i] - c.startedAt));
  console.log(
    `  ${unit} (${REFERENCE_RUNS} cases, spans up to ${Math.round(
      span / 86_400_000,
    )} days): reference ${referenceMs.toFixed(1)} ms, engine ${(
      engineMs * 1000
    ).toFixed(2)} us per due time, speed-up ${fmt(referenceMs / engineMs)}x`,
  );
}
