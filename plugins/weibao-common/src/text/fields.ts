import { checkLink, checkText, TextKind } from './text';

/**
 * Which kind of text each field of the API's bodies holds, by the field's own name (the last
 * segment of its path, items of an array taking the array's name). Fields not listed are one
 * line: a new multi-line field that is not listed here is refused on its first line break,
 * loudly, rather than let through.
 *
 * @public
 */
export const MULTILINE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'symptoms',
  'note',
  'text',
  'method',
  'result',
  'reason',
  'findings',
  'triggerCriteria',
  'steps',
  'functionalTest',
  'dataCheck',
  'description',
]);

/** Fields that hold a link, checked by {@link checkLink}. @public */
export const LINK_FIELDS: ReadonlySet<string> = new Set(['link', 'url']);

/**
 * Fields holding a whole document that its own parser checks piece by piece (a certificate CSV:
 * its cells are checked with their line numbers), left as they are here.
 *
 * @public
 */
export const DOCUMENT_FIELDS: ReadonlySet<string> = new Set(['csv']);

/** What a field holds: a link, one line of text or several. @public */
export function textKindOf(field: string): TextKind | 'link' {
  if (LINK_FIELDS.has(field)) return 'link';
  return MULTILINE_TEXT_FIELDS.has(field) ? 'multiline' : 'line';
}

/** A field whose text was refused, with the reason. @public */
export type TextProblem = { field: string; reason: string };

/**
 * Checks and cleans every string of a JSON value (a request body), each by the kind of its field;
 * numbers, booleans and null pass as they are. The paths name fields as the API's messages do:
 * `reporter.name`, `impact.modules[0]`, `links[1].url`.
 *
 * @public
 */
export function cleanTextFields(
  value: unknown,
  path = '',
  field = '',
): { value: unknown; problems: TextProblem[] } {
  const problems: TextProblem[] = [];
  const walk = (v: unknown, at: string, name: string): unknown => {
    if (typeof v === 'string') {
      if (DOCUMENT_FIELDS.has(name)) return v;
      const kind = textKindOf(name);
      const checked = kind === 'link' ? checkLink(v) : checkText(v, { kind });
      if (checked.ok) return checked.value;
      problems.push({ field: at || 'body', reason: checked.reason });
      return v;
    }
    if (Array.isArray(v))
      return v.map((item, i) => walk(item, `${at}[${i}]`, name));
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([key, item]) => [
          key,
          walk(item, at ? `${at}.${key}` : key, key),
        ]),
      );
    }
    return v;
  };
  const cleaned = walk(value, path, field);
  return { value: cleaned, problems };
}
