import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import type {
  CertificateCsvError,
  ParsedCertificateBatch,
} from '@weibao/plugin-weibao-common';

/** How many bad rows the message of a refused import names. */
export const ERRORS_NAMED = 5;

/** The largest CSV file an import takes (the spec's maxLength says the same). */
export const CERTIFICATE_CSV_MAX_BYTES = 4 * 1024 * 1024;

/** The CSV text of an import: a text/csv body, or JSON `{ "csv": "…" }`. */
export function csvTextOf(body: unknown): string {
  const text =
    typeof body === 'string' ? body : (body as { csv?: unknown })?.csv;
  if (typeof text !== 'string') {
    throw new InputError(
      'csv: send the file as text/csv, or as JSON { "csv": "…" }',
    );
  }
  return text;
}

/**
 * What an import registers, independent of line endings, column order, blank lines and row
 * order: the SHA-256 of its rows without their line numbers.
 */
export function importFingerprint(rows: ParsedCertificateBatch[]): string {
  const canonical = rows
    .map(({ line: _line, ...row }) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(row).sort(([a], [b]) => a.localeCompare(b)),
        ),
      ),
    )
    .sort();
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Why a whole import was refused: the file-level problem, or the first bad rows. */
export function refusal(errors: CertificateCsvError[]): string {
  const [first] = errors;
  if (!first) return 'csv: the file has a header but no rows';
  if (first.field === 'header' || first.field === 'csv') {
    return `${first.field}: line ${first.line}: ${first.reason}`;
  }
  const named = errors
    .slice(0, ERRORS_NAMED)
    .map(e => `line ${e.line} ${e.field}: ${e.reason}`)
    .join('; ');
  const more =
    errors.length > ERRORS_NAMED
      ? ` (and ${errors.length - ERRORS_NAMED} more problems)`
      : '';
  return `csv: no row can be imported; ${named}${more}`;
}
