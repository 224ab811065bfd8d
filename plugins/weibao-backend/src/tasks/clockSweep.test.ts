import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createWeibaoTestDatabases,
  exampleCatalog,
} from '@weibao/test-support';
import { DatabaseIncidentStore } from '../database/incidents/DatabaseIncidentStore';
import { IncidentService } from '../services/incidents/IncidentService';
import { ClockSweep } from './clockSweep';

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

const T0 = Date.parse('2026-09-18T17:00:00+08:00');
const minutes = (m: number) => T0 + m * 60_000;

describe.each(databases.eachSupportedId())('clock sweep on %p', databaseId => {
  async function setUp() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseIncidentStore.create({
      database: mockServices.database({ knex }),
    });
    let now = T0;
    const service = new IncidentService({
      store,
      catalog: catalogServiceMock({ entities: exampleCatalog() }),
      calendarOptions: {},
      now: () => now,
    });
    const sent: Array<{ to: string; title: string; severity?: string }> = [];
    const sweep = new ClockSweep({
      store,
      service,
      logger: mockServices.logger.mock(),
      notifications: {
        send: async ({ recipients, payload }) => {
          sent.push({
            to: String((recipients as { entityRef: string }).entityRef),
            title: payload.title,
            severity: payload.severity,
          });
        },
      },
    });
    const stored = await service.report(
      {
        systemRef: 'component:default/zlhis-chongzuo',
        title: '全院 HIS 无法登录',
        symptoms: '所有工作站登录超时',
        reporter: { name: '信息科 李主任', contact: '0771-7820000' },
        channel: 'on-call',
        type: 'request',
        urgency: 'very-urgent',
        level: 1,
        occurredAt: '2026-09-18T16:55:00+08:00',
        reportedAt: '2026-09-18T17:00:00+08:00',
      },
      'user:default/li.na',
      mockCredentials.user(),
    );
    return {
      knex,
      store,
      service,
      sweep,
      sent,
      id: stored.state.id,
      setNow: (ms: number) => {
        now = ms;
      },
    };
  }

  it('records each crossing once and notifies once, escalating a breach to the vendor', async () => {
    const { sweep, sent, store, id, setNow } = await setUp();

    // nothing is due yet
    expect(await sweep.run(minutes(10))).toEqual({
      checked: 0,
      recorded: 0,
      notified: 0,
    });

    // 20 of the 30 response minutes: the 50 % warning
    setNow(minutes(20));
    expect((await sweep.run(minutes(20))).notified).toBe(1);
    expect(await sweep.run(minutes(20))).toMatchObject({
      recorded: 0,
      notified: 0,
    });
    expect(sent).toEqual([
      {
        to: 'group:default/his-aftersales-guangxi',
        title: 'response clock at 50%: 全院 HIS 无法登录',
        severity: 'high',
      },
    ]);

    // 40 minutes: 75 % was passed unseen, then the breach; one message for the worst, plus the
    // escalation to the vendor's headquarters (问题升级)
    await sweep.run(minutes(40));
    await sweep.run(minutes(41));
    expect(sent.slice(1)).toEqual([
      {
        to: 'group:default/his-aftersales-guangxi',
        title: 'response clock breached: 全院 HIS 无法登录',
        severity: 'critical',
      },
      {
        to: 'group:default/vendor',
        title:
          'Escalated (问题升级): response clock breached: 全院 HIS 无法登录',
        severity: 'critical',
      },
    ]);
    const alerts = await store.alerts(id);
    expect(alerts.map(a => [a.milestone, a.kind, a.percent, a.at])).toEqual([
      ['response', 'threshold', 50, '2026-09-18T09:15:00.000Z'],
      ['response', 'threshold', 75, '2026-09-18T09:22:30.000Z'],
      ['response', 'breach', 100, '2026-09-18T09:30:00.000Z'],
    ]);
  });

  it('is safe when two replicas sweep at once', async () => {
    const { sweep, sent } = await setUp();
    const results = await Promise.all([
      sweep.run(minutes(35)),
      sweep.run(minutes(35)),
    ]);
    expect(results.reduce((n, r) => n + r.recorded, 0)).toBe(3);
    expect(sent.filter(s => s.to === 'group:default/vendor')).toHaveLength(1);
  });

  it('replays timelines, reports drift and repairs the clock rows', async () => {
    const { sweep, knex, id } = await setUp();
    expect(await sweep.checkDrift(minutes(5))).toEqual({
      checked: 1,
      drifted: [],
    });

    await knex('weibao_incident_clocks')
      .where({ incident_id: id, milestone: 'dispatch' })
      .update({ due_at: new Date(minutes(999)) });
    expect(await sweep.checkDrift(minutes(5))).toEqual({
      checked: 1,
      drifted: [{ incidentId: id, what: ['clocks'] }],
    });
    expect(await sweep.checkDrift(minutes(5))).toEqual({
      checked: 1,
      drifted: [],
    });

    const row = await knex('weibao_incidents').where({ id }).first();
    await knex('weibao_incidents')
      .where({ id })
      .update({ state: row.state.replace('"level":1', '"level":2') });
    expect((await sweep.checkDrift(minutes(5))).drifted).toEqual([
      { incidentId: id, what: ['state'] },
    ]);
  });
});

describe.each(databases.eachSupportedId())(
  'incident migrations on %p',
  databaseId => {
    it('run up, down and up again', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseIncidentStore.create({
        database: mockServices.database({ knex }),
      });
      const tables = [
        'weibao_incidents',
        'weibao_incident_events',
        'weibao_incident_clocks',
        'weibao_incident_clock_alerts',
      ];
      for (const t of tables) expect(await knex.schema.hasTable(t)).toBe(true);
      const config = {
        directory: require('node:path').resolve(__dirname, '../../migrations'),
        tableName: 'weibao_knex_migrations',
      };
      await knex.migrate.rollback(config, true);
      for (const t of tables) expect(await knex.schema.hasTable(t)).toBe(false);
      await knex.migrate.latest(config);
      for (const t of tables) expect(await knex.schema.hasTable(t)).toBe(true);
    });
  },
);
