import type { CertificateSerials } from './types';

/* The serials column of a certificate CSV: ranges and lists, read and checked. */

const MAX_SERIAL_DIGITS = 15;
/** One serial: no spaces, separators or quotes, at most 64 characters. */
const SERIAL = /^[^\s;,"]{1,64}$/;

/** A serial split into its prefix and its numeric suffix. */
function splitSerial(serial: string): { prefix: string; digits: string } {
  const match = /^(.*?)(\d*)$/.exec(serial)!;
  return { prefix: match[1], digits: match[2] };
}

/**
 * `A0001-A0494`: two serials with the same prefix and a numeric suffix. A serial may itself
 * hold dashes (`CA-0001-CA-0494`): the split whose two ends share a prefix is the range, and a
 * value with no such split (`CA-2026-0007`) is one serial.
 */
function readRange(
  value: string,
): { from: string; to: string } | { problem: string } | undefined {
  let mismatch: string | undefined;
  for (let at = value.indexOf('-'); at > 0; at = value.indexOf('-', at + 1)) {
    const from = value.slice(0, at);
    const to = value.slice(at + 1);
    const a = splitSerial(from);
    const b = splitSerial(to);
    if (a.digits && b.digits && SERIAL.test(from) && SERIAL.test(to)) {
      if (a.prefix === b.prefix) return { from, to };
      // ends of one length with other prefixes: a mistyped range; else one serial with a dash
      if (from.length === to.length)
        mismatch ??= `the two ends of the range ${from}-${to} have different prefixes ("${a.prefix}", "${b.prefix}")`;
    }
  }
  return mismatch ? { problem: mismatch } : undefined;
}

/** The `serials` cell: a range (A0001-A0494) or serials separated by `;`, checked against `count`. */
export function readSerials(
  value: string,
  count: number | undefined,
  fail: (field: string, reason: string) => void,
): CertificateSerials | undefined {
  if (!value) {
    fail(
      'serials',
      'required: a range such as A0001-A0494, or serials separated by ;',
    );
    return undefined;
  }
  const range = value.includes(';') ? undefined : readRange(value);
  if (range && 'problem' in range) {
    fail('serials', range.problem);
    return undefined;
  }
  if (range) {
    const from = splitSerial(range.from).digits;
    const to = splitSerial(range.to).digits;
    if (from.length > MAX_SERIAL_DIGITS || to.length > MAX_SERIAL_DIGITS) {
      fail(
        'serials',
        `the numbers of ${value} have more than ${MAX_SERIAL_DIGITS} digits`,
      );
      return undefined;
    }
    const size = Number(to) - Number(from) + 1;
    if (size < 1) {
      fail('serials', `the range ${value} ends before it starts`);
      return undefined;
    }
    if (count !== undefined && size !== count) {
      fail(
        'serials',
        `the range ${value} holds ${size} serials but count is ${count}`,
      );
      return undefined;
    }
    return range;
  }
  const list = value.split(';').map(s => s.trim());
  if (list[list.length - 1] === '' && list.length > 1) list.pop();
  const bad = list.find(s => !SERIAL.test(s));
  if (bad !== undefined) {
    fail(
      'serials',
      bad
        ? `"${bad}" is not a serial (no spaces or commas, at most 64 characters)`
        : 'an empty serial between two ;',
    );
    return undefined;
  }
  const seen = new Set<string>();
  const twice = list.find(s => seen.size === seen.add(s).size);
  if (twice) {
    fail('serials', `${twice} appears twice`);
    return undefined;
  }
  if (count !== undefined && list.length !== count) {
    fail(
      'serials',
      `${list.length} serial${
        list.length === 1 ? '' : 's'
      } listed but count is ${count}`,
    );
    return undefined;
  }
  return list;
}
