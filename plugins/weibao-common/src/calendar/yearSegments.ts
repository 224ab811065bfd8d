import { DateTime } from 'luxon';

/** One year of a calendar as sorted working segments with prefix sums (built once, searched by bisection). */
export type YearData = {
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

export function fnv1a(text: string): string {
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
export function bound(
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
export const upperBound = (arr: Float64Array, x: number) =>
  bound(arr, x, false);

/**
 * A local `HH:MM-HH:MM` range of the day starting at `local` as instants; `24:00` is the next
 * day's start. A time in a daylight-saving gap moves forward (luxon), so a range inside the gap
 * resolves to nothing.
 */
export function resolveRange(
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
 * Builds the working segments of a local year: each day's hours (`hoursOf`, `HH:MM-HH:MM`) resolved
 * to instants in the time zone, overlapping ranges merged, and the working days with their close
 * of business.
 */
export function buildYear(
  year: number,
  timeZone: string,
  hoursOf: (date: string) => string[],
): YearData {
  const dayStarts: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const workDay: number[] = [];
  const workDayClose: number[] = [];
  let local = DateTime.fromObject(
    { year, month: 1, day: 1 },
    { zone: timeZone },
  );
  for (let index = 0; local.year === year; index++) {
    const today = local;
    const next = today.plus({ days: 1 });
    dayStarts.push(today.toMillis());
    const intervals = hoursOf(today.toISODate()!)
      .map(range => resolveRange(today, next, range))
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
