import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  obligationReadPermission,
  upgradeReadPermission,
} from '@weibao/plugin-weibao-common';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import request from 'supertest';
import {
  CRITICAL_CARE_TEAM,
  HIS_TEAM,
  LI_NA,
  PortalBackend,
  startPortalBackend,
} from '../__testUtils__/portalBackend';
import { policyByName } from '../__testUtils__/permissions';

jest.setTimeout(120_000);

const databases = createWeibaoTestDatabases();

/** Declared freezes: one at the Chongzuo hospital, one elsewhere, one everywhere. */
const FREEZES = [
  {
    from: '2026-12-24',
    to: '2026-12-26',
    reason: '等级评审迎检',
    hospital: 'system:default/chongzuo-mch',
  },
  {
    from: '2026-12-14',
    to: '2026-12-15',
    reason: '龙州县医院信息化验收',
    hospital: 'system:default/longzhou-people',
  },
  { from: '2027-01-02', to: '2027-01-10', reason: '全区医保系统切换' },
];

type Day = {
  date: string;
  inMonth: boolean;
  weekday: number;
  kind: string;
  holiday: string | null;
  events: Array<Record<string, any>>;
};

const daysOf = (body: { weeks: Day[][] }) => body.weeks.flat();
const dayOf = (body: { weeks: Day[][] }, date: string) =>
  daysOf(body).find(d => d.date === date)!;
const dutiesOf = (day: Day) =>
  day.events
    .filter(e => e.kind === 'duty')
    .map(
      e =>
        `${e.obligationId}${e.followUpKind ? `/${e.followUpKind}` : ''}${
          e.count > 1 ? ` ×${e.count}` : ''
        } ${e.state}`,
    );

describe.each(databases.eachSupportedId())(
  'team calendar on %p',
  databaseId => {
    let backend: PortalBackend;
    const december = () =>
      backend.get(`/calendar?month=2026-12&ownerRef=${HIS_TEAM}`);

    beforeAll(async () => {
      // the contracts' duties generated on Monday 30 November 2026; the calendar read on Thursday 3 December
      backend = await startPortalBackend(databases, databaseId, {
        start: '2026-11-30T09:00:00+08:00',
        freezes: FREEZES,
      });
      await backend.syncObligations();
      const plan = await backend.post(
        '/upgrade-plans',
        {
          systemRef: 'component:default/queue-chongzuo',
          title: '排队叫号 3.2 → 3.3',
          fromVersion: '3.2',
          toVersion: '3.3',
          architecture: 'x86_64',
          targetArchitecture: 'x86_64',
          scope: ['server'],
          window: {
            start: '2026-12-19T20:00:00+08:00',
            end: '2026-12-19T22:00:00+08:00',
            expectedDowntimeMinutes: 30,
          },
          responsible: [LI_NA],
          hospitalContact: { name: '信息科 李主任', contact: '0771-7820000' },
        },
        '2026-12-02T16:00:00+08:00',
      );
      if (plan.status !== 201) throw new Error(JSON.stringify(plan.body));
      // the third-quarter drill (due 1 December), done a day late
      const list = await backend.get(
        `/obligations?contractRef=chongzuo-mch-2026&kind=drill&dueFrom=2026-12-01T00:00:00%2B08:00&dueTo=2026-12-02T00:00:00%2B08:00`,
      );
      if (list.body.items?.length !== 1) {
        throw new Error(
          `one third-quarter drill: ${JSON.stringify(list.body)}`,
        );
      }
      const drill = await backend.post(
        '/drills',
        {
          systemRef: 'component:default/zlhis-chongzuo',
          scenario: '服务器宕机',
          occurrenceId: list.body.items[0].id,
          performedAt: '2026-12-02T15:00:00+08:00',
          participants: ['李娜', '黄俊'],
          recoveryMinutes: 55,
          targetMinutes: 60,
        },
        '2026-12-02T18:00:00+08:00',
      );
      if (drill.status !== 201) throw new Error(JSON.stringify(drill.body));
      backend.setNow('2026-12-03T10:00:00+08:00');
    });

    it('lays December 2026 out in weeks from Monday with 元旦, weekends and the team', async () => {
      const res = await december();
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body).toMatchObject({
        month: '2026-12',
        evaluatedAt: '2026-12-03T02:00:00.000Z',
        ownerRefs: [HIS_TEAM],
        timeZone: 'Asia/Shanghai',
        truncated: false,
      });
      expect(body.calendarVersion).toMatch(/^5x8@/);
      // Tuesday 1 December to Thursday 31 December: Monday 30 November to Sunday 3 January
      expect(body.weeks).toHaveLength(5);
      expect(body.weeks.every((w: Day[]) => w.length === 7)).toBe(true);
      expect(daysOf(body)[0]).toMatchObject({
        date: '2026-11-30',
        inMonth: false,
        weekday: 1,
      });
      expect(dayOf(body, '2027-01-01')).toMatchObject({
        inMonth: false,
        kind: 'holiday',
        holiday: '元旦',
      });
      expect(
        daysOf(body)
          .filter(d => d.inMonth && d.kind !== 'workday')
          .map(d => d.date),
      ).toEqual([
        '2026-12-05',
        '2026-12-06',
        '2026-12-12',
        '2026-12-13',
        '2026-12-19',
        '2026-12-20',
        '2026-12-26',
        '2026-12-27',
      ]);
    });

    it("shows the Chongzuo contract's duties on their days, one entry per duty and day, in their state", async () => {
      const body = (await december()).body;
      // the end of the third contract quarter (2 September to 1 December): its duties, overdue
      // on 3 December, but the drill, done on 2 December; the daily backups of the three systems
      // the contract names (ZLHIS, SmartAnes, aECG) as one entry ×3
      expect(dutiesOf(dayOf(body, '2026-12-01'))).toEqual([
        'backup.daily.zlhis-chongzuo+smartanes-chongzuo+aecg-chongzuo ×3 overdue',
        'incident-review.monthly overdue',
        'inspection.quarterly overdue',
        'maintenance-report.monthly overdue',
        'maintenance-report.quarterly overdue',
        'performance-evaluation.quarterly overdue',
        'return-visit.quarterly overdue',
        'drill.quarterly done',
      ]);
      // the inspection's written report 3 working days after it; the weekly duties on Friday
      expect(dutiesOf(dayOf(body, '2026-12-04'))).toEqual([
        'backup.daily.zlhis-chongzuo+smartanes-chongzuo+aecg-chongzuo ×3 due',
        'backup.weekly.zlhis-chongzuo+smartanes-chongzuo+aecg-chongzuo ×3 due',
        'communication.weekly due',
        'inspection.quarterly/report due',
      ]);
      // the duty notice before 元旦, and the month's incident review and report
      expect(dutiesOf(dayOf(body, '2026-12-31'))).toEqual([
        'backup.daily.zlhis-chongzuo+smartanes-chongzuo+aecg-chongzuo ×3 upcoming',
        'backup.weekly.zlhis-chongzuo+smartanes-chongzuo+aecg-chongzuo ×3 upcoming',
        'communication.weekly upcoming',
        'holiday-duty-notice.before-statutory-holiday upcoming',
        'incident-review.monthly upcoming',
        'maintenance-report.monthly upcoming',
      ]);
      const drill = dayOf(body, '2026-12-01').events.find(
        e => e.obligationId === 'drill.quarterly',
      )!;
      const occurrence = await backend.get(
        `/obligations/${drill.occurrenceId}`,
      );
      expect(occurrence.body).toMatchObject({
        kind: 'drill',
        state: 'done',
        dueAt: '2026-12-01T10:00:00.000Z',
      });
    });

    it('counts every occurrence of the month that GET /obligations lists, once', async () => {
      const body = (await december()).body;
      const states = ['overdue', 'due', 'upcoming', 'done', 'waived']
        .map(s => `&state=${s}`)
        .join('');
      const listed = await backend.get(
        `/obligations?ownerRef=${HIS_TEAM}&dueFrom=2026-11-30T00:01:00%2B08:00&dueTo=2027-01-04T00:01:00%2B08:00&limit=500${states}`,
      );
      expect(listed.status).toBe(200);
      const perDay = new Map<string, number>();
      for (const o of listed.body.items) {
        // on the day it ends: the backup due at 24:00 on its own day
        const date = new Date(Date.parse(o.dueAt) + 8 * 3_600_000 - 1)
          .toISOString()
          .slice(0, 10);
        const key = `${date} ${o.obligationId}${
          o.followUpKind ? `/${o.followUpKind}` : ''
        }`;
        perDay.set(key, (perDay.get(key) ?? 0) + 1);
      }
      const shown = new Map<string, number>();
      for (const day of daysOf(body))
        for (const e of day.events.filter(x => x.kind === 'duty'))
          shown.set(
            `${day.date} ${e.obligationId}${
              e.followUpKind ? `/${e.followUpKind}` : ''
            }`,
            e.count,
          );
      expect(shown).toEqual(perDay);
      expect(listed.body.totalCount).toBeGreaterThan(40);
    });

    it('shows the upgrade window, the drill performed, and the freezes at the Chongzuo hospital or everywhere', async () => {
      const body = (await december()).body;
      expect(
        dayOf(body, '2026-12-19').events.filter(e => e.kind !== 'duty'),
      ).toEqual([
        {
          kind: 'upgrade-window',
          planId: expect.any(String),
          title: '排队叫号 3.2 → 3.3',
          systemRef: 'component:default/queue-chongzuo',
          systemTitle: '一体化排队叫号系统',
          status: 'draft',
          start: '2026-12-19T12:00:00.000Z',
          end: '2026-12-19T14:00:00.000Z',
        },
      ]);
      expect(
        dayOf(body, '2026-12-02').events.filter(e => e.kind === 'drill'),
      ).toEqual([
        {
          kind: 'drill',
          drillId: expect.any(String),
          scenario: '服务器宕机',
          systemRef: 'component:default/zlhis-chongzuo',
          systemTitle: 'ZLHIS 医院信息系统',
          passed: true,
          performedAt: '2026-12-02T07:00:00.000Z',
        },
      ]);
      const frozen = daysOf(body).flatMap(d =>
        d.events
          .filter(e => e.kind === 'freeze')
          .map(e => `${d.date} ${e.reason} ${e.hospitalTitle}`),
      );
      // the Longzhou hospital's freeze is not the HIS team's
      expect(frozen).toEqual([
        '2026-12-24 等级评审迎检 崇左市妇幼保健院',
        '2026-12-25 等级评审迎检 崇左市妇幼保健院',
        '2026-12-26 等级评审迎检 崇左市妇幼保健院',
        '2027-01-02 全区医保系统切换 null',
        '2027-01-03 全区医保系统切换 null',
      ]);
    });

    it("takes the caller's own teams by default, and another team's calendar is its own", async () => {
      // the caller belongs to the critical-care team, whose contract awaits its final acceptance:
      // no duties, no plans; the freezes at its Longzhou hospital and everywhere
      const own = await backend.get('/calendar?month=2026-12');
      expect(own.status).toBe(200);
      expect(own.body.ownerRefs).toEqual([LI_NA, CRITICAL_CARE_TEAM]);
      expect(
        daysOf(own.body).flatMap(d =>
          d.events.map(e => `${d.date} ${e.kind} ${e.hospitalTitle}`),
        ),
      ).toEqual([
        '2026-12-14 freeze 龙州县人民医院',
        '2026-12-15 freeze 龙州县人民医院',
        '2027-01-02 freeze null',
        '2027-01-03 freeze null',
      ]);
    });

    it.each([
      ['month=2026-13', 'month: 2026-13 has no month 13'],
      ['month=1999-12', 'month: 1999-12 is outside the years Weibao serves'],
      ['month=2100-01', 'month: 2100-01 is outside the years Weibao serves'],
      ['month=12-2026', 'month: must be a month written YYYY-MM'],
      ['month=2026-12&ownerRef=group:default/', 'ownerRef'],
    ])('answers 400 naming the field for %s', async (query, message) => {
      const res = await backend.get(`/calendar?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('answers 401 without credentials', async () => {
      const res = await request(backend.server).get(
        '/api/weibao/calendar?month=2026-12',
      );
      expect(res.status).toBe(401);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'team calendar with read permissions on %p',
  databaseId => {
    it('leaves out what the caller may not read and keeps the rest', async () => {
      const backend = await startPortalBackend(databases, databaseId, {
        start: '2026-11-30T09:00:00+08:00',
        permissions: policyByName({
          [obligationReadPermission.name]: { result: AuthorizeResult.DENY },
          [upgradeReadPermission.name]: { result: AuthorizeResult.ALLOW },
        }),
      });
      await backend.syncObligations();
      const plan = await backend.post(
        '/upgrade-plans',
        {
          systemRef: 'component:default/zlhis-chongzuo',
          title: 'ZLHIS 10.35 → 10.36',
          fromVersion: '10.35',
          toVersion: '10.36',
          architecture: 'x86_64',
          targetArchitecture: 'x86_64',
          scope: ['server', 'database'],
          window: {
            start: '2026-12-12T20:00:00+08:00',
            end: '2026-12-13T02:00:00+08:00',
            expectedDowntimeMinutes: 120,
          },
          responsible: [LI_NA],
          hospitalContact: { name: '信息科 李主任', contact: '0771-7820000' },
        },
        '2026-12-01T10:00:00+08:00',
      );
      expect(plan.status).toBe(201);
      const res = await backend.get(
        `/calendar?month=2026-12&ownerRef=${HIS_TEAM}`,
      );
      expect(res.status).toBe(200);
      const kinds = daysOf(res.body).map(d => [
        d.date,
        d.events.map(e => e.kind),
      ]);
      // no duties at all; the window over midnight on both its days
      expect(kinds.filter(([, k]) => k.length)).toEqual([
        ['2026-12-12', ['upgrade-window']],
        ['2026-12-13', ['upgrade-window']],
      ]);
    });
  },
);
