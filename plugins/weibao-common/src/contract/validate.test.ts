import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { maintenanceContractRelations } from './relations';
import { MaintenanceContractEntityV1alpha1 } from './types';
import { validateMaintenanceContract } from './validate';

const examples = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../examples/contracts.yaml'),
    'utf8',
  ),
).map(doc => doc.toJS() as MaintenanceContractEntityV1alpha1);
const [chongzuo, longzhou] = examples;

/** A deep copy of the signed ¥790,000 contract, changed by `edit`. */
function broken(edit: (c: any) => void): unknown {
  const copy = structuredClone(chongzuo);
  edit(copy);
  return copy;
}

describe('validateMaintenanceContract', () => {
  it.each(examples.map(e => [e.metadata.name, e]))(
    'accepts the example %s',
    (_, contract) => {
      expect(validateMaintenanceContract(contract)).toEqual({
        valid: true,
        contract,
      });
    },
  );

  const corpus: Array<[string, (c: any) => void, string, RegExp]> = [
    // wrong types
    [
      'value as text',
      c => (c.spec.value.amount = '790000'),
      'spec.value.amount',
      /must be a number/,
    ],
    [
      'covers as one string',
      c => (c.spec.covers = 'zlhis-chongzuo'),
      'spec.covers',
      /must be a array/,
    ],
    [
      'level as text',
      c => (c.spec.severityLevels[0].level = 'one'),
      'spec.severityLevels[0].level',
      /must be a integer/,
    ],
    [
      'permission as text',
      c => (c.spec.channels[2].requiresPermission = 'yes'),
      'spec.channels[2].requiresPermission',
      /must be a boolean/,
    ],
    [
      'fractional working days',
      c => (c.spec.severityLevels[2].clocks[1].target.amount = 2.5),
      'spec.severityLevels[2].clocks[1].target.amount',
      /whole number of working-days/,
    ],
    // missing required fields
    [
      'no contract number',
      c => delete c.spec.contractNumber,
      'spec.contractNumber',
      /is required/,
    ],
    [
      'no hospital',
      c => delete c.spec.hospital,
      'spec.hospital',
      /is required/,
    ],
    ['no owner', c => delete c.spec.owner, 'spec.owner', /is required/],
    [
      'no severity matrix',
      c => delete c.spec.severityLevels,
      'spec.severityLevels',
      /is required/,
    ],
    [
      'a clock without a target',
      c => delete c.spec.severityLevels[1].clocks[1].target,
      'spec.severityLevels[1].clocks[1].target',
      /is required/,
    ],
    ['no spec at all', c => delete c.spec, 'spec', /is required/],
    // vocabulary
    [
      'unknown currency',
      c => (c.spec.value.currency = 'RMB'),
      'spec.value.currency',
      /must be one of "CNY"/,
    ],
    [
      'unknown milestone',
      c => (c.spec.severityLevels[0].clocks[0].milestone = 'reply'),
      'spec.severityLevels[0].clocks[0].milestone',
      /must be one of "response", "dispatch"/,
    ],
    [
      'unknown unit',
      c => (c.spec.severityLevels[0].clocks[1].target.unit = 'days'),
      'spec.severityLevels[0].clocks[1].target.unit',
      /must be one of "minutes", "hours", "working-days"/,
    ],
    [
      'unknown obligation',
      c => (c.spec.obligations[0].kind = 'patrol'),
      'spec.obligations[0].kind',
      /must be one of "inspection"/,
    ],
    [
      'misspelt field',
      c => (c.spec.severityLevel = c.spec.severityLevels),
      'spec.severityLevel',
      /is not a field of a MaintenanceContract/,
    ],
    // calendars
    [
      'unknown calendar on a clock',
      c => (c.spec.severityLevels[0].clocks[1].calendar = '7x24'),
      'spec.severityLevels[0].clocks[1].calendar',
      /unknown calendar "7x24": use 24x7, 5x8/,
    ],
    [
      'unknown calendar on a channel',
      c => (c.spec.channels[0].calendar = 'hotline-hours'),
      'spec.channels[0].calendar',
      /unknown calendar "hotline-hours"/,
    ],
    [
      'a calendar shadowing a built-in one',
      c =>
        (c.spec.calendars = [
          { name: '5x8', weekly: { mon: ['09:00-17:00'] }, holidays: 'none' },
        ]),
      'spec.calendars[0].name',
      /already a built-in calendar/,
    ],
    [
      'a working interval that ends before it starts',
      c =>
        (c.spec.calendars = [
          {
            name: 'lunch-break',
            weekly: { mon: ['14:00-12:00'] },
            holidays: 'cn-official',
          },
        ]),
      'spec.calendars[0].weekly.mon',
      /14:00-12:00 ends before it starts/,
    ],
    [
      'overlapping working intervals',
      c =>
        (c.spec.calendars = [
          {
            name: 'lunch-break',
            weekly: { tue: ['08:00-12:30', '12:00-17:30'] },
            holidays: 'cn-official',
          },
        ]),
      'spec.calendars[0].weekly.tue',
      /overlap/,
    ],
    [
      'a malformed working interval',
      c =>
        (c.spec.calendars = [
          { name: 'x', weekly: { wed: ['9:00-18:00'] }, holidays: 'none' },
        ]),
      'spec.calendars[0].weekly.wed[0]',
      /must be written HH:MM-HH:MM/,
    ],
    [
      'an unknown time zone',
      c =>
        (c.spec.calendars = [
          {
            name: 'x',
            timeZone: 'China/Beijing',
            weekly: { mon: ['09:00-18:00'] },
            holidays: 'none',
          },
        ]),
      'spec.calendars[0].timeZone',
      /not an IANA time zone/,
    ],
    [
      'an override on a day that does not exist',
      c =>
        (c.spec.calendarOverrides = [
          { date: '2026-02-30', working: false, reason: 'x' },
        ]),
      'spec.calendarOverrides[0].date',
      /2026-02-30 is not a calendar date/,
    ],
    // amounts
    [
      'a negative value',
      c => (c.spec.value.amount = -790000),
      'spec.value.amount',
      /must be > 0/,
    ],
    [
      'a negative target',
      c => (c.spec.severityLevels[0].clocks[0].target.amount = -30),
      'spec.severityLevels[0].clocks[0].target.amount',
      /must be >= 0/,
    ],
    [
      'a zero target',
      c => (c.spec.severityLevels[0].clocks[0].target.amount = 0),
      'spec.severityLevels[0].clocks[0].target.amount',
      /must be greater than 0/,
    ],
    [
      'payments adding up to 90 %',
      c => (c.spec.payments[1].percent = 40),
      'spec.payments',
      /add up to 90, not 100/,
    ],
    [
      'a payment months after start without months',
      c => delete c.spec.payments[1].months,
      'spec.payments[1].months',
      /required when the trigger is months-after-start/,
    ],
    [
      'a penalty without a rate',
      c => delete c.spec.penalties[0].percentOfValuePerDay,
      'spec.penalties[0]',
      /percentOfValuePerDay or fixedAmountPerDay/,
    ],
    [
      'an inventory minimum of 0',
      c => (c.spec.inventoryMinimums[0].count = 0),
      'spec.inventoryMinimums[0].count',
      /must be >= 1/,
    ],
    // the matrix
    [
      'a level without clocks',
      c => (c.spec.severityLevels[3].clocks = []),
      'spec.severityLevels[3].clocks',
      /must NOT have fewer than 1 items/,
    ],
    [
      'a level defined twice',
      c => (c.spec.severityLevels[1].level = 1),
      'spec.severityLevels[1].level',
      /level 1 is defined twice/,
    ],
    [
      'two dispatch clocks on one level',
      c => (c.spec.severityLevels[0].clocks[2].milestone = 'dispatch'),
      'spec.severityLevels[0].clocks[2].milestone',
      /already has a dispatch clock/,
    ],
    [
      'a channel for a level that does not exist',
      c => (c.spec.channels[4].levels = [0 + 5]),
      'spec.channels[4].levels[0]',
      /level 5 is not in spec.severityLevels/,
    ],
    // period
    [
      'an end before the start',
      c => (c.spec.period = { start: '2026-03-02', end: '2025-03-01' }),
      'spec.period.end',
      /must be after the start \(2026-03-02\)/,
    ],
    [
      'a period of neither shape',
      c => (c.spec.period = { start: '2026-03-02' }),
      'spec.period',
      /either start and end .* or from/,
    ],
    [
      'a period from acceptance without a length',
      c => (c.spec.period = { from: 'final-acceptance' }),
      'spec.period',
      /give its length in years or months/,
    ],
    [
      'a date in another format',
      c => (c.spec.period = { start: '2026/03/02', end: '2027-03-01' }),
      'spec.period',
      /either start and end \(YYYY-MM-DD\)/,
    ],
    // references
    [
      'a hospital that is a component',
      c => (c.spec.hospital = 'component:zlhis-chongzuo'),
      'spec.hospital',
      /is a component, but must be a system/,
    ],
    [
      'a covered system that is a group',
      c => (c.spec.covers[1] = 'group:vendor'),
      'spec.covers[1]',
      /is a group, but must be a component/,
    ],
    [
      'a malformed reference',
      c => (c.spec.owner = 'group:default/'),
      'spec.owner',
      /is not an entity reference/,
    ],
    [
      'a system covered twice',
      c => c.spec.covers.push('component:default/zlhis-chongzuo'),
      'spec.covers[8]',
      /component:default\/zlhis-chongzuo is listed twice/,
    ],
    [
      'an obligation on a system the contract does not cover',
      c => (c.spec.obligations[15].systems = ['icu-longzhou']),
      'spec.obligations[15].systems[0]',
      /component:default\/icu-longzhou is not in spec.covers/,
    ],
    [
      'at least N without N',
      c => delete c.spec.obligations[9].count,
      'spec.obligations[9].count',
      /required when the frequency is per-contract/,
    ],
    [
      'a count on a quarterly duty',
      c => (c.spec.obligations[0].count = 4),
      'spec.obligations[0].count',
      /only applies when the frequency is per-contract/,
    ],
  ];

  it('has a corpus of at least 30 invalid contracts', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus)('rejects %s, naming the field', (_, edit, field, reason) => {
    const result = validateMaintenanceContract(broken(edit));
    expect(result.valid).toBe(false);
    const problems = result.valid ? [] : result.problems;
    expect(problems).toContainEqual({
      field,
      reason: expect.stringMatching(reason),
    });
  });

  it.each([
    null,
    42,
    'contract',
    [],
    {},
    { spec: null },
    {
      apiVersion: 'weibao.io/v1alpha1',
      kind: 'MaintenanceContract',
      metadata: {},
      spec: [],
    },
  ])('never crashes on %j', input => {
    const result = validateMaintenanceContract(input);
    expect(result.valid).toBe(false);
  });
});

/** The problems of the signed contract changed by `edit`, or [] when it is valid. */
function problemsOf(edit: (c: any) => void) {
  const result = validateMaintenanceContract(broken(edit));
  return result.valid ? [] : result.problems;
}

describe('dates the calendars cannot serve (issue 14)', () => {
  it.each([
    [
      'an end past 2099',
      (c: any) => (c.spec.period = { start: '2026-03-02', end: '2150-01-01' }),
      'spec.period.end',
      "2150-01-01 is after 2099-12-31, the last day Weibao's calendars serve",
    ],
    [
      'a start before 2000',
      (c: any) => (c.spec.period = { start: '1999-12-31', end: '2027-03-01' }),
      'spec.period.start',
      "1999-12-31 is before 2000-01-01, the first day Weibao's calendars serve",
    ],
    [
      'a start in year 0001',
      (c: any) => (c.spec.period = { start: '0001-01-01', end: '2027-03-01' }),
      'spec.period.start',
      "0001-01-01 is before 2000-01-01, the first day Weibao's calendars serve",
    ],
    [
      'both ends past 2099',
      (c: any) => (c.spec.period = { start: '9998-01-01', end: '9999-12-31' }),
      'spec.period.end',
      "9999-12-31 is after 2099-12-31, the last day Weibao's calendars serve",
    ],
    [
      'an acceptance recorded in 2100',
      (c: any) =>
        (c.spec.period = {
          from: 'final-acceptance',
          years: 1,
          start: '2100-01-04',
        }),
      'spec.period.start',
      "2100-01-04 is after 2099-12-31, the last day Weibao's calendars serve",
    ],
    [
      'a period from signing that runs past 2099',
      (c: any) =>
        (c.spec.period = { from: 'signing', years: 2, start: '2098-06-01' }),
      'spec.period',
      "runs from 2098-06-01 until 2100-05-31, after 2099-12-31, the last day Weibao's calendars serve",
    ],
    [
      'a calendar override in 2100',
      (c: any) =>
        (c.spec.calendarOverrides = [
          { date: '2100-01-01', working: false, reason: '元旦' },
        ]),
      'spec.calendarOverrides[0].date',
      "2100-01-01 is after 2099-12-31, the last day Weibao's calendars serve",
    ],
    [
      'a calendar override in 1999',
      (c: any) =>
        (c.spec.calendarOverrides = [
          { date: '1999-10-01', working: false, reason: '国庆' },
        ]),
      'spec.calendarOverrides[0].date',
      "1999-10-01 is before 2000-01-01, the first day Weibao's calendars serve",
    ],
    [
      'a tracking start in 1999 (issue 16)',
      (c: any) => (c.spec.trackingStart = '1999-12-31'),
      'spec.trackingStart',
      "1999-12-31 is before 2000-01-01, the first day Weibao's calendars serve",
    ],
    [
      'a tracking start that is no date (issue 16)',
      (c: any) => (c.spec.trackingStart = '2026-02-30'),
      'spec.trackingStart',
      '2026-02-30 is not a calendar date',
    ],
  ])('refuses %s, naming the field', (_, edit, field, reason) => {
    expect(problemsOf(edit)).toContainEqual({ field, reason });
  });

  it('refuses both ends of a period out of range, each by its field', () => {
    expect(
      problemsOf(
        c => (c.spec.period = { start: '1990-01-01', end: '2100-12-31' }),
      ).map(p => p.field),
    ).toEqual(['spec.period.start', 'spec.period.end']);
  });

  it('accepts the first and last days the calendars serve', () => {
    expect(
      problemsOf(
        c => (c.spec.period = { start: '2000-01-01', end: '2099-12-31' }),
      ),
    ).toEqual([]);
    expect(
      problemsOf(
        c =>
          (c.spec.period = { from: 'signing', years: 1, start: '2099-01-01' }),
      ),
    ).toEqual([]);
    expect(
      problemsOf(
        c =>
          (c.spec.calendarOverrides = [
            { date: '2000-01-01', working: false, reason: '元旦' },
            { date: '2099-12-31', working: true, reason: '调休' },
          ]),
      ),
    ).toEqual([]);
  });
});

describe('a period without a concrete start (issue 14)', () => {
  it('refuses a period from signing without the day of signing, naming spec.period.start', () => {
    expect(
      problemsOf(c => (c.spec.period = { from: 'signing', years: 1 })),
    ).toEqual([
      {
        field: 'spec.period.start',
        reason: expect.stringMatching(
          /^is required when the period runs from signing: give the day the contract was signed/,
        ),
      },
    ]);
  });

  it('accepts a period from signing with its day', () => {
    expect(
      problemsOf(
        c =>
          (c.spec.period = {
            from: 'signing',
            months: 12,
            start: '2026-03-02',
          }),
      ),
    ).toEqual([]);
  });

  it('accepts a period from final acceptance not recorded yet (its start comes from the acceptance)', () => {
    expect(
      problemsOf(c => (c.spec.period = { from: 'final-acceptance', years: 1 })),
    ).toEqual([]);
    expect(validateMaintenanceContract(longzhou).valid).toBe(true);
    expect(longzhou.spec.period).toEqual({
      from: 'final-acceptance',
      years: 1,
    });
  });
});

describe('maintenanceContractRelations', () => {
  it('relates the contract to its systems, hospital, vendor and team, in full references', () => {
    expect(maintenanceContractRelations(longzhou)).toEqual([
      {
        type: 'covers',
        reverseType: 'coveredBy',
        targetRef: 'component:default/icu-longzhou',
      },
      {
        type: 'covers',
        reverseType: 'coveredBy',
        targetRef: 'component:default/dip-longzhou',
      },
      {
        type: 'contractWith',
        reverseType: 'hasContract',
        targetRef: 'system:default/longzhou-people',
      },
      {
        type: 'providedBy',
        reverseType: 'providerOf',
        targetRef: 'group:default/vendor',
      },
      {
        type: 'ownedBy',
        reverseType: 'ownerOf',
        targetRef: 'group:default/critical-care-aftersales',
      },
    ]);
  });
});

describe('duties of the contract and of each system (issue 16)', () => {
  it('accepts a tracking start and a duty of each system', () => {
    expect(
      problemsOf(c => {
        c.spec.trackingStart = '2026-12-01';
        c.spec.obligations = [
          { kind: 'backup', frequency: 'daily', per: 'system' },
          { kind: 'inspection', frequency: 'quarterly', per: 'contract' },
        ];
      }),
    ).toEqual([]);
  });

  it('refuses a duty that belongs to something else, naming the field', () => {
    const problems = problemsOf(c => {
      c.spec.obligations = [
        { kind: 'backup', frequency: 'daily', per: 'hospital' },
      ];
    });
    expect(problems.map(p => p.field)).toContain('spec.obligations[0].per');
  });
});
