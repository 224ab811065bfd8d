import { parseCertificateCsv } from './csv';
import { csvRecords } from './csvRecords';

const HEADER =
  'item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note';

describe('csvRecords', () => {
  it('reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes', () => {
    const records = csvRecords(
      'a,"b, c","say ""hi"""\r\n"multi\r\nline",x,\n\n"",  "y"  ,z',
    );
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b, c', 'say "hi"'] },
      { line: 2, fields: ['multi\nline', 'x', ''] },
      { line: 4, fields: [''] },
      { line: 5, fields: ['', 'y', 'z'] },
    ]);
  });

  it('drops a BOM, and treats CRLF, LF and a lone CR alike', () => {
    expect(csvRecords('\uFEFFa,b\r\nc,d\re\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 3, fields: ['e'] },
    ]);
  });

  it('flags broken quoting on the record it starts on', () => {
    expect(csvRecords('a,"b"c\nd,e"f\n"open,g\nh')).toEqual([
      expect.objectContaining({
        line: 1,
        error: 'text after the closing quote of a field',
      }),
      expect.objectContaining({
        line: 2,
        error: expect.stringMatching(/^a quote inside an unquoted field/),
      }),
      expect.objectContaining({
        line: 3,
        error: 'a quoted field is not closed before the end of the file',
      }),
    ]);
  });
});

describe('parseCertificateCsv', () => {
  it('reads good rows: ranges, lists, quoted notes, with BOM and CRLF', () => {
    const text = [
      `\uFEFF${HEADER}`,
      'personal-certificate,usb-key,门诊部,494,A0001-A0494,2026-03-02,2027-03-01,"首批, 全院医生"',
      '',
      'electronic-seal,smart-card,医务科,3,S01;S02;S03,2026-03-02,2028-03-01,',
      'Personal-Certificate,crypto-card,"信息科",1,CA-2026-0007,2026-04-01,2027-04-01,"含 ""加密卡"""',
      ',,,,,,,',
    ].join('\r\n');
    const result = parseCertificateCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        item: 'personal-certificate',
        medium: 'usb-key',
        holderDepartment: '门诊部',
        count: 494,
        serials: { from: 'A0001', to: 'A0494' },
        issuedOn: '2026-03-02',
        expiresOn: '2027-03-01',
        note: '首批, 全院医生',
      },
      {
        line: 4,
        item: 'electronic-seal',
        medium: 'smart-card',
        holderDepartment: '医务科',
        count: 3,
        serials: ['S01', 'S02', 'S03'],
        issuedOn: '2026-03-02',
        expiresOn: '2028-03-01',
        note: null,
      },
      expect.objectContaining({
        line: 5,
        item: 'personal-certificate',
        serials: ['CA-2026-0007'],
        note: '含 "加密卡"',
      }),
    ]);
  });

  it('takes the columns in any order, names not case-sensitive, and a range with dashes', () => {
    const text = [
      'Note,COUNT,item,medium,holderdepartment,serials,issuedOn,expiresOn',
      ',2,personal-certificate,usb-key,药剂科,CA-0009-CA-0010,2026-01-01,2026-12-31',
    ].join('\n');
    expect(parseCertificateCsv(text)).toEqual({
      rows: [
        expect.objectContaining({
          count: 2,
          serials: { from: 'CA-0009', to: 'CA-0010' },
          holderDepartment: '药剂科',
          note: null,
        }),
      ],
      errors: [],
    });
  });

  it('reports every bad row by line and field, and keeps the good ones', () => {
    const text = [
      HEADER,
      'personal-certificate,usb-key,门诊部,2,A0001-A0002,2026-03-02,2027-03-01,', // 2 good
      'certificate,usb-key,门诊部,1,A0003,2026-03-02,2027-03-01,', // 3
      'personal-certificate,floppy,门诊部,1,A0004,2026-03-02,2027-03-01,', // 4
      'personal-certificate,usb-key,,1,A0005,2026-03-02,2027-03-01,', // 5
      'personal-certificate,usb-key,门诊部,0,A0006,2026-03-02,2027-03-01,', // 6
      'personal-certificate,usb-key,门诊部,1.5,A0007,2026-03-02,2027-03-01,', // 7
      'personal-certificate,usb-key,门诊部,100001,A000001-A100001,2026-03-02,2027-03-01,', // 8
      'personal-certificate,usb-key,门诊部,10,A0001-A0494,2026-03-02,2027-03-01,', // 9
      'personal-certificate,usb-key,门诊部,10,A0001-B0010,2026-03-02,2027-03-01,', // 10
      'personal-certificate,usb-key,门诊部,10,A0010-A0001,2026-03-02,2027-03-01,', // 11
      'personal-certificate,usb-key,门诊部,3,X1;X2,2026-03-02,2027-03-01,', // 12
      'personal-certificate,usb-key,门诊部,2,X1;X1,2026-03-02,2027-03-01,', // 13
      'personal-certificate,usb-key,门诊部,2,X1;;X2,2026-03-02,2027-03-01,', // 14
      'personal-certificate,usb-key,门诊部,1,A0008,2026-02-30,2027-03-01,', // 15
      'personal-certificate,usb-key,门诊部,1,A0009,2026/03/02,2027-03-01,', // 16
      'personal-certificate,usb-key,门诊部,1,A0010,2026-03-02,2026-03-02,', // 17
      'personal-certificate,usb-key,门诊部,1,A0011,2026-03-02,2027-03-01,x,extra', // 18
      'electronic-seal,smart-card,医务科,1,S9,2026-03-02,2027-03-01,"a"b', // 19
      'personal-certificate,usb-key,门诊部,1,A0012,,2027-03-01,', // 20
      'electronic-seal,smart-card,医务科,1,S10,2026-03-02,2028-03-01,"公章', // 21: until the end
      'second line of the unclosed note',
    ].join('\n');
    const { rows, errors } = parseCertificateCsv(text);
    expect(rows.map(r => r.line)).toEqual([2]);
    expect(errors.map(e => [e.line, e.field])).toEqual([
      [3, 'item'],
      [4, 'medium'],
      [5, 'holderDepartment'],
      [6, 'count'],
      [7, 'count'],
      [8, 'count'],
      [9, 'serials'],
      [10, 'serials'],
      [11, 'serials'],
      [12, 'serials'],
      [13, 'serials'],
      [14, 'serials'],
      [15, 'issuedOn'],
      [16, 'issuedOn'],
      [17, 'expiresOn'],
      [18, 'row'],
      [19, 'row'],
      [20, 'issuedOn'],
      [21, 'row'],
    ]);
    const reason = (line: number) => errors.find(e => e.line === line)!.reason;
    expect(reason(3)).toBe(
      'unknown item "certificate"; expected one of personal-certificate, electronic-seal',
    );
    expect(reason(4)).toBe(
      'unknown medium "floppy"; expected one of usb-key, smart-card, crypto-card',
    );
    expect(reason(8)).toBe('100001 is more than 100000');
    expect(reason(9)).toBe(
      'the range A0001-A0494 holds 494 serials but count is 10',
    );
    expect(reason(10)).toMatch(/different prefixes \("A", "B"\)/);
    expect(reason(11)).toBe('the range A0010-A0001 ends before it starts');
    expect(reason(12)).toBe('2 serials listed but count is 3');
    expect(reason(13)).toBe('X1 appears twice');
    expect(reason(15)).toBe('2026-02-30 is not a day of the calendar');
    expect(reason(17)).toBe(
      '2026-03-02 is not after the issue date 2026-03-02',
    );
    expect(reason(18)).toBe('9 fields, but the header has 8');
  });

  it('reports all the problems of one row', () => {
    const { rows, errors } = parseCertificateCsv(
      `${HEADER}\nseal,usb,,-1,,2026-13-01,2026-01-01,`,
    );
    expect(rows).toEqual([]);
    expect(errors.map(e => e.field)).toEqual([
      'item',
      'medium',
      'holderDepartment',
      'count',
      'serials',
      'issuedOn',
    ]);
  });

  it('refuses a file without the right header, as a whole', () => {
    const row =
      'personal-certificate,usb-key,门诊部,1,A0001,2026-03-02,2027-03-01,';
    expect(parseCertificateCsv('')).toEqual({
      rows: [],
      errors: [
        {
          line: 1,
          field: 'header',
          reason: expect.stringMatching(/^the file is empty/),
        },
      ],
    });
    expect(parseCertificateCsv(row).errors).toEqual([
      {
        line: 1,
        field: 'header',
        reason: expect.stringMatching(/^unknown column "personal-certificate"/),
      },
    ]);
    expect(
      parseCertificateCsv(`item,medium,holderDepartment,count,serials\n${row}`)
        .errors[0].reason,
    ).toMatch(/^missing columns issuedOn, expiresOn, note;/);
    expect(parseCertificateCsv(`\n\n${HEADER},item\n${row}`).errors).toEqual([
      { line: 3, field: 'header', reason: 'the column item appears twice' },
    ]);
  });

  it('reads the optional usbKeys column: the keys a batch on the usb-key medium is on', () => {
    const text = [
      `${HEADER},usbKeys`,
      'personal-certificate,usb-key,门诊部,21,A0001-A0021,2026-03-02,2027-03-01,,21',
      'electronic-seal,usb-key,医务科,8,S01-S08,2026-03-02,2027-03-01,,0',
      'personal-certificate,usb-key,药房,2,P1;P2,2026-03-02,2027-03-01,,',
      'personal-certificate,smart-card,住院部,460,B0001-B0460,2026-03-02,2027-03-01,,',
    ].join('\n');
    const { rows, errors } = parseCertificateCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map(r => [r.holderDepartment, r.usbKeys])).toEqual([
      ['门诊部', 21],
      ['医务科', 0],
      ['药房', undefined],
      ['住院部', undefined],
    ]);
    // not stated: the row has no usbKeys at all (an import's fingerprint stays what it was)
    expect('usbKeys' in rows[2]).toBe(false);
    // the column is optional
    expect(
      parseCertificateCsv(
        `${HEADER}\npersonal-certificate,usb-key,门诊部,1,A0001,2026-03-02,2027-03-01,`,
      ).rows[0],
    ).not.toHaveProperty('usbKeys');
  });

  it('refuses USB keys off the usb-key medium, more keys than certificates, and non-numbers', () => {
    const text = [
      `usbKeys,${HEADER}`,
      '3,personal-certificate,smart-card,住院部,3,B1;B2;B3,2026-03-02,2027-03-01,',
      '4,personal-certificate,usb-key,门诊部,3,A1;A2;A3,2026-03-02,2027-03-01,',
      'two,personal-certificate,usb-key,门诊部,2,C1;C2,2026-03-02,2027-03-01,',
      '-1,personal-certificate,usb-key,门诊部,2,D1;D2,2026-03-02,2027-03-01,',
      '3,personal-certificate,usb-key,门诊部,3,E1;E2;E3,2026-03-02,2027-03-01,',
    ].join('\n');
    const { rows, errors } = parseCertificateCsv(text);
    expect(errors).toEqual([
      {
        line: 2,
        field: 'usbKeys',
        reason:
          'only a batch on the usb-key medium is on USB keys; leave it empty for smart-card',
      },
      {
        line: 3,
        field: 'usbKeys',
        reason: '4 USB keys for 3 certificates; a key holds at least one',
      },
      {
        line: 4,
        field: 'usbKeys',
        reason: '"two" is not a whole number of USB keys',
      },
      {
        line: 5,
        field: 'usbKeys',
        reason: '"-1" is not a whole number of USB keys',
      },
    ]);
    expect(rows.map(r => [r.line, r.usbKeys])).toEqual([[6, 3]]);
  });

  it('refuses more than 5000 rows, naming the first line too many', () => {
    const row =
      'personal-certificate,usb-key,门诊部,1,A0001,2026-03-02,2027-03-01,';
    const text = [HEADER, ...Array(5001).fill(row)].join('\n');
    expect(parseCertificateCsv(text)).toEqual({
      rows: [],
      errors: [
        {
          line: 5002,
          field: 'csv',
          reason: 'more than 5000 rows; split the file',
        },
      ],
    });
    expect(
      parseCertificateCsv([HEADER, ...Array(5000).fill(row)].join('\n')).rows,
    ).toHaveLength(5000);
  });
});
