/*
 * Files that prove a duty was done (the inspection report, the scanner's PDF, a photo of the
 * signed form), and the runs machines report: the rules, without I/O.
 */

/** The largest evidence file Weibao stores: 20 MB. @public */
export const EVIDENCE_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** The kinds of evidence file Weibao stores, by content type. @public */
export const EVIDENCE_FILE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
] as const;

/** One of the content types of {@link EVIDENCE_FILE_TYPES}. @public */
export type EvidenceFileType = (typeof EVIDENCE_FILE_TYPES)[number];

/** An evidence file as a completion lists it. @public */
export type EvidenceFileSummary = {
  id: string;
  name: string;
  contentType: EvidenceFileType;
  size: number;
};

/** An evidence file as its upload answers. @public */
export type EvidenceFile = EvidenceFileSummary & {
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
};

/** The first bytes each type begins with. */
const SIGNATURES: Record<EvidenceFileType, number[]> = {
  // %PDF-
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** The type a file's first bytes say it is, if it is one Weibao stores. @public */
export function sniffEvidenceFileType(
  bytes: Uint8Array,
): EvidenceFileType | undefined {
  return EVIDENCE_FILE_TYPES.find(type =>
    SIGNATURES[type].every((b, i) => bytes[i] === b),
  );
}

/**
 * Why an evidence file cannot be stored as declared, or undefined: an unknown type, an empty or
 * too large file, or bytes that are not what the declared type says.
 *
 * @public
 */
export function evidenceFileProblem(
  declared: string,
  bytes: Uint8Array,
): string | undefined {
  const type = declared.split(';')[0].trim().toLowerCase();
  if (!(EVIDENCE_FILE_TYPES as readonly string[]).includes(type)) {
    return `"${declared}" is not a type Weibao stores (${EVIDENCE_FILE_TYPES.join(
      ', ',
    )})`;
  }
  if (bytes.length === 0) return 'the file is empty';
  if (bytes.length > EVIDENCE_FILE_MAX_BYTES) {
    return `${bytes.length} bytes, more than the ${EVIDENCE_FILE_MAX_BYTES} (20 MB) accepted`;
  }
  const sniffed = sniffEvidenceFileType(bytes);
  if (sniffed !== type) {
    return `declared ${type}, but the file ${
      sniffed ? `is ${sniffed}` : 'is none of the types Weibao stores'
    } by its first bytes`;
  }
  return undefined;
}

/** Control, quote, backslash, zero-width and bidirectional characters: left out of file names. */
function unsafeInFileName(char: string): boolean {
  const c = char.codePointAt(0)!;
  return (
    c < 0x20 ||
    c === 0x7f ||
    char === '"' ||
    char === '\\' ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

/**
 * A file name as stored and offered for download: its last path segment, without control
 * characters, quotes or backslashes, at most 200 characters; undefined when nothing is left.
 *
 * @public
 */
export function cleanEvidenceFileName(name: string): string | undefined {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...last.normalize('NFC')]
    .filter(char => !unsafeInFileName(char))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : undefined;
}
