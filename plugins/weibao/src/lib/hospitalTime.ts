/**
 * `datetime-local` values in hospital time: the wall clock of a time zone, read and written
 * without a date library (Intl does the zone arithmetic).
 */

/** Year…second of an instant as the wall clock of a time zone shows it. */
function wallClock(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) =>
    Number(parts.find(p => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The zone's offset from UTC at an instant, in minutes. */
function offsetMinutes(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(
    w.year,
    w.month - 1,
    w.day,
    w.hour,
    w.minute,
    w.second,
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number) => `${Math.abs(n)}`.padStart(2, '0');

/**
 * A `datetime-local` value (`2026-11-21T09:30`), read as the hospital's wall clock, as the API
 * takes an instant: `2026-11-21T09:30:00+08:00`. Undefined when the value is not one.
 */
export function hospitalInstant(
  local: string,
  timeZone: string,
): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wall)) return undefined;
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60_000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  return `${local.trim()}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(
    offset % 60,
  )}`;
}

/** An instant as a `datetime-local` value on the hospital's wall clock. */
export function hospitalLocal(instant: string | number, timeZone: string) {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const w = wallClock(ms, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(
    w.minute,
  )}`;
}
