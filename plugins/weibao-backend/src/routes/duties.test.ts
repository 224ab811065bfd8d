import { Entity } from '@backstage/catalog-model';
import {
  createWeibaoTestDatabases,
  exampleCatalog,
} from '@weibao/test-support';
import {
  CHONGZUO_CONTRACT,
  HIS_TEAM,
  PortalBackend,
  reportTheMorning,
  startPortalBackend,
  uncoveredPacs,
} from '../__testUtils__/portalBackend';

jest.setTimeout(120_000);

/*
 * Issue 16: duties tracked from the contract's tracking start, duties of a system apart from the
 * contract's, grouped with counts, completed or waived in bulk, and honest about late records.
 */

const databases = createWeibaoTestDatabases();

const MORNING = '2026-11-02T09:00:00+08:00';
const ZLHIS = 'component:default/zlhis-chongzuo';
const CA = 'component:default/ca-chongzuo';
const BACKUPS = 'backup.daily.zlhis-chongzuo+smartanes-chongzuo+aecg-chongzuo';
const q = encodeURIComponent;

/** The example catalog, the Chongzuo contract tracked from `trackingStart` (if given). */
function catalogTrackedFrom(trackingStart?: string): Entity[] {
  return [
    ...exampleCatalog().map(e =>
      trackingStart &&
      e.kind === 'MaintenanceContract' &&
      e.metadata.name === 'chongzuo-mch-2026'
        ? { ...e, spec: { ...e.spec, trackingStart } }
        : e,
    ),
    uncoveredPacs,
  ];
}

async function overdueOfContract(backend: PortalBackend): Promise<number> {
  const res = await backend.get(
    `/obligations?contractRef=${q(CHONGZUO_CONTRACT)}&state=overdue&limit=1`,
  );
  expect(res.status).toBe(200);
  return res.body.totalCount;
}

describe.each(databases.eachSupportedId())('duties on %p', databaseId => {
  describe('a contract loaded mid-period, without a tracking start', () => {
    let backend: PortalBackend;
    beforeAll(async () => {
      backend = await startPortalBackend(databases, databaseId, {
        start: MORNING,
        entities: catalogTrackedFrom(),
      });
      await backend.syncObligations();
    });

    it('is tracked from the moment Weibao first saw it: nothing before is overdue', async () => {
      expect(await overdueOfContract(backend)).toBe(0);
      const before = await backend.get(
        `/obligations?contractRef=${q(
          CHONGZUO_CONTRACT,
        )}&state=before-tracking&obligationId=${q(BACKUPS)}&systemRef=${q(
          ZLHIS,
        )}&limit=500`,
      );
      expect(before.status).toBe(200);
      // every day's backup of ZLHIS from 2 March to 1 November 2026: 245 days
      expect(before.body.totalCount).toBe(245);
      const first = before.body.items[0];
      expect(first).toMatchObject({
        state: 'before-tracking',
        systemRef: ZLHIS,
        windowStart: '2026-03-02',
      });
      const detail = await backend.get(`/obligations/${first.id}`);
      expect(detail.body.history).toEqual([
        expect.objectContaining({
          type: 'planned',
          payload: expect.objectContaining({ beforeTracking: true }),
        }),
      ]);
      // the health summary of the system counts none of them
      const health = await backend.get(
        '/systems/default/zlhis-chongzuo/health',
      );
      expect(health.body.obligations).toMatchObject({ overdue: 0 });
    });

    it('tracks what falls due from then on: two days later the backups of 2 and 3 November are overdue', async () => {
      backend.setNow('2026-11-04T10:00:00+08:00');
      const res = await backend.get(
        `/obligations?contractRef=${q(
          CHONGZUO_CONTRACT,
        )}&state=overdue&kind=backup&limit=100`,
      );
      // daily backups due at 24:00 on 2 and 3 November, on three systems
      expect(
        res.body.items
          .map((o: any) => `${o.windowStart} ${o.systemRef}`)
          .sort(),
      ).toEqual(
        ['2026-11-02', '2026-11-03'].flatMap(d =>
          [
            'component:default/aecg-chongzuo',
            'component:default/smartanes-chongzuo',
            ZLHIS,
          ].map(s => `${d} ${s}`),
        ),
      );
      backend.setNow(MORNING);
    });
  });

  describe('a contract tracked from 1 October 2026', () => {
    let backend: PortalBackend;
    beforeAll(async () => {
      backend = await startPortalBackend(databases, databaseId, {
        start: MORNING,
        entities: catalogTrackedFrom('2026-10-01'),
      });
      await reportTheMorning(backend);
    });

    it('groups the duties of a system apart from the contract-wide ones, with counts', async () => {
      const res = await backend.get(
        `/obligations/groups?systemRef=${q(ZLHIS)}`,
      );
      expect(res.body.error).toBeUndefined();
      expect(res.status).toBe(200);
      const groups: any[] = res.body.groups;
      const backups = groups.find(
        g => g.obligationId === BACKUPS && g.systemRef === ZLHIS,
      );
      // 1 October to 1 November: 32 daily backups overdue; the next 7 days are due
      expect(backups).toMatchObject({
        kind: 'backup',
        frequency: 'daily',
        followUp: null,
        description: '每日增量备份',
        counts: expect.objectContaining({ overdue: 32, due: 7 }),
        oldestOverdueAt: '2026-10-01T16:00:00.000Z',
      });
      expect(backups.counts['before-tracking']).toBe(213);
      // the contract-wide duties appear once, without a system, and no other system's backups
      const inspection = groups.filter(
        g => g.obligationId === 'inspection.quarterly' && !g.followUp,
      );
      expect(inspection).toEqual([
        expect.objectContaining({ systemRef: null }),
      ]);
      expect(
        groups.filter(g => g.systemRef !== null && g.systemRef !== ZLHIS),
      ).toEqual([]);
      // most overdue first
      const overdue = groups.map(g => g.counts.overdue);
      expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    });

    it("counts a system's own duties on it, and the contract's once in the team's totals", async () => {
      const { body } = await backend.get(
        `/team-overview?ownerRef=${q(HIS_TEAM)}`,
      );
      const bySystem = new Map<string, any>(
        body.systems.map((s: any) => [s.systemRef, s]),
      );
      // ZLHIS: its daily backups (32) and weekly ones (1 Oct is a Thursday: 4 weeks ended)
      expect(bySystem.get(ZLHIS).obligations.overdue).toBe(32 + 4);
      // the CA system has no duty of its own overdue: the contract's are not counted on it
      expect(bySystem.get(CA).obligations.overdue).toBe(0);
      expect(bySystem.get(CA).risk).toBe('ok');
      expect(body.totals.overdueObligations).toBe(
        await overdueOfContract(backend),
      );
      const health = await backend.get('/systems/default/ca-chongzuo/health');
      expect(health.body.obligations.overdue).toBe(0);
    });

    it('completes a whole group in one action, each occurrence with its own history row', async () => {
      const before = await backend.get(
        `/obligations/groups?systemRef=${q(ZLHIS)}&kind=backup`,
      );
      const group = before.body.groups.find(
        (g: any) => g.obligationId === BACKUPS,
      );
      const res = await backend.post('/obligations/bulk-complete', {
        group: {
          contractRef: CHONGZUO_CONTRACT,
          obligationId: BACKUPS,
          systemRef: ZLHIS,
          states: ['overdue'],
        },
        note: '备份作业日志已核对',
        links: [{ title: 'NBU job log', url: 'https://backup.example/jobs' }],
      });
      expect(res.status).toBe(200);
      expect(res.body.count).toBe(group.counts.overdue);
      expect(
        res.body.items.every(
          (o: any) =>
            o.state === 'done' &&
            o.systemRef === ZLHIS &&
            o.done.onTime === false &&
            o.done.lateRecord === false &&
            o.done.evidence.note === '备份作业日志已核对',
        ),
      ).toBe(true);
      const after = await backend.get(
        `/obligations/groups?systemRef=${q(ZLHIS)}&kind=backup`,
      );
      const now = after.body.groups.find(
        (g: any) => g.obligationId === BACKUPS,
      );
      expect(now.counts).toMatchObject({
        overdue: 0,
        due: group.counts.due,
        done: group.counts.overdue,
      });
      const detail = await backend.get(`/obligations/${res.body.items[0].id}`);
      expect(detail.body.history.map((h: any) => h.type)).toEqual([
        'planned',
        'completed',
      ]);
      // the other systems' backups are untouched
      const other = await backend.get(
        `/obligations/groups?systemRef=${q(
          'component:default/smartanes-chongzuo',
        )}&kind=backup`,
      );
      expect(
        other.body.groups.find((g: any) => g.obligationId === BACKUPS).counts
          .overdue,
      ).toBe(32);
    });

    it("lists a duty's own occurrences apart from its follow-ups", async () => {
      const of = async (followUp: string) =>
        (
          await backend.get(
            `/obligations?contractRef=${q(
              CHONGZUO_CONTRACT,
            )}&obligationId=inspection.quarterly&followUp=${followUp}&limit=10`,
          )
        ).body.items.map((o: any) => o.key);
      expect(await of('none')).toEqual([
        'inspection.quarterly#1',
        'inspection.quarterly#2',
        'inspection.quarterly#3',
        'inspection.quarterly#4',
      ]);
      expect(await of('report')).toEqual([
        'inspection.quarterly#1/report',
        'inspection.quarterly#2/report',
        'inspection.quarterly#3/report',
        'inspection.quarterly#4/report',
      ]);
    });

    it('changes nothing when one occurrence of a selection cannot change', async () => {
      const list = await backend.get(
        `/obligations?systemRef=${q(
          'component:default/aecg-chongzuo',
        )}&obligationId=${q(BACKUPS)}&state=overdue&limit=3`,
      );
      const [a, b, c] = list.body.items;
      const res = await backend.post('/obligations/bulk-waive', {
        occurrences: [
          { id: a.id, version: a.version },
          { id: b.id, version: b.version + 1 }, // a version nobody saw
          { id: c.id, version: c.version },
        ],
        reason: '服务器停机检修',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/^version: /);
      for (const o of [a, b, c]) {
        const detail = (await backend.get(`/obligations/${o.id}`)).body;
        expect(detail).toMatchObject({ state: 'overdue', version: o.version });
        expect(detail.history).toHaveLength(1);
      }
      const ok = await backend.post('/obligations/bulk-waive', {
        occurrences: [a, b].map(o => ({ id: o.id, version: o.version })),
        reason: '服务器停机检修',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.items.map((o: any) => o.waived.reason)).toEqual([
        '服务器停机检修',
        '服务器停机检修',
      ]);
    });

    it.each([
      [{ reason: 'x' }, /^occurrences: give one of/],
      [
        {
          reason: 'x',
          occurrences: [
            { id: '00000000-0000-4000-8000-000000000000', version: 1 },
          ],
          group: {
            contractRef: CHONGZUO_CONTRACT,
            obligationId: BACKUPS,
            systemRef: ZLHIS,
          },
        },
        /^occurrences: give one of/,
      ],
      [
        {
          reason: 'x',
          occurrences: [
            { id: '00000000-0000-4000-8000-000000000000', version: 1 },
          ],
        },
        /^occurrences\[0\]\.id: no obligation occurrence/,
      ],
      [
        {
          reason: 'x',
          group: {
            contractRef: CHONGZUO_CONTRACT,
            obligationId: BACKUPS,
            systemRef: 'user:default/li.na',
          },
        },
        /^group\.systemRef: /,
      ],
    ])('refuses %j with a 400 naming the field', async (body, message) => {
      const res = await backend.post('/obligations/bulk-waive', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('waives several whole duties in one transaction, or none of them', async () => {
      const ecg = 'component:default/aecg-chongzuo';
      const weekly = BACKUPS.replace('daily', 'weekly');
      const counts = async () =>
        Object.fromEntries(
          (
            await backend.get(
              `/obligations/groups?systemRef=${q(ecg)}&kind=backup`,
            )
          ).body.groups.map((g: any) => [g.obligationId, g.counts.overdue]),
        );
      const before = await counts();
      expect(before[weekly]).toBeGreaterThan(0);
      // the second names a duty that has nothing overdue: nothing is waived
      const refused = await backend.post('/obligations/bulk-waive', {
        groups: [
          {
            contractRef: CHONGZUO_CONTRACT,
            obligationId: weekly,
            systemRef: ecg,
            states: ['overdue'],
          },
          {
            contractRef: CHONGZUO_CONTRACT,
            obligationId: 'training.per-contract',
            systemRef: null,
            states: ['overdue'],
          },
        ],
        reason: '机房搬迁,备份暂停',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(
        /^groups\[1\]: training\.per-contract/,
      );
      expect(await counts()).toEqual(before);
      const res = await backend.post('/obligations/bulk-waive', {
        groups: [
          {
            contractRef: CHONGZUO_CONTRACT,
            obligationId: weekly,
            systemRef: ecg,
            states: ['overdue'],
          },
          {
            contractRef: CHONGZUO_CONTRACT,
            obligationId: BACKUPS,
            systemRef: ecg,
            states: ['overdue'],
          },
        ],
        reason: '机房搬迁,备份暂停',
      });
      expect(res.status).toBe(200);
      expect(res.body.count).toBe(before[weekly] + before[BACKUPS]);
      expect(await counts()).toEqual({ [weekly]: 0, [BACKUPS]: 0 });
    });

    it('answers 409 for a duty with nothing left to complete', async () => {
      const res = await backend.post('/obligations/bulk-complete', {
        group: {
          contractRef: CHONGZUO_CONTRACT,
          obligationId: BACKUPS,
          systemRef: ZLHIS,
          states: ['overdue'],
        },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(
        /has no occurrence that is overdue/,
      );
    });

    it('marks a completion entered after its due time with an earlier done date as a late record', async () => {
      const list = await backend.get(
        `/obligations?systemRef=${q(
          'component:default/smartanes-chongzuo',
        )}&obligationId=${q(BACKUPS)}&state=overdue&limit=100`,
      );
      // the backup of Sunday 1 November, due at 24:00: done at 23:00, entered on Monday morning
      const o = list.body.items[list.body.items.length - 1];
      expect(o.dueAt).toBe('2026-11-01T16:00:00.000Z');
      const res = await backend.post(`/obligations/${o.id}/complete`, {
        version: o.version,
        doneAt: '2026-11-01T23:00:00+08:00',
        note: '备份成功',
      });
      expect(res.status).toBe(200);
      expect(res.body.done).toMatchObject({
        at: '2026-11-01T15:00:00.000Z',
        onTime: true,
        lateRecord: true,
        recordedAt: '2026-11-02T02:56:00.000Z', // 10:56, after the morning's reports
      });
      // done late and entered late is late, not a late record
      const earlier = list.body.items[list.body.items.length - 2];
      const late = await backend.post(`/obligations/${earlier.id}/complete`, {
        version: earlier.version,
      });
      expect(late.body.done).toMatchObject({
        onTime: false,
        lateRecord: false,
      });
    });

    it('counts no penalty for a clock that fell due before the tracking start', async () => {
      const standing = async () =>
        (
          await backend.get(
            `/contract-standing?entityRef=${q(CHONGZUO_CONTRACT)}`,
          )
        ).body.contract.exposure;
      // the ZLHIS response was due at 10:30 on 2 November, after 1 October: counted
      expect((await standing()).breaches.length).toBeGreaterThan(0);
    });
  });

  describe('a contract tracked from a day after the breaches', () => {
    it('leaves out of the penalty every clock due before it', async () => {
      const backend = await startPortalBackend(databases, databaseId, {
        start: MORNING,
        entities: catalogTrackedFrom('2026-11-03'),
      });
      await reportTheMorning(backend);
      backend.setNow('2026-11-02T12:00:00+08:00');
      const res = await backend.get(
        `/contract-standing?entityRef=${q(CHONGZUO_CONTRACT)}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.contract.exposure).toMatchObject({
        amount: 0,
        breaches: [],
      });
    });
  });
});
