import { InputError } from '@backstage/errors';
import {
  cleanTextFields,
  EVIDENCE_FILE_MAX_BYTES,
  EVIDENCE_FILE_TYPES,
} from '@weibao/plugin-weibao-common';
import express from 'express';
import { CERTIFICATE_CSV_MAX_BYTES } from '../services/certificates/certificateImport';
import { EvidenceFileTooLargeError } from '../services/evidence/EvidenceFileService';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * body-parser decodes invalid UTF-8 into U+FFFD without a word: this `verify` hook refuses the
 * body instead (400, naming the byte), before anything parses it.
 */
export function verifyUtf8(
  _req: unknown,
  _res: unknown,
  buffer: Buffer,
  encoding: string,
): void {
  if (!/^utf-?8$/i.test(encoding)) return;
  try {
    strictUtf8.decode(buffer);
  } catch {
    throw Object.assign(
      new InputError(
        `body: not valid UTF-8 (at byte ${firstInvalidByte(buffer)})`,
      ),
      // body-parser answers a failed verify with 403 unless the error carries its status
      { status: 400, expose: true },
    );
  }
}

/** A CSV body's `verify` hook: invalid UTF-8 refused with the line it is on (400). */
export function verifyCsvUtf8(
  _req: unknown,
  _res: unknown,
  buffer: Buffer,
  encoding: string,
): void {
  if (!/^utf-?8$/i.test(encoding)) {
    throw Object.assign(
      new InputError(`csv: send the file as UTF-8, not ${encoding}`),
      { status: 400, expose: true },
    );
  }
  try {
    strictUtf8.decode(buffer);
  } catch {
    const at = firstInvalidByte(buffer);
    let line = 1;
    for (let i = 0; i < at; i++) if (buffer[i] === 0x0a) line += 1;
    throw Object.assign(
      new InputError(
        `csv: line ${line}: not valid UTF-8 (byte 0x${buffer[at]
          .toString(16)
          .padStart(2, '0')} at offset ${at}); save the file as UTF-8`,
      ),
      { status: 400, expose: true },
    );
  }
}

/** The offset of the first byte that does not decode (a linear scan, only on failure). */
export function firstInvalidByte(buffer: Buffer): number {
  let lo = 0;
  let hi = buffer.length;
  // the longest prefix that decodes, found by bisection on prefixes
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(
        buffer.subarray(0, mid),
        {
          stream: true,
        },
      );
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/** The JSON body parser of the plugin's routers: strict UTF-8, express's default limit. */
const strictJson = (options: { limit?: number | string } = {}) =>
  express.json({ ...options, verify: verifyUtf8 });

/** How large a body the routes that take a CSV file accept (JSON or CSV): twice the file. */
const FILE_BODY_LIMIT = CERTIFICATE_CSV_MAX_BYTES * 2;

type Operation = { requestBody?: { content?: Record<string, unknown> } };

/** The paths of the spec with an operation whose body may be of the content type. */
function pathsTaking(spec: { paths: object }, contentType: string): RegExp[] {
  return Object.entries(spec.paths)
    .filter(([, operations]) =>
      Object.values(operations as Record<string, Operation>).some(
        o => o?.requestBody?.content?.[contentType] !== undefined,
      ),
    )
    .map(([path]) => new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`));
}

/**
 * The raw body parser of the operations whose spec takes an evidence file (PDF, PNG, JPEG): the
 * bytes as a Buffer, up to the 20 MB an evidence file may have (413 naming the limit beyond).
 */
function evidenceFileBody(): express.RequestHandler {
  const raw = express.raw({
    type: [...EVIDENCE_FILE_TYPES],
    limit: EVIDENCE_FILE_MAX_BYTES,
  });
  return (req, res, next) =>
    raw(req, res, (error?: any) => {
      if (error?.type === 'entity.too.large') {
        next(new EvidenceFileTooLargeError(error.length));
        return;
      }
      next(error);
    });
}

/**
 * The body parsers of the validated router, strict UTF-8 both: JSON with express's default
 * limit, except on the operations whose spec takes a CSV file (`text/csv`), which accept JSON
 * or CSV up to twice the file limit; a CSV byte that is not UTF-8 is refused with its line; and
 * the operations whose spec takes an evidence file (`application/pdf`, `image/png`,
 * `image/jpeg`), which take its bytes up to 20 MB.
 */
export function requestBodies(spec: { paths: object }): express.RequestHandler {
  const takesFile = pathsTaking(spec, 'text/csv');
  const takesEvidence = pathsTaking(spec, EVIDENCE_FILE_TYPES[0]);
  const evidence = evidenceFileBody();
  const json = strictJson();
  const fileJson = strictJson({ limit: FILE_BODY_LIMIT });
  const csv = express.text({
    type: ['text/csv'],
    limit: FILE_BODY_LIMIT,
    verify: verifyCsvUtf8,
  });
  return (req, res, next) => {
    if (takesEvidence.some(path => path.test(req.path))) {
      evidence(req, res, next);
      return;
    }
    if (!takesFile.some(path => path.test(req.path))) {
      json(req, res, next);
      return;
    }
    fileJson(req, res, error => (error ? next(error) : csv(req, res, next)));
  };
}

/**
 * After the OpenAPI validation: every string of a JSON body checked and cleaned by the kind of
 * its field (weibao-common's `cleanTextFields`: NFC, no control, bidirectional or lone
 * surrogate characters, zero-width ones removed, links http(s) or mailto only). A refusal names
 * the first field at fault and the reason.
 */
export function cleanTextBodies(): express.RequestHandler {
  return (req, _res, next) => {
    if (
      req.body &&
      typeof req.body === 'object' &&
      !Buffer.isBuffer(req.body)
    ) {
      const { value, problems } = cleanTextFields(req.body);
      if (problems.length) {
        const [first] = problems;
        const more =
          problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        next(new InputError(`${first.field}: ${first.reason}${more}`));
        return;
      }
      req.body = value;
    }
    next();
  };
}

/**
 * The OpenAPI validator words an unknown field as "request/body must NOT have additional
 * properties", without naming it; its error carries the path (`/body/foo`). This replaces the
 * validated router's error transformer (Backstage's, which keeps only the message) with one that
 * names unknown fields: `request/body/foo: unknown field, not part of this request`. Other
 * messages are kept as they are (they name the field already).
 */
export function nameUnknownFields(router: express.Router): void {
  const layer = (
    router as unknown as {
      stack: Array<{ handle: (...args: any[]) => void }>;
    }
  ).stack.find(l => l.handle.length === 4);
  if (!layer) return;
  layer.handle = (error: any, _req: unknown, _res: unknown, next: any) => {
    if (error instanceof EvidenceFileTooLargeError) {
      // a 413 naming the limit, not a 400
      next(error);
      return;
    }
    const unknown = (
      (error?.errors ?? []) as Array<{
        path?: string;
        errorCode?: string;
      }>
    )
      .filter(e => e.errorCode === 'additionalProperties.openapi.validation')
      .map(e => `request${e.path}`);
    let message = String(error?.message ?? error);
    if (unknown.length) {
      message = `${unknown.join(', ')}: unknown field${
        unknown.length > 1 ? 's' : ''
      }, not part of this request`;
    } else if (error?.type === 'entity.parse.failed') {
      message = `body: not valid JSON (${message})`;
    } else if (error?.type === 'entity.too.large') {
      message = `body: ${error.length} bytes, more than the ${error.limit} accepted`;
    }
    next(new InputError(message));
  };
}
