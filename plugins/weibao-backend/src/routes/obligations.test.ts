import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  createWeibaoTestDatabases,
  exampleCatalog,
} from '@weibao/test-support';
import request from 'supertest';
import { DatabaseIncidentStore } from '../database/incidents/DatabaseIncidentStore';
import { DatabaseObligationStore } from '../database/obligations/DatabaseObligationStore';
import { weibaoPlugin } from '../plugin';
import { ObligationNotices } from '../tasks/obligationNotices';
import { ObligationService } from '../services/obligations/ObligationService';

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();
const CONTRACT = 'maintenancecontract:default/chongzuo-mch-2026';
const at = (iso: string) => Date.parse(iso);

describe.each(databases.eachSupportedId())('obligations on %p', databaseId => {
  async function setUp(
    entities: Entity[] = exampleCatalog({ trackingStart: '2026-03-02' }),
  ) {
    const knex = await databases.init(databaseId);
    await DatabaseIncidentStore.create({
      database: mockServices.database({ knex }),
    });
    const store = new DatabaseObligationStore(knex);
    let now = at('2026-06-20T09:00:00+08:00');
    const sent: Array<{ to: string; title: string }> = [];
    const catalog = catalogServiceMock({ entities });
    const service = new ObligationService({
      store,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      calendarOptions: {},
      now: () => now,
    });
    const notices = new ObligationNotices({
      store,
      service,
      logger: mockServices.logger.mock(),
      notifications: {
        send: async ({ recipients, payload }) => {
          sent.push({
            to: String((recipients as { entityRef: string }).entityRef),
            title: payload.title,
          });
        },
      },
    });
    const find = async (key: string) => {
      const { items } = await store.list(
        { contractRef: CONTRACT },
        { limit: 2000 },
        now,
        service.leadTimeMs,
      );
      const found = items.find(i => i.plan.key === key);
      if (!found) throw new Error(`no occurrence ${key}`);
      return found;
    };
    return {
      knex,
      store,
      service,
      notices,
      sent,
      find,
      setNow: (ms: number) => {
        now = ms;
      },
    };
  }

  it('generates the contract year once, and regenerating changes nothing', async () => {
    const { service, store } = await setUp();
    const first = await service.syncAll();
    expect(first[CONTRACT].added).toBeGreaterThan(500);
    expect(first[CONTRACT]).toMatchObject({
      rescheduled: 0,
      retired: 0,
      restored: 0,
    });
    // the county hospital's contract starts at a final acceptance not yet recorded
    expect(
      first['maintenancecontract:default/longzhou-people-critical-care'],
    ).toEqual({
      added: 0,
      rescheduled: 0,
      retired: 0,
      restored: 0,
    });
    expect(await service.syncAll()).toEqual({
      [CONTRACT]: { added: 0, rescheduled: 0, retired: 0, restored: 0 },
      'maintenancecontract:default/longzhou-people-critical-care': {
        added: 0,
        rescheduled: 0,
        retired: 0,
        restored: 0,
      },
    });
    const trainings = await store.list(
      { contractRef: CONTRACT, kinds: ['training'] },
      { limit: 10 },
      Date.now(),
      0,
    );
    expect(trainings.totalCount).toBe(3);
    // a contract-wide duty concerns every covered system; the renewal only the CA system
    const ca = await store.list(
      {
        systemRef: 'component:default/ca-chongzuo',
        kinds: ['certificate-renewal'],
      },
      { limit: 10 },
      Date.now(),
      0,
    );
    const his = await store.list(
      {
        systemRef: 'component:default/zlhis-chongzuo',
        kinds: ['certificate-renewal', 'training'],
      },
      { limit: 10 },
      Date.now(),
      0,
    );
    expect([ca.totalCount, his.totalCount]).toEqual([1, 3]);
  });

  it('completes on time and late, moves the report deadline, waives, and keeps history', async () => {
    const { service, find, store, setNow } = await setUp();
    await service.syncAll();
    const inspection = await find('inspection.quarterly#1');
    const report = await find('inspection.quarterly#1/report');

    // the first quarter's inspection, done on Friday 29 May 2026
    setNow(at('2026-05-29T17:00:00+08:00'));
    const done = await service.complete(
      inspection,
      inspection.version,
      {
        doneAt: '2026-05-29T15:00:00+08:00',
        note: '服务器、客户端、数据库性能、接口连通性巡检完成',
        people: ['user:default/li.na', '信息科 李主任'],
      },
      'user:default/li.na',
    );
    expect(service.view(done)).toMatchObject({
      state: 'done',
      done: { onTime: true, by: 'user:default/li.na' },
    });
    // the report is now due 3 working days after the inspection: Mon 1, Tue 2, Wed 3 June, 18:00
    const moved = await find('inspection.quarterly#1/report');
    expect(new Date(moved.dueAt).toISOString()).toBe(
      '2026-06-03T10:00:00.000Z',
    );
    expect(moved.dueAt).not.toBe(report.dueAt);
    const movedHistory = await store.history(moved.id);
    expect(movedHistory.map(h => h.type)).toEqual(['planned', 'rescheduled']);
    expect(movedHistory[1]).toMatchObject({
      actor: 'user:default/li.na',
      at: '2026-05-29T09:00:00.000Z',
      payload: {
        from: new Date(report.dueAt).toISOString(),
        to: '2026-06-03T10:00:00.000Z',
        cause: 'follow-up',
      },
    });

    // the report, handed in a day late
    setNow(at('2026-06-04T12:00:00+08:00'));
    const late = await service.complete(
      moved,
      moved.version,
      { doneAt: '2026-06-04T10:00:00+08:00' },
      'user:default/li.na',
    );
    expect(service.view(late).done).toMatchObject({ onTime: false });

    // the same version again: 409, nothing changes
    await expect(
      service.complete(moved, moved.version, {}, 'user:default/li.na'),
    ).rejects.toThrow(/^version: the occurrence is at version 3, not 2/);

    const evaluation = await find('performance-evaluation.quarterly#1');
    const waived = await service.waive(
      evaluation,
      evaluation.version,
      '医院信息科同意本季度合并至巡检',
      'user:default/zhang.wei',
    );
    expect(service.view(waived)).toMatchObject({
      state: 'waived',
      waived: {
        by: 'user:default/zhang.wei',
        reason: '医院信息科同意本季度合并至巡检',
      },
    });
    await expect(
      service.waive(waived, waived.version, 'again', 'x'),
    ).rejects.toThrow(/^state: the occurrence is already waived/);

    // a survey records its scores, 5..0
    const visit = await find('return-visit.quarterly#1');
    await service.complete(
      visit,
      visit.version,
      { doneAt: '2026-05-20T10:00:00+08:00' },
      'user:default/li.na',
    );
    const survey = await find('return-visit.quarterly#1/survey');
    await expect(
      service.complete(survey, survey.version, {}, 'x'),
    ).rejects.toThrow(/^scores: /);
    await expect(
      service.complete(
        survey,
        survey.version,
        { scores: { 响应速度: 6 } },
        'x',
      ),
    ).rejects.toThrow('scores.响应速度: 6 is not a score from 5 to 0');
    const scored = await service.complete(
      survey,
      survey.version,
      { scores: { 响应速度: 5, 服务态度: 4 } },
      'x',
    );
    expect(service.view(scored).done?.evidence.scores).toEqual({
      响应速度: 5,
      服务态度: 4,
    });
  });

  it('tells the team once ahead of a due date and once when overdue', async () => {
    const { service, notices, sent, setNow } = await setUp();
    setNow(at('2026-03-02T08:00:00+08:00'));
    await service.syncAll();
    const first = await notices.run(at('2026-03-02T08:00:00+08:00'));
    expect(first.due).toBeGreaterThan(0);
    expect(await notices.run(at('2026-03-02T08:00:00+08:00'))).toEqual({
      due: 0,
      overdue: 0,
    });
    const dueTitles = sent.map(s => s.title);
    expect(dueTitles).toContain(
      'Due 2026-03-02 24:00: backup (每日增量备份)'
        .replace('24:00', '00:00')
        .replace('03-02', '03-03'),
    );
    expect(
      sent.every(s => s.to === 'group:default/his-aftersales-guangxi'),
    ).toBe(true);

    const later = at('2026-03-04T09:00:00+08:00');
    const second = await notices.run(later);
    // the daily backups of 2 and 3 March were not recorded, on each of the three systems
    expect(second.overdue).toBe(6);
    expect(await notices.run(later)).toEqual({ due: 0, overdue: 0 });
    expect(sent.filter(s => s.title.startsWith('Overdue'))).toHaveLength(6);
  });

  it('does not announce what was already past when a contract is first loaded', async () => {
    const { service, notices, sent, setNow } = await setUp();
    setNow(at('2026-11-22T09:00:00+08:00'));
    await service.syncAll();
    const first = await notices.run(at('2026-11-22T09:00:00+08:00'));
    expect(first.overdue).toBe(0);
    // only what comes due within the week: the daily backups of 22–28 Nov on three systems
    // (21), their weekly ones (3), the weekly talk with the hospital, …
    expect(first.due).toBeGreaterThan(21);
    expect(first.due).toBeLessThan(40);
    expect(sent.every(s => s.title.startsWith('Due'))).toBe(true);
  });

  it('retires open occurrences a contract no longer has and keeps the done ones', async () => {
    const entities = exampleCatalog();
    const { service, find, store } = await setUp(entities);
    await service.syncAll();
    const review = await find('incident-review.monthly#1');
    await service.complete(
      review,
      review.version,
      { doneAt: '2026-03-30T10:00:00+08:00' },
      'user:default/li.na',
    );
    const contract = entities.find(
      e => e.metadata.name === 'chongzuo-mch-2026',
    )!;
    (contract.spec as any).obligations = (
      contract.spec as any
    ).obligations.filter((o: any) => o.kind !== 'incident-review');
    const result = await service.syncAll();
    expect(result[CONTRACT]).toMatchObject({ added: 0, retired: 11 });
    const { items } = await store.list(
      { contractRef: CONTRACT, kinds: ['incident-review'] },
      { limit: 20 },
      Date.now(),
      0,
    );
    expect(items.map(i => service.view(i).state).sort()).toEqual([
      'done',
      ...Array(11).fill('retired'),
    ]);
  });
});

describe.each(databases.eachSupportedId())(
  'obligation routes on %p',
  databaseId => {
    it('lists, completes with a version, refuses bad input, and adds obligations to the health summary', async () => {
      const knex = await databases.init(databaseId);
      const scheduler = mockServices.scheduler.mock();
      const { server } = await startTestBackend({
        features: [
          weibaoPlugin,
          catalogServiceMock.factory({
            entities: exampleCatalog({ trackingStart: '2026-03-02' }),
          }),
          mockServices.database.factory({ knex }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          scheduler.factory,
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      });
      const job = scheduler.scheduleTask.mock.calls.find(
        ([t]) => t.id === 'weibao-obligations',
      )![0];
      await job.fn(new AbortController().signal as any);

      const auth = mockCredentials.user.header('user:default/li.na');
      const get = (p: string) =>
        request(server).get(`/api/weibao${p}`).set('Authorization', auth);
      const post = (p: string, b: object) =>
        request(server)
          .post(`/api/weibao${p}`)
          .set('Authorization', auth)
          .send(b);

      expect(
        (await request(server).get('/api/weibao/obligations')).status,
      ).toBe(401);
      const list = await get(
        '/obligations?systemRef=ca-chongzuo&kind=certificate-renewal',
      );
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({
        kind: 'certificate-renewal',
        systems: ['component:default/ca-chongzuo'],
        contractRef: CONTRACT,
      });
      const page = await get(
        '/obligations?contractRef=chongzuo-mch-2026&limit=5',
      );
      expect(page.body.items).toHaveLength(5);
      const next = await get(
        `/obligations?contractRef=chongzuo-mch-2026&limit=5&cursor=${page.body.nextCursor}`,
      );
      expect(Date.parse(next.body.items[0].dueAt)).toBeGreaterThanOrEqual(
        Date.parse(page.body.items[4].dueAt),
      );

      // a card's view: the first 3 of each open state, and how many there are of each
      const contract = '/obligations?contractRef=chongzuo-mch-2026';
      const byState = await get(`${contract}&perState=3`);
      expect(byState.status).toBe(200);
      let open = 0;
      for (const state of ['overdue', 'due', 'upcoming']) {
        const all = await get(`${contract}&state=${state}&limit=500`);
        open += all.body.totalCount;
        expect(byState.body.stateCounts[state]).toBe(all.body.totalCount);
        expect(
          byState.body.items
            .filter((o: any) => o.state === state)
            .map((o: any) => o.id),
        ).toEqual(all.body.items.slice(0, 3).map((o: any) => o.id));
      }
      expect(byState.body.totalCount).toBe(open);
      expect(open).toBeGreaterThan(3);
      expect(byState.body.nextCursor).toBeUndefined();
      for (const [query, field] of [
        ['perState=3&limit=5', 'limit'],
        [`perState=3&cursor=${page.body.nextCursor}`, 'cursor'],
        ['perState=0', 'perState'],
        ['perState=101', 'perState'],
      ]) {
        const refused = await get(`${contract}&${query}`);
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toMatch(new RegExp(field));
      }

      const id = list.body.items[0].id;
      const bad = await post(`/obligations/${id}/complete`, {
        version: 1,
        scores: { 响应速度: 9 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/scores/);
      const done = await post(`/obligations/${id}/complete`, {
        version: 1,
        note: '续期 494 张个人证书',
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        state: 'done',
        version: 2,
        done: { evidence: { note: '续期 494 张个人证书' } },
      });
      expect(
        (await post(`/obligations/${id}/complete`, { version: 1 })).status,
      ).toBe(409);
      const detail = await get(`/obligations/${id}`);
      expect(detail.body.history.map((h: any) => h.type)).toEqual([
        'planned',
        'completed',
      ]);
      expect(detail.body.history[0]).toMatchObject({
        seq: 1,
        actor: 'weibao',
        payload: { dueAt: list.body.items[0].dueAt },
      });
      expect(detail.body.history[1]).toMatchObject({
        seq: 2,
        actor: 'user:default/li.na',
        at: done.body.done.at,
        payload: {
          onTime: done.body.done.onTime,
          evidence: { note: '续期 494 张个人证书' },
        },
      });

      const health = await get('/systems/default/zlhis-chongzuo/health');
      expect(health.body.obligations.overdue).toBeGreaterThan(0);
      expect(health.body.obligations.next.length).toBeGreaterThan(0);
      // the quarterly inspection and the drill, however many backups fall due before them
      expect(health.body.obligations.nextInspection).toMatchObject({
        kind: 'inspection',
        followUpKind: null,
      });
      expect(health.body.obligations.nextDrill).toMatchObject({
        kind: 'drill',
        followUpKind: null,
      });

      // the CA system's certificate register, through the same plugin, in its health summary
      const day = (offset: number) =>
        new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const csv = [
        'item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note',
        `personal-certificate,usb-key,门诊部,21,A0001-A0021,${day(-300)},${day(
          30,
        )},`,
      ].join('\n');
      const imported = await request(server)
        .post('/api/weibao/systems/default/ca-chongzuo/certificates/import')
        .set('Authorization', auth)
        .set('Content-Type', 'text/csv')
        .send(csv);
      expect(imported.body).toEqual({ imported: 1, errors: [] });
      const caHealth = await get('/systems/default/ca-chongzuo/health');
      expect(caHealth.body.certificates).toEqual({
        expiringSoon: 21,
        expired: 0,
        nextExpiry: day(30),
      });

      // one description of the whole API
      const openapi = await get('/openapi.json');
      expect(Object.keys(openapi.body.paths)).toEqual(
        expect.arrayContaining([
          '/incidents',
          '/obligations',
          '/upgrade-plans',
          '/drills',
          '/systems/{namespace}/{name}/certificates/import',
        ]),
      );
    });
  },
);
