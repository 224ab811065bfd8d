/**
 * Free text and links from users, checked and cleaned in one place (backend routes, CSV imports,
 * and the frontend before it renders a link).
 *
 * Two kinds of text:
 * - `line`: titles, names, contacts, references. One line: line breaks and tabs inside are
 *   refused (those at either end are trimmed, as pasting leaves them).
 * - `multiline`: descriptions, notes, reasons. Line breaks and tabs are kept (CRLF, CR, U+2028 and
 *   U+2029 become LF).
 *
 * Both kinds, in this order: lone surrogates and U+FFFD (what a decoder puts for invalid UTF-8)
 * are refused; the text is put in Unicode NFC; bidirectional overrides and isolates (U+202A–E,
 * U+2066–9, which reorder what is displayed: "Trojan Source") are refused; other control
 * characters (C0, DEL, C1) are refused; zero-width characters (U+200B–D, U+2060–4, U+FEFF,
 * U+180E, soft hyphen U+00AD) and direction marks (U+200E, U+200F, U+061C) are removed: they are
 * invisible, so removing them changes nothing a reader sees; then white space at either end is
 * trimmed and the text is refused when nothing is left or when it is longer than its maximum
 * (counted in code points, after normalisation).
 */

/** @public */
export type TextKind = 'line' | 'multiline';

/** @public */
export type TextCheck =
  | { ok: true; value: string }
  | { ok: false; reason: string };

/** @public */
export const TEXT_MAX_DEFAULT: Record<TextKind, number> = {
  line: 500,
  multiline: 8000,
};

/** The longest link accepted. @public */
export const LINK_MAX_LENGTH = 2000;

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE =
  /[\u200B-\u200D\u2060-\u2064\uFEFF\u180E\u00AD\u200E\u200F\u061C]/g;
// C0 but TAB and LF, DEL, C1; CR and the Unicode separators are turned into LF first
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

const codePoint = (c: string) =>
  `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Checks and cleans one piece of free text; the reason, when refused, reads after the field's
 * name (`title: …`).
 *
 * @public
 */
export function checkText(
  input: string,
  options: { kind: TextKind; max?: number },
): TextCheck {
  const max = options.max ?? TEXT_MAX_DEFAULT[options.kind];
  const surrogate = LONE_SURROGATE.exec(input);
  if (surrogate) {
    return {
      ok: false,
      reason: `contains a lone surrogate (${codePoint(
        surrogate[0],
      )}), which is not Unicode text`,
    };
  }
  if (input.includes('\uFFFD')) {
    return {
      ok: false,
      reason:
        'contains U+FFFD, the replacement character: the text was not valid UTF-8 where it came from',
    };
  }
  let value = input.normalize('NFC');
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) {
    return {
      ok: false,
      reason: `contains the bidirectional control ${codePoint(
        bidi[0],
      )}, which reorders how the text is displayed`,
    };
  }
  value = value.replace(INVISIBLE, '');
  if (options.kind === 'multiline') {
    value = value.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  }
  value = value.trim();
  const control = (
    options.kind === 'multiline' ? CONTROL_MULTILINE : CONTROL_LINE
  ).exec(value);
  if (control) {
    const what =
      options.kind === 'line' && /[\t\n\r\u2028\u2029]/.test(control[0])
        ? `a line break or tab (${codePoint(control[0])}); it is one line`
        : `the control character ${codePoint(control[0])}`;
    return { ok: false, reason: `contains ${what}` };
  }
  if (value === '') {
    return {
      ok: false,
      reason: input
        ? 'nothing visible is left once invisible characters and white space are removed'
        : 'must not be empty',
    };
  }
  const length = [...value].length;
  if (length > max) {
    return {
      ok: false,
      reason: `${length} characters, longer than the ${max} allowed`,
    };
  }
  return { ok: true, value };
}

const LINK_SCHEMES = ['http:', 'https:', 'mailto:'];

/**
 * Checks a link a user gives as evidence: an absolute http, https or mailto URL (no
 * `javascript:`, `data:`, `vbscript:`, no relative or malformed ones), without white space or
 * control characters, at most {@link LINK_MAX_LENGTH} characters. The value is kept as given,
 * trimmed.
 *
 * @public
 */
export function checkLink(input: string): TextCheck {
  const value = input.trim();
  if (value === '') return { ok: false, reason: 'must not be empty' };
  if (value.length > LINK_MAX_LENGTH) {
    return {
      ok: false,
      reason: `longer than the ${LINK_MAX_LENGTH} characters allowed`,
    };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001F\u007F-\u009F]/.test(value)) {
    return {
      ok: false,
      reason: 'contains white space or control characters; encode them (%20)',
    };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      ok: false,
      reason: `"${value.slice(
        0,
        100,
      )}" is not an absolute URL; give the whole address, starting with https://`,
    };
  }
  if (!LINK_SCHEMES.includes(url.protocol)) {
    return {
      ok: false,
      reason: `the scheme "${url.protocol}" is not allowed: only http, https and mailto links`,
    };
  }
  if (url.protocol !== 'mailto:' && !url.hostname) {
    return { ok: false, reason: 'names no host' };
  }
  return { ok: true, value };
}

/**
 * Whether a stored link may be rendered as an `href` (defence in depth for rows written before
 * links were checked).
 *
 * @public
 */
export function isSafeLink(value: unknown): value is string {
  return typeof value === 'string' && checkLink(value).ok;
}
