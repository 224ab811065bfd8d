/** One CSV record: its fields and the physical line it starts on (from 1). */
export type CsvRecord = {
  line: number;
  fields: string[];
  /** A quoting problem; the record's fields are not to be trusted. */
  error?: string;
};

/**
 * Splits RFC 4180 text into records: fields separated by commas, records by CRLF or LF (a lone
 * CR too), fields in double quotes may hold commas, line breaks and doubled quotes (`""`).
 * A leading byte-order mark is dropped. Line breaks inside quotes come out as LF.
 */
export function csvRecords(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  // the current field was quoted and its closing quote has been read
  let closed = false;
  let error: string | undefined;
  let i = 0;

  const endRecord = () => {
    fields.push(field);
    records.push(
      error
        ? { line: recordLine, fields, error }
        : { line: recordLine, fields },
    );
    fields = [];
    field = '';
    closed = false;
    error = undefined;
  };

  while (i < text.length) {
    const c = text[i];
    const lineBreak = lineBreakLength(text, i);
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        inQuotes = false;
        closed = true;
        i += 1;
      } else if (lineBreak) {
        field += '\n';
        line += 1;
        i += lineBreak;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === ',') {
      fields.push(field);
      field = '';
      closed = false;
      i += 1;
    } else if (lineBreak) {
      endRecord();
      line += 1;
      recordLine = line;
      i += lineBreak;
    } else {
      if (closed && c !== ' ' && c !== '\t') {
        error ??= 'text after the closing quote of a field';
      } else if (c === '"' && field.trim() === '') {
        inQuotes = true;
        field = '';
      } else if (c === '"') {
        error ??=
          'a quote inside an unquoted field; quote the whole field and double the quote';
      }
      if (!closed && !inQuotes && c !== '"') field += c;
      i += 1;
    }
  }
  if (inQuotes) {
    error ??= 'a quoted field is not closed before the end of the file';
  }
  if (inQuotes || fields.length > 0 || field !== '' || closed) endRecord();
  return records;
}

/** 2 for CRLF, 1 for LF or a lone CR, 0 for anything else. */
function lineBreakLength(text: string, i: number): number {
  if (text[i] === '\n') return 1;
  if (text[i] !== '\r') return 0;
  return text[i + 1] === '\n' ? 2 : 1;
}

/** A record with nothing in it: an empty line, or only separators and spaces. */
export function isBlankRecord(record: CsvRecord): boolean {
  return !record.error && record.fields.every(f => f.trim() === '');
}
