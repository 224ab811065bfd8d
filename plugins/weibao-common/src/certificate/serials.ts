import type { CertificateSerials } from './types';

/**
 * Serials that appear twice: within one import file, or between a file and the register.
 *
 * A serial is its prefix and its number (`A0007` is prefix `A`, number 7), so ranges and lists
 * compare by number whatever the zero-padding; a serial without digits compares as it is
 * written. Ranges are never expanded: the check sorts intervals, so a file of 2,000 ranges of
 * 10,000 serials each costs no more than 2,000 intervals.
 */

/** A batch's serials, with where they come from (a line of the file, a batch of the register). @public */
export type SerialSource = { serials: CertificateSerials; source: string };

/** Two sources sharing serials, e.g. `A0400-A0494`. @public */
export type SerialClash = { a: string; b: string; serials: string };

type Interval = {
  prefix: string;
  lo: number;
  hi: number;
  width: number;
  source: string;
};

function split(serial: string): { prefix: string; digits: string } {
  const match = /^(.*?)(\d*)$/.exec(serial)!;
  return { prefix: match[1], digits: match[2] };
}

function intervals(s: SerialSource): Interval[] {
  const list = Array.isArray(s.serials)
    ? s.serials.map(v => ({ from: v, to: v }))
    : [s.serials];
  return list.map(({ from, to }) => {
    const a = split(from);
    const b = split(to);
    if (!a.digits) {
      // no number: the serial as written, alone in its own "prefix"
      return {
        prefix: `\u0000${from}`,
        lo: 0,
        hi: 0,
        width: 0,
        source: s.source,
      };
    }
    return {
      prefix: a.prefix,
      lo: Number(a.digits),
      hi: Number(b.digits),
      width: a.digits.length,
      source: s.source,
    };
  });
}

function show(i: Interval, lo: number, hi: number): string {
  if (i.prefix.startsWith('\u0000')) return i.prefix.slice(1);
  const one = (n: number) => `${i.prefix}${String(n).padStart(i.width, '0')}`;
  return lo === hi ? one(lo) : `${one(lo)}-${one(hi)}`;
}

/**
 * The clashes among sources (each pair of overlapping intervals once, in the order found), at
 * most `limit`. With `against`, only clashes between a source of `sources` and one of `against`
 * count (a file against the register); without, any two of `sources` (within a file).
 *
 * @public
 */
export function serialClashes(
  sources: SerialSource[],
  options: { against?: SerialSource[]; limit?: number } = {},
): SerialClash[] {
  const limit = options.limit ?? 20;
  const mine = new Set(sources.map(s => s.source));
  const all = [...sources, ...(options.against ?? [])].flatMap(intervals);
  const byPrefix = new Map<string, Interval[]>();
  for (const i of all) {
    const list = byPrefix.get(i.prefix) ?? [];
    list.push(i);
    byPrefix.set(i.prefix, list);
  }
  const clashes: SerialClash[] = [];
  const seen = new Set<string>();
  for (const list of byPrefix.values()) {
    list.sort((x, y) => x.lo - y.lo || x.hi - y.hi);
    // the intervals still open at the current one, as a sweep over sorted starts
    let open: Interval[] = [];
    for (const current of list) {
      open = open.filter(o => o.hi >= current.lo);
      for (const o of open) {
        const counts = options.against
          ? mine.has(o.source) !== mine.has(current.source)
          : o.source !== current.source;
        if (!counts) continue;
        const [a, b] = mine.has(o.source)
          ? [o.source, current.source]
          : [current.source, o.source];
        const key = `${a}\u0000${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        clashes.push({
          a,
          b,
          serials: show(current, current.lo, Math.min(o.hi, current.hi)),
        });
        if (clashes.length >= limit) return clashes;
      }
      open.push(current);
    }
  }
  return clashes;
}
