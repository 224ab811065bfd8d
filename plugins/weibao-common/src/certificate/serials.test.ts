import { parseCertificateCsv } from './csv';
import { serialClashes } from './serials';

describe('serialClashes', () => {
  it('finds overlapping ranges, a serial inside a range, and repeated plain serials', () => {
    expect(
      serialClashes([
        { serials: { from: 'A0001', to: 'A0494' }, source: 'line 2' },
        { serials: { from: 'A0400', to: 'A0500' }, source: 'line 3' },
        { serials: ['B7', 'A0007'], source: 'line 4' },
        { serials: ['SEAL-X'], source: 'line 5' },
        { serials: ['SEAL-X'], source: 'line 6' },
        { serials: { from: 'A0495', to: 'A0499' }, source: 'line 7' },
      ]),
    ).toEqual([
      { a: 'line 2', b: 'line 4', serials: 'A0007' },
      { a: 'line 2', b: 'line 3', serials: 'A0400-A0494' },
      { a: 'line 3', b: 'line 7', serials: 'A0495-A0499' },
      { a: 'line 5', b: 'line 6', serials: 'SEAL-X' },
    ]);
  });

  it('lets adjacent ranges and other prefixes be', () => {
    expect(
      serialClashes([
        { serials: { from: 'A0001', to: 'A0100' }, source: '1' },
        { serials: { from: 'A0101', to: 'A0200' }, source: '2' },
        { serials: { from: 'B0001', to: 'B0200' }, source: '3' },
      ]),
    ).toEqual([]);
  });

  it('compares a file against the register only', () => {
    expect(
      serialClashes(
        [
          { serials: ['A0010'], source: 'line 2' },
          { serials: ['C1'], source: 'line 3' },
        ],
        {
          against: [
            { serials: { from: 'A0001', to: 'A0020' }, source: 'batch x' },
            { serials: { from: 'A0005', to: 'A0030' }, source: 'batch y' },
          ],
        },
      ),
    ).toEqual([
      { a: 'line 2', b: 'batch x', serials: 'A0010' },
      { a: 'line 2', b: 'batch y', serials: 'A0010' },
    ]);
  });

  it('stops at the limit, fast on large files', () => {
    const sources = Array.from({ length: 2000 }, (_, i) => ({
      serials: { from: 'A000001', to: 'A100000' },
      source: `line ${i + 2}`,
    }));
    expect(serialClashes(sources, { limit: 5 })).toHaveLength(5);
  });
});

const HEADER =
  'item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note';

describe('parseCertificateCsv, strictly', () => {
  it('refuses the file at the line of a lone surrogate', () => {
    const text = `${HEADER}\npersonal-certificate,usb-key,门诊部,1,A0001,2026-01-01,2027-01-01,\npersonal-certificate,usb-key,急诊\uD800,1,A0002,2026-01-01,2027-01-01,`;
    expect(parseCertificateCsv(text)).toEqual({
      rows: [],
      errors: [
        {
          line: 3,
          field: 'csv',
          reason: expect.stringContaining('lone surrogate (U+D800)'),
        },
      ],
    });
  });

  it('refuses the file at the line of a replacement character', () => {
    const text = `${HEADER}\r\npersonal-certificate,usb-key,\uFFFD\uFFFD部,1,A0001,2026-01-01,2027-01-01,`;
    expect(parseCertificateCsv(text).errors).toEqual([
      {
        line: 2,
        field: 'csv',
        reason: expect.stringContaining('not valid UTF-8'),
      },
    ]);
  });

  it('removes zero-width characters from cells and refuses bidirectional controls', () => {
    const text = `${HEADER}\npersonal-certificate,usb-key,门诊部,1,A\u200B0001,2026-01-01,2027-01-01,\npersonal-certificate,usb-key,\u202E部诊门,1,A0002,2026-01-01,2027-01-01,`;
    const result = parseCertificateCsv(text);
    expect(result.rows.map(r => r.serials)).toEqual([['A0001']]);
    expect(result.errors).toEqual([
      {
        line: 3,
        field: 'holderDepartment',
        reason: expect.stringContaining('bidirectional control U+202E'),
      },
    ]);
  });
});
