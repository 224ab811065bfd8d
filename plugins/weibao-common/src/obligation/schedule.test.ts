import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { parseAllDocuments } from 'yaml';
import { contractCalendar } from '../calendar/calendars';
import {
  CHINESE_OFFICIAL_DAYS,
  withOfficialDays,
} from '../calendar/officialDays';
import type {
  MaintenanceContractEntityV1alpha1,
  RecurringObligation,
} from '../contract/types';
import { followUpDueAt, obligationSchedule } from './schedule';
import type { ObligationSchedule, PlannedOccurrence } from './types';

const [chongzuo, longzhou] = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../examples/contracts.yaml'),
    'utf8',
  ),
).map(doc => doc.toJS() as MaintenanceContractEntityV1alpha1);

const zone = 'Asia/Shanghai';
/** An instant from a Beijing wall time, whatever the TZ the tests run under. */
const at = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
/** The exact instant, in UTC: 18:00 in Beijing is 10:00Z. */
const utc = (t: number) => new Date(t).toISOString();

const calendar = contractCalendar('5x8', chongzuo.spec);

/** A copy of a contract with other obligations, period or overrides. */
function variant(
  base: MaintenanceContractEntityV1alpha1,
  spec: Partial<MaintenanceContractEntityV1alpha1['spec']>,
  namespace?: string,
): MaintenanceContractEntityV1alpha1 {
  const copy = structuredClone(base);
  Object.assign(copy.spec, spec);
  if (namespace) copy.metadata.namespace = namespace;
  return copy;
}

const parents = (s: ObligationSchedule, obligationId: string) =>
  s.occurrences.filter(o => o.obligationId === obligationId && !o.parentKey);
/** The example contract's backups, each system's own: those of ZLHIS. */
const DAILY = 'backup.daily.zlhis-chongzuo+smartanes-chongzuo+aecg-chongzuo';
const WEEKLY = 'backup.weekly.zlhis-chongzuo+smartanes-chongzuo+aecg-chongzuo';
const ofZlhis = (s: ObligationSchedule, obligationId: string) =>
  parents(s, obligationId).filter(
    o => o.systemRef === 'component:default/zlhis-chongzuo',
  );
const followUps = (s: ObligationSchedule, obligationId: string) =>
  s.occurrences.filter(o => o.obligationId === obligationId && o.parentKey);
function occurrence(s: ObligationSchedule, key: string): PlannedOccurrence {
  const found = s.occurrences.find(o => o.key === key);
  if (!found) throw new Error(`no occurrence ${key}`);
  return found;
}
const windowAndDue = (o: PlannedOccurrence) => [
  o.windowStart,
  o.windowEnd,
  utc(o.dueAt),
];

describe('the real calendar the cases below rely on (chinese-days@1.5.7)', () => {
  it.each([
    ['2026-04-03', true, 'weekly'], // Friday before Qingming
    ['2026-04-04', false, 'official-holiday'],
    ['2026-04-06', false, 'official-holiday'],
    ['2026-04-07', true, 'weekly'],
    ['2026-04-30', true, 'weekly'],
    ['2026-05-01', false, 'official-holiday'],
    ['2026-05-05', false, 'official-holiday'],
    ['2026-05-06', true, 'weekly'],
    ['2026-05-09', true, 'make-up-workday'], // Saturday
    ['2026-06-01', true, 'weekly'], // Monday, end of the first contract quarter
    ['2026-06-18', true, 'weekly'],
    ['2026-06-19', false, 'official-holiday'],
    ['2026-06-21', false, 'official-holiday'],
    ['2026-09-01', true, 'weekly'],
    ['2026-09-20', true, 'make-up-workday'], // Sunday
    ['2026-09-24', true, 'weekly'],
    ['2026-09-25', false, 'official-holiday'],
    ['2026-09-27', false, 'official-holiday'],
    ['2026-09-28', true, 'weekly'],
    ['2026-09-30', true, 'weekly'],
    ['2026-10-01', false, 'official-holiday'],
    ['2026-10-07', false, 'official-holiday'],
    ['2026-10-08', true, 'weekly'],
    ['2026-10-10', true, 'make-up-workday'], // Saturday
    ['2026-10-31', false, 'weekly'], // Saturday
    ['2026-12-01', true, 'weekly'],
    ['2026-12-31', true, 'weekly'],
    ['2027-01-01', false, 'provisional-holiday'], // 2027 is not published
    ['2027-03-01', true, 'weekly'], // Monday, last day of the contract
  ])('%s: working %s (%s)', (date, working, kind) => {
    const day = calendar.day(date);
    expect([day.working, day.reason.kind]).toEqual([working, kind]);
  });

  it('names the holidays and knows 2026 but not 2027', () => {
    expect(
      [
        '2026-04-04',
        '2026-05-01',
        '2026-06-19',
        '2026-09-25',
        '2026-10-01',
      ].map(d => (calendar.day(d).reason as { name: string }).name),
    ).toEqual(['清明', '劳动节', '端午', '中秋', '国庆节']);
    expect(calendar.day('2027-01-01').reason).toEqual({
      kind: 'provisional-holiday',
      name: '元旦',
    });
    expect(calendar.hasOfficialData(2026)).toBe(true);
    expect(calendar.hasOfficialData(2027)).toBe(false);
  });
});

describe('the schedule of the signed ¥790,000 contract (chongzuo-mch-2026)', () => {
  const schedule = obligationSchedule(chongzuo);

  it('names the contract, the calendar and the period, and warns about 2027', () => {
    expect(schedule).toMatchObject({
      contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
      calendar: '5x8',
      calendarVersion: calendar.version,
      periodStart: '2026-03-02',
      periodEnd: '2027-03-01',
    });
    expect(schedule.calendarVersion).toMatch(/chinese-days@1\.5\.7/);
    expect(schedule.warnings).toHaveLength(1);
    expect(schedule.warnings[0]).toMatch(
      /2027 are not published: due dates there are provisional.*Spring Festival/,
    );
  });

  it('plans every one of the 16 obligations over the year', () => {
    const counts: Record<string, number> = {};
    for (const o of schedule.occurrences) {
      const id = o.followUpKind
        ? `${o.obligationId}/${o.followUpKind}`
        : o.obligationId;
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(counts).toEqual({
      'inspection.quarterly': 4,
      'inspection.quarterly/report': 4,
      'performance-evaluation.quarterly': 4,
      'health-check.yearly': 1,
      'drill.quarterly': 4,
      // each of the three systems' own: 2026-03-02..2027-03-01 (2027 is not a leap year)
      [DAILY]: 3 * 365,
      // 365 days = 52 weeks + Monday 2027-03-01 alone
      [WEEKLY]: 3 * 53,
      'security-audit.half-yearly': 2,
      'security-audit.half-yearly/report': 2,
      'return-visit.quarterly': 4,
      'return-visit.quarterly/survey': 4,
      'communication.weekly': 53,
      'training.per-contract': 3,
      'data-migration.per-contract': 2,
      'incident-review.monthly': 12,
      // Qingming, Labour Day, Dragon Boat, Mid-Autumn, National Day, New Year 2027
      'holiday-duty-notice.before-statutory-holiday': 6,
      'maintenance-report.monthly': 12,
      'maintenance-report.quarterly': 4,
      'certificate-renewal.yearly.ca-chongzuo': 1,
    });
    // 540 had the backups been the contract's: two more runs of 365 + 53 on two more systems
    expect(schedule.occurrences).toHaveLength(540 + 2 * (365 + 53));
  });

  it('sorts by due time then key, with unique keys', () => {
    const keys = schedule.occurrences.map(o => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    const sorted = [...schedule.occurrences].sort(
      (a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1),
    );
    expect(keys).toEqual(sorted.map(o => o.key));
    expect(obligationSchedule(chongzuo)).toEqual(schedule);
  });

  it('aligns quarters to the period start: the first inspection and its report', () => {
    expect(occurrence(schedule, 'inspection.quarterly#1')).toEqual({
      key: 'inspection.quarterly#1',
      obligationId: 'inspection.quarterly',
      kind: 'inspection',
      frequency: 'quarterly',
      description: expect.stringContaining('现场巡检'),
      systems: [],
      windowStart: '2026-03-02',
      windowEnd: '2026-06-01',
      dueAt: at('2026-06-01T18:00'), // Monday 1 June is a working day
      sequence: 1,
    });
    expect(utc(occurrence(schedule, 'inspection.quarterly#1').dueAt)).toBe(
      '2026-06-01T10:00:00.000Z',
    );
    expect(occurrence(schedule, 'inspection.quarterly#1/report')).toEqual({
      key: 'inspection.quarterly#1/report',
      obligationId: 'inspection.quarterly',
      kind: 'inspection',
      frequency: 'quarterly',
      description: expect.any(String),
      systems: [],
      windowStart: '2026-03-02',
      windowEnd: '2026-06-01',
      dueAt: at('2026-06-04T18:00'), // 2, 3, 4 June
      sequence: 1,
      parentKey: 'inspection.quarterly#1',
      followUpKind: 'report',
      followUpWithin: { amount: 3, unit: 'working-days' },
    });
  });

  it('gives every quarter its inspection and report (no quarter end touches a holiday)', () => {
    // The quarters end on Mon 1 Jun, Tue 1 Sep, Tue 1 Dec 2026 and Mon 1 Mar 2027, so the
    // 3 working days after them never cross a break in this contract (see Longzhou below).
    expect(parents(schedule, 'inspection.quarterly').map(windowAndDue)).toEqual(
      [
        ['2026-03-02', '2026-06-01', '2026-06-01T10:00:00.000Z'],
        ['2026-06-02', '2026-09-01', '2026-09-01T10:00:00.000Z'],
        ['2026-09-02', '2026-12-01', '2026-12-01T10:00:00.000Z'],
        ['2026-12-02', '2027-03-01', '2027-03-01T10:00:00.000Z'],
      ],
    );
    expect(
      followUps(schedule, 'inspection.quarterly').map(o => [
        o.parentKey,
        utc(o.dueAt),
        o.provisional,
      ]),
    ).toEqual([
      ['inspection.quarterly#1', '2026-06-04T10:00:00.000Z', undefined],
      ['inspection.quarterly#2', '2026-09-04T10:00:00.000Z', undefined],
      ['inspection.quarterly#3', '2026-12-04T10:00:00.000Z', undefined],
      ['inspection.quarterly#4', '2027-03-04T10:00:00.000Z', true],
    ]);
    expect(
      parents(schedule, 'inspection.quarterly').map(o => o.provisional),
    ).toEqual([undefined, undefined, undefined, true]);
  });

  it('carries the drill scenarios and the other quarterly and half-yearly duties', () => {
    const drills = parents(schedule, 'drill.quarterly');
    expect(drills.map(d => d.scenarios)).toEqual(
      Array(4).fill(['服务器宕机', '接口协议不兼容', '数据同步中断']),
    );
    expect(
      parents(schedule, 'security-audit.half-yearly').map(windowAndDue),
    ).toEqual([
      ['2026-03-02', '2026-09-01', '2026-09-01T10:00:00.000Z'],
      ['2026-09-02', '2027-03-01', '2027-03-01T10:00:00.000Z'],
    ]);
    // compliance report within 5 working days: 2, 3, 4, 7, 8 September
    expect(
      followUps(schedule, 'security-audit.half-yearly').map(o => utc(o.dueAt)),
    ).toEqual(['2026-09-08T10:00:00.000Z', '2027-03-08T10:00:00.000Z']);
    expect(
      followUps(schedule, 'return-visit.quarterly').map(o => [
        o.followUpKind,
        utc(o.dueAt),
      ]),
    ).toEqual([
      ['survey', '2026-06-08T10:00:00.000Z'],
      ['survey', '2026-09-08T10:00:00.000Z'],
      ['survey', '2026-12-08T10:00:00.000Z'],
      ['survey', '2027-03-08T10:00:00.000Z'],
    ]);
    expect(parents(schedule, 'health-check.yearly').map(windowAndDue)).toEqual([
      ['2026-03-02', '2027-03-01', '2027-03-01T10:00:00.000Z'],
    ]);
  });

  it('aligns months to the period start and falls back before holidays and weekends', () => {
    const reviews = parents(schedule, 'incident-review.monthly');
    expect(reviews.map(windowAndDue)).toEqual([
      ['2026-03-02', '2026-04-01', '2026-04-01T10:00:00.000Z'],
      ['2026-04-02', '2026-05-01', '2026-04-30T10:00:00.000Z'], // 1 May is Labour Day
      ['2026-05-02', '2026-06-01', '2026-06-01T10:00:00.000Z'],
      ['2026-06-02', '2026-07-01', '2026-07-01T10:00:00.000Z'],
      ['2026-07-02', '2026-08-01', '2026-07-31T10:00:00.000Z'], // 1 Aug is a Saturday
      ['2026-08-02', '2026-09-01', '2026-09-01T10:00:00.000Z'],
      ['2026-09-02', '2026-10-01', '2026-09-30T10:00:00.000Z'], // National Day
      ['2026-10-02', '2026-11-01', '2026-10-30T10:00:00.000Z'], // Sat 31 Oct, Sun 1 Nov
      ['2026-11-02', '2026-12-01', '2026-12-01T10:00:00.000Z'],
      ['2026-12-02', '2027-01-01', '2026-12-31T10:00:00.000Z'], // New Year (provisional)
      ['2027-01-02', '2027-02-01', '2027-02-01T10:00:00.000Z'],
      ['2027-02-02', '2027-03-01', '2027-03-01T10:00:00.000Z'],
    ]);
    expect(reviews.map(r => r.sequence)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(
      parents(schedule, 'maintenance-report.monthly').map(windowAndDue),
    ).toEqual(reviews.map(windowAndDue));
    expect(
      parents(schedule, 'maintenance-report.quarterly').map(o => o.dueAt),
    ).toEqual(parents(schedule, 'inspection.quarterly').map(o => o.dueAt));
  });

  it('plans weekly duties in 7-day windows from Monday 2 March, the 53rd being one day', () => {
    for (const weeks of [
      ofZlhis(schedule, WEEKLY),
      parents(schedule, 'communication.weekly'),
    ]) {
      expect(weeks.map(windowAndDue)[0]).toEqual([
        '2026-03-02',
        '2026-03-08',
        '2026-03-06T10:00:00.000Z', // Friday
      ]);
      expect(weeks.map(windowAndDue)[52]).toEqual([
        '2027-03-01',
        '2027-03-01',
        '2027-03-01T10:00:00.000Z',
      ]);
    }
    const byWindow = (start: string) =>
      ofZlhis(schedule, WEEKLY).find(w => w.windowStart === start)!;
    // make-up Sunday 20 September is the week's last working day
    expect(utc(byWindow('2026-09-14').dueAt)).toBe('2026-09-20T10:00:00.000Z');
    // Mon 28 – Wed 30 Sep working, 1–4 Oct off
    expect(utc(byWindow('2026-09-28').dueAt)).toBe('2026-09-30T10:00:00.000Z');
    // 5–7 Oct off, then Thu 8, Fri 9 and make-up Saturday 10 October
    expect(utc(byWindow('2026-10-05').dueAt)).toBe('2026-10-10T10:00:00.000Z');
    // 4–5 May off, make-up Saturday 9 May
    expect(utc(byWindow('2026-05-04').dueAt)).toBe('2026-05-09T10:00:00.000Z');
  });

  it('plans a backup for every day at 24:00, holidays included', () => {
    const days = ofZlhis(schedule, DAILY);
    expect(days.map(windowAndDue)[0]).toEqual([
      '2026-03-02',
      '2026-03-02',
      '2026-03-02T16:00:00.000Z', // 24:00 in Beijing
    ]);
    const nationalDay = days.find(d => d.windowStart === '2026-10-01')!;
    expect(utc(nationalDay.dueAt)).toBe('2026-10-01T16:00:00.000Z');
    const newYearsEve = days.find(d => d.windowStart === '2026-12-31')!;
    expect(newYearsEve.provisional).toBeUndefined(); // 24:00 still belongs to 2026
    expect(days[364]).toMatchObject({
      windowStart: '2027-03-01',
      dueAt: at('2027-03-02T00:00'),
      provisional: true,
    });
  });

  it('plans a duty notice before each holiday break that starts in the period', () => {
    // New Year and Spring Festival 2026 lie before 2 March. 2027 is not published, so only
    // its fixed-date New Year's Day is known: Spring Festival 2027 is missing (the warning).
    expect(
      parents(schedule, 'holiday-duty-notice.before-statutory-holiday').map(
        o => [o.holiday, ...windowAndDue(o), o.provisional],
      ),
    ).toEqual([
      [
        '清明',
        '2026-04-04',
        '2026-04-06',
        '2026-04-03T10:00:00.000Z',
        undefined,
      ],
      [
        '劳动节',
        '2026-05-01',
        '2026-05-05',
        '2026-04-30T10:00:00.000Z',
        undefined,
      ],
      [
        '端午',
        '2026-06-19',
        '2026-06-21',
        '2026-06-18T10:00:00.000Z',
        undefined,
      ],
      [
        '中秋',
        '2026-09-25',
        '2026-09-27',
        '2026-09-24T10:00:00.000Z',
        undefined,
      ],
      [
        '国庆节',
        '2026-10-01',
        '2026-10-07',
        '2026-09-30T10:00:00.000Z',
        undefined,
      ],
      ['元旦', '2027-01-01', '2027-01-01', '2026-12-31T10:00:00.000Z', true],
    ]);
  });

  it('plans counted duties over the whole period, due at its last working day', () => {
    expect(
      parents(schedule, 'training.per-contract').map(o => [
        o.key,
        o.sequence,
        o.count,
        ...windowAndDue(o),
        o.provisional,
      ]),
    ).toEqual(
      [1, 2, 3].map(n => [
        `training.per-contract#${n}`,
        n,
        3,
        '2026-03-02',
        '2027-03-01',
        '2027-03-01T10:00:00.000Z', // Monday 1 March 2027, 18:00
        true,
      ]),
    );
    expect(
      parents(schedule, 'data-migration.per-contract').map(o => [
        o.sequence,
        o.count,
      ]),
    ).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('plans the certificate renewal for the CA system only', () => {
    expect(
      parents(schedule, 'certificate-renewal.yearly.ca-chongzuo'),
    ).toMatchObject([
      {
        key: 'certificate-renewal.yearly.ca-chongzuo@component:default/ca-chongzuo#1',
        systems: ['component:default/ca-chongzuo'],
        systemRef: 'component:default/ca-chongzuo',
        windowStart: '2026-03-02',
        windowEnd: '2027-03-01',
        dueAt: at('2027-03-01T18:00'),
      },
    ]);
    expect(
      schedule.occurrences
        .filter(o => o.kind !== 'certificate-renewal' && o.kind !== 'backup')
        .every(o => o.systems.length === 0 && o.systemRef === undefined),
    ).toBe(true);
  });
});

describe('followUpDueAt', () => {
  it.each([
    // done on the eve of National Day: 8, 9 and make-up Saturday 10 October
    ['2026-09-30T16:00', 3, 'working-days', '2026-10-10T10:00:00.000Z'],
    ['2026-09-30T21:00', 3, 'working-days', '2026-10-10T10:00:00.000Z'],
    ['2026-09-30T16:00', 5, 'working-days', '2026-10-13T10:00:00.000Z'],
    // done on a holiday: the next working day is the first counted
    ['2026-10-03T11:00', 1, 'working-days', '2026-10-08T10:00:00.000Z'],
    // working time: 1 hour left on Wed 30 Sep, the other 09:00–10:00 on 8 Oct
    ['2026-09-30T17:00', 2, 'hours', '2026-10-08T02:00:00.000Z'],
    // 15 minutes on Friday 3 April, 15 after Qingming on Tuesday 7 April
    ['2026-04-03T17:45', 30, 'minutes', '2026-04-07T01:15:00.000Z'],
  ] as const)('%s + %d %s → %s', (doneAt, amount, unit, due) => {
    expect(utc(followUpDueAt(calendar, at(doneAt), { amount, unit }))).toBe(
      due,
    );
  });
});

describe('a period from final acceptance (longzhou-people-critical-care)', () => {
  it('plans nothing while final acceptance is not recorded', () => {
    const schedule = obligationSchedule(longzhou);
    expect(schedule.occurrences).toEqual([]);
    expect(schedule.periodStart).toBeUndefined();
    expect(schedule.warnings).toEqual([
      expect.stringMatching(/starts at final acceptance.*not recorded yet/),
    ]);
  });

  const accepted = obligationSchedule(longzhou, { acceptedAt: '2026-03-02' });

  it('plans 12 monthly inspections once accepted', () => {
    expect(accepted).toMatchObject({
      periodStart: '2026-03-02',
      periodEnd: '2027-03-01',
    });
    expect(parents(accepted, 'inspection.monthly')).toHaveLength(12);
    expect(followUps(accepted, 'inspection.monthly')).toHaveLength(12);
    expect(parents(accepted, 'drill.quarterly')).toHaveLength(4);
    expect(accepted.warnings).toEqual([
      expect.not.stringMatching(/duty notices/),
    ]);
  });

  it('moves reports past the holidays', () => {
    const due = (key: string) => utc(occurrence(accepted, key).dueAt);
    // Wed 1 Apr, then Thu 2, Fri 3 and, after Qingming, Tue 7 April
    expect(due('inspection.monthly#1')).toBe('2026-04-01T10:00:00.000Z');
    expect(due('inspection.monthly#1/report')).toBe('2026-04-07T10:00:00.000Z');
    // Thu 30 Apr, then 6, 7, 8 May after Labour Day
    expect(due('inspection.monthly#2')).toBe('2026-04-30T10:00:00.000Z');
    expect(due('inspection.monthly#2/report')).toBe('2026-05-08T10:00:00.000Z');
    // Wed 30 Sep, then 8, 9 and make-up Saturday 10 October
    expect(due('inspection.monthly#7')).toBe('2026-09-30T10:00:00.000Z');
    expect(due('inspection.monthly#7/report')).toBe('2026-10-10T10:00:00.000Z');
  });

  it("applies the hospital's own override (31 Dec 2026 closed for the year-end stocktake)", () => {
    const key = 'inspection.monthly#10'; // 2 Dec 2026 – 1 Jan 2027
    const without = obligationSchedule(
      variant(longzhou, { calendarOverrides: [] }),
      { acceptedAt: '2026-03-02' },
    );
    expect(utc(occurrence(without, key).dueAt)).toBe(
      '2026-12-31T10:00:00.000Z',
    );
    expect(utc(occurrence(accepted, key).dueAt)).toBe(
      '2026-12-30T10:00:00.000Z',
    );
    // 31 Dec off, 1 Jan (provisional) off, weekend, then 4, 5, 6 January 2027
    expect(occurrence(accepted, `${key}/report`)).toMatchObject({
      dueAt: at('2027-01-06T18:00'),
      provisional: true,
    });
    expect(accepted.calendarVersion).not.toBe(without.calendarVersion);
  });
});

describe('calendar overrides', () => {
  it('a day the contract declares off moves a due date', () => {
    const closed = obligationSchedule(
      variant(chongzuo, {
        calendarOverrides: [
          { date: '2026-06-01', working: false, reason: '医院停电检修' },
        ],
      }),
    );
    // back to Friday 29 May; the report still counts 2, 3, 4 June
    expect(utc(occurrence(closed, 'inspection.quarterly#1').dueAt)).toBe(
      '2026-05-29T10:00:00.000Z',
    );
    expect(utc(occurrence(closed, 'inspection.quarterly#1/report').dueAt)).toBe(
      '2026-06-04T10:00:00.000Z',
    );
    expect(closed.calendarVersion).not.toBe(calendar.version);
  });

  it("an operator's override moves the National Day notice", () => {
    const closed = obligationSchedule(chongzuo, {
      calendarOptions: {
        overrides: [{ date: '2026-09-30', working: false, reason: '区域停电' }],
      },
    });
    const notice = parents(
      closed,
      'holiday-duty-notice.before-statutory-holiday',
    ).find(o => o.holiday === '国庆节')!;
    expect(utc(notice.dueAt)).toBe('2026-09-29T10:00:00.000Z');
  });

  it('once the next year is published, nothing is provisional', () => {
    // A made-up 2027 arrangement an operator might add through config.
    const official = withOfficialDays(CHINESE_OFFICIAL_DAYS, {
      years: [2027],
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
    });
    const schedule = obligationSchedule(chongzuo, {
      calendarOptions: { official },
    });
    expect(schedule.warnings).toEqual([]);
    expect(schedule.occurrences.some(o => o.provisional)).toBe(false);
    expect(
      parents(schedule, 'holiday-duty-notice.before-statutory-holiday').pop(),
    ).toMatchObject({ windowStart: '2027-01-01', windowEnd: '2027-01-03' });
  });
});

describe('rules on made-up contracts', () => {
  const only = (
    obligations: RecurringObligation[],
    period: MaintenanceContractEntityV1alpha1['spec']['period'] = {
      start: '2026-03-02',
      end: '2027-03-01',
    },
    namespace?: string,
  ) =>
    obligationSchedule(variant(chongzuo, { obligations, period }, namespace));

  it('names obligations by kind, frequency and systems, numbering repeats', () => {
    const schedule = only(
      [
        { kind: 'health-check', frequency: 'yearly' },
        { kind: 'health-check', frequency: 'yearly' },
        {
          kind: 'certificate-renewal',
          frequency: 'yearly',
          systems: ['ca-chongzuo', 'component:default/zlhis-chongzuo'],
        },
      ],
      undefined,
      'guangxi',
    );
    expect(schedule.contractRef).toBe(
      'maintenancecontract:guangxi/chongzuo-mch-2026',
    );
    expect(
      schedule.occurrences.map(o => [o.key, o.systems, o.systemRef]),
    ).toEqual([
      [
        'certificate-renewal.yearly.ca-chongzuo+zlhis-chongzuo@component:default/zlhis-chongzuo#1',
        ['component:default/zlhis-chongzuo'],
        'component:default/zlhis-chongzuo',
      ],
      [
        'certificate-renewal.yearly.ca-chongzuo+zlhis-chongzuo@component:guangxi/ca-chongzuo#1',
        ['component:guangxi/ca-chongzuo'],
        'component:guangxi/ca-chongzuo',
      ],
      ['health-check.yearly#1', [], undefined],
      ['health-check.yearly~2#1', [], undefined],
    ]);
  });

  it('plans a duty of the contract once per due date, and a duty of each system once per system', () => {
    const schedule = only([
      // listed systems, but the contract's duty: one occurrence concerning both
      {
        kind: 'inspection',
        frequency: 'yearly',
        per: 'contract',
        systems: ['ca-chongzuo', 'zlhis-chongzuo'],
      },
      // each covered system's own (the example contract covers 8)
      { kind: 'backup', frequency: 'yearly', per: 'system' },
    ]);
    const inspections = schedule.occurrences.filter(
      o => o.kind === 'inspection',
    );
    expect(inspections.map(o => [o.key, o.systemRef, o.systems])).toEqual([
      [
        'inspection.yearly.ca-chongzuo+zlhis-chongzuo#1',
        undefined,
        ['component:default/ca-chongzuo', 'component:default/zlhis-chongzuo'],
      ],
    ]);
    const backups = schedule.occurrences.filter(o => o.kind === 'backup');
    expect(backups).toHaveLength(chongzuo.spec.covers.length);
    expect(new Set(backups.map(o => o.systemRef)).size).toBe(8);
    expect(backups.map(o => o.key)).toContain(
      'backup.yearly@component:default/zlhis-chongzuo#1',
    );
    expect(backups.every(o => o.systems.length === 1)).toBe(true);
  });

  it('plans a counted duty without count once, with a warning', () => {
    const schedule = only([{ kind: 'training', frequency: 'per-contract' }]);
    expect(schedule.occurrences.map(o => [o.sequence, o.count])).toEqual([
      [1, 1],
    ]);
    expect(schedule.warnings).toContain(
      'training.per-contract has no count: planned once.',
    );
  });

  it('counts month windows from the 31st without drifting to the 28th', () => {
    // luxon clamps 31 Jan + 1 month to 28 Feb, but 31 Jan + 2 months is 31 March; three
    // months from 31 Jan end on 29 April, as contractPeriodBounds counts them.
    const schedule = only([{ kind: 'incident-review', frequency: 'monthly' }], {
      start: '2026-01-31',
      end: '2026-04-29',
    });
    expect(schedule.occurrences.map(windowAndDue)).toEqual([
      ['2026-01-31', '2026-02-27', '2026-02-27T10:00:00.000Z'],
      ['2026-02-28', '2026-03-30', '2026-03-30T10:00:00.000Z'],
      ['2026-03-31', '2026-04-29', '2026-04-29T10:00:00.000Z'],
    ]);
  });

  it('dues a window without a working day at the first working day after it', () => {
    const schedule = only([{ kind: 'communication', frequency: 'weekly' }], {
      start: '2026-10-01',
      end: '2026-10-09',
    });
    expect(schedule.occurrences.map(windowAndDue)).toEqual([
      ['2026-10-01', '2026-10-07', '2026-10-08T10:00:00.000Z'],
      ['2026-10-08', '2026-10-09', '2026-10-09T10:00:00.000Z'],
    ]);
  });

  it('skips a break that began before the period', () => {
    const notice: RecurringObligation = {
      kind: 'holiday-duty-notice',
      frequency: 'before-statutory-holiday',
    };
    expect(
      only([notice], { start: '2026-10-03', end: '2026-12-31' }).occurrences,
    ).toEqual([]);
    expect(
      only([notice], { start: '2026-09-30', end: '2026-10-31' }).occurrences,
    ).toMatchObject([{ holiday: '国庆节', windowEnd: '2026-10-07' }]);
  });

  it("counts a daily duty's follow-up from the end of its day", () => {
    const schedule = only(
      [
        {
          kind: 'backup',
          frequency: 'daily',
          followUp: {
            kind: 'report',
            within: { amount: 1, unit: 'working-days' },
          },
        },
      ],
      { start: '2026-04-02', end: '2026-04-03' },
    );
    expect(
      followUps(schedule, 'backup.daily').map(o => [
        o.windowStart,
        utc(o.dueAt),
      ]),
    ).toEqual([
      ['2026-04-02', '2026-04-03T10:00:00.000Z'],
      ['2026-04-03', '2026-04-07T10:00:00.000Z'], // after Qingming
    ]);
  });

  it('knows the period from final acceptance once its start is in the contract', () => {
    const schedule = obligationSchedule(
      variant(longzhou, {
        period: { from: 'final-acceptance', months: 6, start: '2026-07-15' },
      }),
      { acceptedAt: '2026-01-01' }, // the contract's own date wins
    );
    expect([schedule.periodStart, schedule.periodEnd]).toEqual([
      '2026-07-15',
      '2027-01-14',
    ]);
    expect(parents(schedule, 'inspection.monthly')).toHaveLength(6);
  });

  it('warns about a period from signing not recorded yet', () => {
    const schedule = only([{ kind: 'health-check', frequency: 'yearly' }], {
      from: 'signing',
      years: 1,
    });
    expect(schedule.occurrences).toEqual([]);
    expect(schedule.warnings).toEqual([
      expect.stringMatching(/starts at signing/),
    ]);
  });

  it('rejects an acceptance date that is not a date', () => {
    expect(() =>
      obligationSchedule(longzhou, { acceptedAt: '2026-13-01' }),
    ).toThrow(/acceptedAt must be a date/);
  });
});
