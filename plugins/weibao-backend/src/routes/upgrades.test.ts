import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { weibaoPlugin } from '../plugin';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createWeibaoTestDatabases,
  exampleCatalog,
} from '@weibao/test-support';
import { DatabaseIncidentStore } from '../database/incidents/DatabaseIncidentStore';
import { DatabaseObligationStore } from '../database/obligations/DatabaseObligationStore';
import { DatabaseUpgradeStore } from '../database/upgrades/DatabaseUpgradeStore';
import { ObligationService } from '../services/obligations/ObligationService';
import type {
  UpgradeActionRequest,
  UpgradePlanRequest,
} from '../schema/requests';
import { UpgradeService } from '../services/upgrades/UpgradeService';

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();
const at = (iso: string) => Date.parse(iso);
const LI_NA = 'user:default/li.na';
const credentials = mockCredentials.user(LI_NA);

/** ZLHIS 10.35 → 10.36 on Saturday 14 November 2026, 20:00–23:30 in Chongzuo. */
const draft = (
  overrides: Record<string, unknown> = {},
): UpgradePlanRequest => ({
  systemRef: 'component:default/zlhis-chongzuo',
  title: 'ZLHIS 10.35 → 10.36 门诊医保结算改造',
  fromVersion: '10.35',
  toVersion: '10.36',
  architecture: 'x86_64',
  targetArchitecture: 'x86_64',
  scope: ['server', 'database', 'interfaces'],
  window: {
    start: '2026-11-14T20:00:00+08:00',
    end: '2026-11-14T23:30:00+08:00',
    expectedDowntimeMinutes: 90,
  },
  responsible: [LI_NA, 'user:default/huang.jun'],
  hospitalContact: { name: '信息科 李主任', contact: '0771-7820000' },
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'upgrade plans and drills on %p',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await DatabaseIncidentStore.create({
        database: mockServices.database({ knex }),
      });
      let now = at('2026-11-01T09:00:00+08:00');
      const catalog = catalogServiceMock({
        entities: exampleCatalog({ trackingStart: '2026-03-02' }),
      });
      const obligationStore = new DatabaseObligationStore(knex);
      const obligations = new ObligationService({
        store: obligationStore,
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        calendarOptions: {},
        now: () => now,
      });
      const store = new DatabaseUpgradeStore(knex);
      const service = new UpgradeService({
        store,
        catalog,
        obligations: { store: obligationStore, service: obligations },
        calendarOptions: {},
        freezes: [],
        rehearsalRecencyDays: 90,
        now: () => now,
      });
      const step = async (id: string, body: Record<string, unknown>) => {
        const plan = (await store.getPlan(id))!;
        now = Date.parse(String(body.at));
        return service.act(
          id,
          { version: plan.state.version, ...body } as UpgradeActionRequest,
          LI_NA,
          credentials,
          () => true,
        );
      };
      return {
        knex,
        store,
        service,
        obligations,
        obligationStore,
        step,
        setNow: (ms: number) => {
          now = ms;
        },
      };
    }

    /** Takes a plan through its five gates, with a drill of its rollback on 10 November. */
    async function throughGates(
      ctx: Awaited<ReturnType<typeof setUp>>,
      id: string,
    ) {
      await ctx.step(id, {
        type: 'meet-gate',
        gate: 'test-environment',
        note: '测试库已按正式库 10 月 31 日备份搭建',
        at: '2026-11-02T10:00:00+08:00',
      });
      await ctx.step(id, {
        type: 'meet-gate',
        gate: 'simulated-upgrade',
        note: '测试库模拟升级通过:挂号、收费、医保结算、药房回归测试 126 项',
        at: '2026-11-05T16:00:00+08:00',
      });
      await ctx.step(id, {
        type: 'write-rollback-plan',
        note: '回退预案 v1',
        at: '2026-11-06T11:00:00+08:00',
        rollbackPlan: {
          triggerCriteria: '升级后 30 分钟内门诊收费或医保结算不能恢复',
          steps: [
            '停止应用服务',
            '还原升级前数据库备份',
            '回装 10.35 程序',
            '回归测试挂号与收费',
          ],
          expectedRollbackMinutes: 40,
          backupTaken: {
            at: '2026-11-06T08:00:00+08:00',
            note: '全库备份 3.2 TB,异地副本已校验',
          },
        },
      });
      ctx.setNow(at('2026-11-10T18:00:00+08:00'));
      const drill = await ctx.service.recordDrill(
        {
          systemRef: 'zlhis-chongzuo',
          scenario: 'ZLHIS 10.36 升级回退',
          upgradePlanId: id,
          performedAt: '2026-11-10T15:00:00+08:00',
          participants: ['李娜', '黄俊', '信息科 李主任'],
          recoveryMinutes: 32,
          findings: '备份还原比预计快 8 分钟',
        },
        LI_NA,
        credentials,
      );
      expect(drill).toMatchObject({ passed: true, targetMinutes: 40 });
      await ctx.step(id, {
        type: 'rehearse-rollback',
        drillId: drill.id,
        note: '测试环境回退演练通过',
        at: '2026-11-10T18:05:00+08:00',
      });
      return ctx.step(id, {
        type: 'meet-gate',
        gate: 'hospital-approval',
        note: '信息科李主任书面同意',
        at: '2026-11-12T10:00:00+08:00',
      });
    }

    it('walks a plan from draft to verified', async () => {
      const ctx = await setUp();
      const planned = await ctx.service.plan(draft(), LI_NA, credentials);
      expect(planned.state).toMatchObject({
        status: 'draft',
        ownerRef: 'group:default/his-aftersales-guangxi',
      });
      expect(ctx.service.view(planned).missingGates).toEqual([
        'test-environment',
        'simulated-upgrade',
        'rollback-plan',
        'rollback-rehearsed',
        'hospital-approval',
      ]);
      const id = planned.state.id;
      const ready = await throughGates(ctx, id);
      expect(ready.state.status).toBe('ready');
      await ctx.step(id, { type: 'start', at: '2026-11-14T20:05:00+08:00' });
      await ctx.step(id, { type: 'complete', at: '2026-11-14T21:40:00+08:00' });
      const verified = await ctx.step(id, {
        type: 'verify',
        functionalTest: '挂号、收费、医保结算、住院登记、药房发药全部通过',
        dataCheck: '抽查 200 张处方与结算单金额一致',
        at: '2026-11-14T22:30:00+08:00',
      });
      expect(ctx.service.view(verified)).toMatchObject({
        status: 'verified',
        missingGates: [],
      });
      expect((await ctx.store.planHistory(id)).map(h => h.type)).toEqual([
        'planned',
        'meet-gate',
        'meet-gate',
        'write-rollback-plan',
        'rehearse-rollback',
        'meet-gate',
        'start',
        'complete',
        'verify',
      ]);
    });

    it('rolls a plan back, with why, when and how long', async () => {
      const ctx = await setUp();
      const { state } = await ctx.service.plan(draft(), LI_NA, credentials);
      await throughGates(ctx, state.id);
      await ctx.step(state.id, {
        type: 'start',
        at: '2026-11-14T20:00:00+08:00',
      });
      const rolledBack = await ctx.step(state.id, {
        type: 'roll-back',
        reason: '医保结算接口返回签名错误,30 分钟内未恢复',
        durationMinutes: 36,
        at: '2026-11-14T21:10:00+08:00',
      });
      expect(rolledBack.state).toMatchObject({
        status: 'rolled-back',
        rollback: {
          durationMinutes: 36,
          by: LI_NA,
          at: at('2026-11-14T21:10:00+08:00'),
        },
      });
    });

    it('cannot start without a rehearsed rollback, nor in a window on 1 October', async () => {
      const ctx = await setUp();
      const { state } = await ctx.service.plan(draft(), LI_NA, credentials);
      await ctx.step(state.id, {
        type: 'meet-gate',
        gate: 'test-environment',
        note: 'ok',
        at: '2026-11-02T10:00:00+08:00',
      });
      await expect(
        ctx.step(state.id, { type: 'start', at: '2026-11-14T20:00:00+08:00' }),
      ).rejects.toThrow(/rollback-rehearsed/);
      const nationalDay = draft({
        window: {
          start: '2026-10-01T20:00:00+08:00',
          end: '2026-10-01T23:00:00+08:00',
          expectedDowntimeMinutes: 60,
        },
      });
      await expect(
        ctx.service.plan(nationalDay, LI_NA, credentials),
      ).rejects.toThrow(/2026-10-01 is 国庆节/);
      await expect(
        ctx.service.plan(
          draft({ targetArchitecture: 'aarch64' }),
          LI_NA,
          credentials,
        ),
      ).rejects.toThrow(/^targetArchitecture: /);
      // nothing was written for the refused plans
      expect((await ctx.store.listPlans({}, 10)).totalCount).toBe(1);
    });

    it('records a drill that fulfils the contract’s quarterly drill, in one transaction', async () => {
      const ctx = await setUp();
      await ctx.obligations.syncAll();
      const { items: drills } = await ctx.obligationStore.list(
        {
          contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
          kinds: ['drill'],
        },
        { limit: 10 },
        at('2026-11-01T09:00:00+08:00'),
        ctx.obligations.leadTimeMs,
      );
      // quarterly inside the contract period from 2 March 2026: the last working day of each quarter
      expect(drills.map(d => new Date(d.dueAt).toISOString())).toEqual([
        '2026-06-01T10:00:00.000Z',
        '2026-09-01T10:00:00.000Z',
        '2026-12-01T10:00:00.000Z',
        '2027-03-01T10:00:00.000Z',
      ]);
      expect(
        drills.map(
          d => ctx.obligations.view(d, at('2026-11-01T09:00:00+08:00')).state,
        ),
      ).toEqual(['overdue', 'overdue', 'upcoming', 'upcoming']);
      ctx.setNow(at('2026-11-20T18:00:00+08:00'));
      const drill = await ctx.service.recordDrill(
        {
          systemRef: 'zlhis-chongzuo',
          scenario: '服务器宕机',
          occurrenceId: drills[2].id,
          performedAt: '2026-11-20T15:00:00+08:00',
          participants: ['李娜', '黄俊'],
          recoveryMinutes: 55,
          targetMinutes: 60,
        },
        LI_NA,
        credentials,
      );
      expect(drill.passed).toBe(true);
      const fulfilled = (await ctx.obligationStore.get(drills[2].id))!;
      expect(ctx.obligations.view(fulfilled)).toMatchObject({
        state: 'done',
        done: { onTime: true },
      });

      // the same occurrence again: the completion fails, and the drill is not written either
      await expect(
        ctx.service.recordDrill(
          {
            systemRef: 'zlhis-chongzuo',
            scenario: '服务器宕机',
            occurrenceId: drills[2].id,
            performedAt: '2026-11-20T16:00:00+08:00',
            participants: ['李娜'],
            recoveryMinutes: 10,
            targetMinutes: 60,
          },
          LI_NA,
          credentials,
        ),
      ).rejects.toThrow(/already done/);
      expect(
        (
          await ctx.store.listDrills(
            { systemRef: 'component:default/zlhis-chongzuo' },
            10,
          )
        ).totalCount,
      ).toBe(1);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'upgrade routes on %p',
  databaseId => {
    it('authenticate, validate, version-check and audit', async () => {
      const knex = await databases.init(databaseId);
      const auditor = mockServices.auditor.mock();
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
          mockServices.scheduler.mock().factory,
          auditor.factory,
          mockServices.rootConfig.factory({
            data: {
              weibao: {
                upgrades: {
                  freezes: [
                    {
                      from: '2026-12-20',
                      to: '2026-12-22',
                      reason: '等级评审现场检查',
                      hospital: 'chongzuo-mch',
                    },
                  ],
                },
              },
            },
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      });
      const auth = mockCredentials.user.header(LI_NA);
      const post = (p: string, b: object) =>
        request(server)
          .post(`/api/weibao${p}`)
          .set('Authorization', auth)
          .send(b);
      const get = (p: string) =>
        request(server).get(`/api/weibao${p}`).set('Authorization', auth);

      const anonymous = await Promise.all([
        request(server).post('/api/weibao/upgrade-plans').send(draft()),
        request(server).get('/api/weibao/upgrade-plans'),
        request(server).post('/api/weibao/drills').send({}),
        request(server).get('/api/weibao/drills'),
      ]);
      expect(anonymous.map(r => r.status)).toEqual([401, 401, 401, 401]);

      const frozen = await post(
        '/upgrade-plans',
        draft({
          window: {
            start: '2026-12-21T20:00:00+08:00',
            end: '2026-12-21T23:00:00+08:00',
            expectedDowntimeMinutes: 60,
          },
        }),
      );
      expect(frozen.status).toBe(400);
      expect(frozen.body.error.message).toBe(
        'window: the window falls in the freeze 2026-12-20 – 2026-12-22: 等级评审现场检查',
      );
      const makeUp = await post(
        '/upgrade-plans',
        draft({
          window: {
            start: '2026-10-10T20:00:00+08:00',
            end: '2026-10-10T23:00:00+08:00',
            expectedDowntimeMinutes: 60,
          },
        }),
      );
      expect(makeUp.status).toBe(400);
      expect(makeUp.body.error.message).toMatch(
        /^window\.start: 2026-10-10 is a make-up workday \(调休\)/,
      );
      const badScope = await post(
        '/upgrade-plans',
        draft({ scope: ['kernel'] }),
      );
      expect(badScope.status).toBe(400);
      expect(badScope.body.error.message).toMatch(/scope/);

      const created = await post(
        '/upgrade-plans',
        draft({
          window: {
            start: '2026-12-05T20:00:00+08:00',
            end: '2026-12-05T23:30:00+08:00',
            expectedDowntimeMinutes: 90,
          },
        }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'draft',
        version: 1,
        allowedActions: expect.arrayContaining(['meet-gate']),
      });
      const id = created.body.id;
      const gate = await post(`/upgrade-plans/${id}/actions`, {
        type: 'meet-gate',
        gate: 'test-environment',
        note: '测试环境就绪',
        version: 1,
      });
      expect(gate.status).toBe(200);
      const stale = await post(`/upgrade-plans/${id}/actions`, {
        type: 'meet-gate',
        gate: 'hospital-approval',
        note: '同意',
        version: 1,
      });
      expect(stale.status).toBe(409);
      const early = await post(`/upgrade-plans/${id}/actions`, {
        type: 'start',
        version: 2,
      });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toBe(
        'type: cannot start: gates missing: simulated-upgrade, rollback-plan, rollback-rehearsed, hospital-approval',
      );
      const missing = await post(`/upgrade-plans/${id}/actions`, {
        type: 'verify',
        version: 2,
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toBe(
        'functionalTest: required to verify',
      );

      const detail = await get(`/upgrade-plans/${id}`);
      expect(detail.body.history.map((h: any) => h.type)).toEqual([
        'planned',
        'meet-gate',
      ]);
      const health = await get('/systems/default/zlhis-chongzuo/health');
      expect(health.body.upgrades).toMatchObject({
        inFlight: 1,
        next: {
          id,
          status: 'draft',
          windowStart: '2026-12-05T12:00:00.000Z',
          missingGates: expect.arrayContaining(['hospital-approval']),
        },
      });
      expect(health.body.drills).toEqual({
        last: null,
        overdue: expect.any(Number),
      });
      const audited = auditor.createEvent.mock.calls.map(([e]) => e.eventId);
      expect(audited).toEqual(
        expect.arrayContaining(['upgrade-plan', 'upgrade-plan-action']),
      );
    });
  },
);
