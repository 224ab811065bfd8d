import {
  cleanEvidenceFileName,
  EVIDENCE_FILE_MAX_BYTES,
  evidenceFileProblem,
  sniffEvidenceFileType,
} from './evidenceFiles';

const pdf = Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

describe('evidence files', () => {
  it('tells the stored types by their first bytes', () => {
    expect(sniffEvidenceFileType(pdf)).toBe('application/pdf');
    expect(sniffEvidenceFileType(png)).toBe('image/png');
    expect(sniffEvidenceFileType(jpeg)).toBe('image/jpeg');
    expect(sniffEvidenceFileType(Buffer.from('%PDF'))).toBeUndefined();
    expect(sniffEvidenceFileType(Buffer.from('GIF89a'))).toBeUndefined();
  });

  it('accepts a file that is what it says, with parameters on its type', () => {
    expect(evidenceFileProblem('application/pdf', pdf)).toBeUndefined();
    expect(evidenceFileProblem('IMAGE/PNG; q=1', png)).toBeUndefined();
    expect(evidenceFileProblem('image/jpeg', jpeg)).toBeUndefined();
  });

  it.each([
    ['image/png', pdf, /declared image\/png, but the file is application\/pdf/],
    ['application/pdf', Buffer.from('hello'), /none of the types/],
    ['image/gif', Buffer.from('GIF89a'), /not a type Weibao stores/],
    ['application/pdf', Buffer.alloc(0), /empty/],
    [
      'application/pdf',
      Buffer.concat([pdf, Buffer.alloc(EVIDENCE_FILE_MAX_BYTES)]),
      /more than the 20971520 \(20 MB\)/,
    ],
  ])('refuses %s with bytes it is not', (type, bytes, message) => {
    expect(evidenceFileProblem(type, bytes)).toMatch(message);
  });

  it('keeps the last segment of a file name, without what could break a header', () => {
    expect(cleanEvidenceFileName('C:\\scans\\备份报告.pdf')).toBe(
      '备份报告.pdf',
    );
    expect(cleanEvidenceFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanEvidenceFileName('a"b\r\nc\u202e.pdf')).toBe('abc.pdf');
    expect(cleanEvidenceFileName('..')).toBeUndefined();
    expect(cleanEvidenceFileName('\u0000\u0001')).toBeUndefined();
    expect(cleanEvidenceFileName('x'.repeat(300))).toHaveLength(200);
  });
});
