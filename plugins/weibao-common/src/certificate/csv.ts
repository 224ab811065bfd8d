import { checkText } from '../text/text';
import { csvRecords, isBlankRecord } from './csvRecords';
import { readSerials } from './csvSerials';
import {
  CERTIFICATE_BATCH_MAX_COUNT,
  CERTIFICATE_CSV_COLUMNS,
  CERTIFICATE_CSV_MAX_ROWS,
  CERTIFICATE_CSV_OPTIONAL_COLUMNS,
  CERTIFICATE_ITEMS,
  CERTIFICATE_MEDIA,
  type CertificateCsvError,
  type CertificateCsvResult,
  type ParsedCertificateBatch,
} from './types';

type Column =
  | (typeof CERTIFICATE_CSV_COLUMNS)[number]
  | (typeof CERTIFICATE_CSV_OPTIONAL_COLUMNS)[number];

const KNOWN_COLUMNS: ReadonlyArray<Column> = [
  ...CERTIFICATE_CSV_COLUMNS,
  ...CERTIFICATE_CSV_OPTIONAL_COLUMNS,
];

const MAX_DEPARTMENT = 100;
const MAX_NOTE = 500;

/**
 * Reads a certificate register CSV (UTF-8, with or without BOM; CRLF or LF; RFC 4180 quoting).
 *
 * The first non-blank line is the header: the columns
 * `item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note` in any order (names are
 * not case-sensitive), and optionally `usbKeys`: on a row on the `usb-key` medium, how many USB
 * keys the batch is on (0 to count; empty: not stated), empty on other media. Blank lines are
 * skipped. Each following record is a batch; a record with problems is left out and every
 * problem is reported with its line and field. A wrong header or
 * more than {@link CERTIFICATE_CSV_MAX_ROWS} rows give no rows and one error (`header`, `csv`).
 *
 * @public
 */
export function parseCertificateCsv(text: string): CertificateCsvResult {
  const encoding = encodingProblem(text);
  if (encoding) return fileError(encoding.line, 'csv', encoding.reason);
  const records = csvRecords(text).filter(r => !isBlankRecord(r));
  const [header, ...data] = records;
  if (!header) {
    return fileError(1, 'header', `the file is empty; ${expectedHeader()}`);
  }
  const columns = headerColumns(header.fields);
  if (header.error || typeof columns === 'string') {
    return fileError(header.line, 'header', header.error ?? String(columns));
  }
  if (data.length > CERTIFICATE_CSV_MAX_ROWS) {
    return fileError(
      data[CERTIFICATE_CSV_MAX_ROWS].line,
      'csv',
      `more than ${CERTIFICATE_CSV_MAX_ROWS} rows; split the file`,
    );
  }

  const rows: ParsedCertificateBatch[] = [];
  const errors: CertificateCsvError[] = [];
  for (const record of data) {
    const problems: CertificateCsvError[] = [];
    const fail = (field: string, reason: string) =>
      problems.push({ line: record.line, field, reason });
    if (record.error) {
      fail('row', record.error);
    } else if (record.fields.length > columns.length) {
      fail(
        'row',
        `${record.fields.length} fields, but the header has ${columns.length}`,
      );
    } else {
      // every cell as free text (weibao-common's checkText): NFC, no control or bidirectional
      // characters, zero-width ones removed, so that two serials that look alike are alike
      const cells = new Map<Column, string>();
      for (const column of columns) {
        const raw = record.fields[columns.indexOf(column)] ?? '';
        if (raw.trim() === '') {
          cells.set(column, '');
          continue;
        }
        const checked = checkText(raw, {
          kind: column === 'note' ? 'multiline' : 'line',
          max: Number.MAX_SAFE_INTEGER,
        });
        if (checked.ok) cells.set(column, checked.value);
        else fail(column, checked.reason);
      }
      const value = (column: Column) => cells.get(column) ?? '';
      const row = problems.length
        ? undefined
        : readRow(record.line, value, fail);
      if (row && !problems.length) rows.push(row);
    }
    errors.push(...problems);
  }
  return { rows, errors };
}

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A lone surrogate, or U+FFFD (what a lenient decoder put for bytes that were not UTF-8),
 * anywhere in the file: the whole file is refused with the line, since its encoding is wrong.
 */
function encodingProblem(
  text: string,
): { line: number; reason: string } | undefined {
  const match = LONE_SURROGATE.exec(text) ?? /\uFFFD/.exec(text);
  if (!match) return undefined;
  const line = text.slice(0, match.index).split(/\r\n|\r|\n/).length;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase();
  return {
    line,
    reason:
      code === 'FFFD'
        ? 'U+FFFD, the replacement character: the file was not valid UTF-8; save it as UTF-8'
        : `a lone surrogate (U+${code}): the file is not valid Unicode text`,
  };
}

function fileError(
  line: number,
  field: string,
  reason: string,
): CertificateCsvResult {
  return { rows: [], errors: [{ line, field, reason }] };
}

function expectedHeader(): string {
  return `the first line must name the columns ${CERTIFICATE_CSV_COLUMNS.join(
    ',',
  )} (and may add ${CERTIFICATE_CSV_OPTIONAL_COLUMNS.join(',')})`;
}

/** The columns in file order, or what is wrong with the header. */
function headerColumns(fields: string[]): Column[] | string {
  const names = fields.map(f => f.trim());
  const columns: Column[] = [];
  for (const name of names) {
    const column = KNOWN_COLUMNS.find(
      c => c.toLowerCase() === name.toLowerCase(),
    );
    if (!column) {
      return `unknown column "${name}"; ${expectedHeader()}`;
    }
    if (columns.includes(column)) {
      return `the column ${column} appears twice`;
    }
    columns.push(column);
  }
  const missing = CERTIFICATE_CSV_COLUMNS.filter(c => !columns.includes(c));
  if (missing.length) {
    return `missing column${missing.length > 1 ? 's' : ''} ${missing.join(
      ', ',
    )}; ${expectedHeader()}`;
  }
  return columns;
}

function readRow(
  line: number,
  value: (column: Column) => string,
  fail: (field: string, reason: string) => void,
): ParsedCertificateBatch | undefined {
  const item = oneOf(value('item'), CERTIFICATE_ITEMS);
  if (!item) fail('item', unknown('item', value('item'), CERTIFICATE_ITEMS));
  const medium = oneOf(value('medium'), CERTIFICATE_MEDIA);
  if (!medium) {
    fail('medium', unknown('medium', value('medium'), CERTIFICATE_MEDIA));
  }

  const holderDepartment = value('holderDepartment');
  if (!holderDepartment) fail('holderDepartment', 'required');
  else if (holderDepartment.length > MAX_DEPARTMENT) {
    fail('holderDepartment', `longer than ${MAX_DEPARTMENT} characters`);
  }

  const count = readCount(value('count'), fail);
  const usbKeys = readUsbKeys(value('usbKeys'), medium, count, fail);
  const serials = readSerials(value('serials'), count, fail);

  const issuedOn = readDate('issuedOn', value('issuedOn'), fail);
  const expiresOn = readDate('expiresOn', value('expiresOn'), fail);
  if (issuedOn && expiresOn && expiresOn <= issuedOn) {
    fail('expiresOn', `${expiresOn} is not after the issue date ${issuedOn}`);
  }

  const note = value('note');
  if (note.length > MAX_NOTE)
    fail('note', `longer than ${MAX_NOTE} characters`);

  if (
    !item ||
    !medium ||
    !count ||
    usbKeys === false ||
    !serials ||
    !issuedOn ||
    !expiresOn
  ) {
    return undefined;
  }
  return {
    line,
    item,
    medium,
    holderDepartment,
    count,
    // absent when not stated, so that an import without the column keeps its fingerprint
    ...(usbKeys === undefined ? {} : { usbKeys }),
    serials,
    issuedOn,
    expiresOn,
    note: note || null,
  };
}

function oneOf<T extends string>(
  value: string,
  allowed: ReadonlyArray<T>,
): T | undefined {
  return allowed.find(a => a === value.toLowerCase());
}

function unknown(
  field: string,
  value: string,
  allowed: ReadonlyArray<string>,
): string {
  const known = `expected one of ${allowed.join(', ')}`;
  return value ? `unknown ${field} "${value}"; ${known}` : `required; ${known}`;
}

function readCount(
  value: string,
  fail: (field: string, reason: string) => void,
): number | undefined {
  if (!value) {
    fail('count', 'required');
    return undefined;
  }
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    fail('count', `"${value}" is not a positive whole number`);
    return undefined;
  }
  const count = Number(value);
  if (count > CERTIFICATE_BATCH_MAX_COUNT) {
    fail('count', `${value} is more than ${CERTIFICATE_BATCH_MAX_COUNT}`);
    return undefined;
  }
  return count;
}

/**
 * The `usbKeys` cell: how many USB keys a batch on the `usb-key` medium is on, from 0 (keys
 * registered with another batch) to its count (one key per certificate). Undefined when empty,
 * false when wrong.
 */
function readUsbKeys(
  value: string,
  medium: string | undefined,
  count: number | undefined,
  fail: (field: string, reason: string) => void,
): number | undefined | false {
  if (!value) return undefined;
  if (medium && medium !== 'usb-key') {
    fail(
      'usbKeys',
      `only a batch on the usb-key medium is on USB keys; leave it empty for ${medium}`,
    );
    return false;
  }
  if (!/^\d+$/.test(value)) {
    fail('usbKeys', `"${value}" is not a whole number of USB keys`);
    return false;
  }
  const keys = Number(value);
  if (count !== undefined && keys > count) {
    fail(
      'usbKeys',
      `${value} USB keys for ${count} certificates; a key holds at least one`,
    );
    return false;
  }
  return keys;
}

function readDate(
  field: string,
  value: string,
  fail: (field: string, reason: string) => void,
): string | undefined {
  if (!value) {
    fail(field, 'required (YYYY-MM-DD)');
    return undefined;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    fail(field, `"${value}" is not a date in the form YYYY-MM-DD`);
    return undefined;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    fail(field, `${value} is not a day of the calendar`);
    return undefined;
  }
  return value;
}
