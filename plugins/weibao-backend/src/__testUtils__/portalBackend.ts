import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { exampleCatalog } from '@weibao/test-support';
import request from 'supertest';
import { DatabaseObligationStore } from '../database/obligations/DatabaseObligationStore';
import { createWeibaoPlugin } from '../plugin';
import { ObligationService } from '../services/obligations/ObligationService';

/*
 * The whole plugin on a test database with the example catalog and a clock the test moves
 * (or the real one), for the routes' tests: incidents, malformed requests and the portal's
 * summaries (team overview, contract standing). Test code only.
 */

export const LI_NA = 'user:default/li.na';
export const HIS_TEAM = 'group:default/his-aftersales-guangxi';
export const CRITICAL_CARE_TEAM = 'group:default/critical-care-aftersales';
export const CHONGZUO_CONTRACT =
  'maintenancecontract:default/chongzuo-mch-2026';

/** A hospital system of the HIS team that no contract covers. */
export const uncoveredPacs: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'pacs-chongzuo', namespace: 'default', title: 'PACS' },
  spec: {
    type: 'pacs',
    lifecycle: 'production',
    owner: 'group:default/his-aftersales-guangxi',
    system: 'system:default/chongzuo-mch',
  },
  relations: [{ type: 'ownedBy', targetRef: HIS_TEAM }],
};

/** A report of a fault; the test sets the system, level and instants. */
export const report = (overrides: Record<string, unknown>) => ({
  title: '门诊收费结算报错',
  symptoms: '收费室结算时提示"医保接口返回超时"',
  reporter: { name: '信息科 李主任', contact: '0771-7820000' },
  channel: 'hotline',
  type: 'request',
  urgency: 'urgent',
  ...overrides,
});

/**
 * A complete report: level 3 on ZLHIS, covered by the Chongzuo contract (levels 1 to 4),
 * reported on Friday 18 September 2026 at 17:00 in Chongzuo.
 */
export const zlhisReport = (): Record<string, unknown> => ({
  systemRef: 'component:default/zlhis-chongzuo',
  title: '门诊收费结算报错',
  symptoms: '收费室结算时提示"医保接口返回超时",其他窗口正常',
  module: '门诊收费',
  impact: {
    modules: ['门诊收费'],
    processes: ['结算'],
    userGroups: ['收费员'],
  },
  reporter: { name: '信息科 李主任', contact: '0771-7820000' },
  channel: 'hotline',
  type: 'request',
  urgency: 'urgent',
  level: 3,
  occurredAt: '2026-09-18T16:52:00+08:00',
  reportedAt: '2026-09-18T17:00:00+08:00',
});

type DatabaseId = Parameters<TestDatabases['init']>[0];

/** What a test may choose in {@link startPortalBackend}. */
export type PortalBackendOptions = {
  /** The policy deciding permissions; the test backend's default (allow all) when absent. */
  permissions?: PermissionsService;
  /** The instant the clock starts at, moved by `setNow`; the real clock when absent. */
  start?: string;
  /** The catalog; the example catalog and {@link uncoveredPacs} by default. */
  entities?: Entity[];
  /** The example contracts' `spec.trackingStart` (without `entities`): tracked from their first day. */
  trackingStart?: string;
  /** `weibao.record.maxBackdateHours`; the plugin's default (24) when absent. */
  maxBackdateHours?: number;
  /** `weibao.upgrades.freezes`: none when absent. */
  freezes?: Array<{
    from: string;
    to: string;
    reason: string;
    hospital?: string;
  }>;
};

/**
 * Starts the plugin on the database, with the catalog mock, no notifications sent, a caller
 * belonging to the critical-care team, and requests made as {@link LI_NA}.
 */
export async function startPortalBackend(
  databases: TestDatabases,
  databaseId: DatabaseId,
  options: PortalBackendOptions = {},
) {
  const knex = await databases.init(databaseId);
  let now = options.start === undefined ? undefined : Date.parse(options.start);
  const clock = () => now ?? Date.now();
  const entities = options.entities ?? [
    ...exampleCatalog({ trackingStart: options.trackingStart }),
    uncoveredPacs,
  ];
  const backdateMs = (options.maxBackdateHours ?? 24) * 3_600_000;
  const { server } = await startTestBackend({
    features: [
      ...(options.maxBackdateHours || options.freezes
        ? [
            mockServices.rootConfig.factory({
              data: {
                weibao: {
                  ...(options.maxBackdateHours
                    ? {
                        record: { maxBackdateHours: options.maxBackdateHours },
                      }
                    : {}),
                  ...(options.freezes
                    ? { upgrades: { freezes: options.freezes } }
                    : {}),
                },
              },
            }),
          ]
        : []),
      createWeibaoPlugin({ now: clock }),
      catalogServiceMock.factory({ entities }),
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.scheduler.mock().factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      // the caller belongs to the critical-care team
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          getUserInfo: async credentials => {
            const principal = credentials.principal as {
              userEntityRef: string;
            };
            return {
              userEntityRef: principal.userEntityRef,
              ownershipEntityRefs: [
                principal.userEntityRef,
                CRITICAL_CARE_TEAM,
              ],
            };
          },
        }),
      }),
      ...(options.permissions
        ? [
            createServiceFactory({
              service: coreServices.permissions,
              deps: {},
              factory: () => options.permissions!,
            }),
          ]
        : []),
    ],
  });

  const auth = mockCredentials.user.header(LI_NA);
  const setNow = (iso: string) => {
    now = Date.parse(iso);
  };
  return {
    server,
    knex,
    setNow,
    get: (path: string) =>
      request(server).get(`/api/weibao${path}`).set('Authorization', auth),
    /**
     * Posts at an instant: the clock is set to it first. Without a start and an instant, a
     * body claiming a time (`reportedAt`, `at`) older than the bound on backdating
     * (weibao.record) is entered one minute after it, so that tests written on fixed dates
     * stay within the bound; other requests go by the real clock.
     */
    post: (path: string, body: object, at?: string) => {
      if (at) setNow(at);
      else if (options.start === undefined) {
        const claimed = body as { reportedAt?: string; at?: string };
        const t = Date.parse(claimed.reportedAt ?? claimed.at ?? '');
        // on a fixed date older than the bound: entered one minute after it; else real time
        now = Date.now() - t > backdateMs ? t + 60_000 : undefined;
      }
      return request(server)
        .post(`/api/weibao${path}`)
        .set('Authorization', auth)
        .send(body);
    },
    /** Generates the contracts' obligation occurrences, as the scheduled task would. */
    syncObligations: () =>
      new ObligationService({
        store: new DatabaseObligationStore(knex),
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        calendarOptions: {},
        now: clock,
      }).syncAll(),
  };
}

export type PortalBackend = Awaited<ReturnType<typeof startPortalBackend>>;

/**
 * Monday 2 November 2026 in Chongzuo: a level 1 fault on ZLHIS at 10:00 (respond within 30
 * minutes: due 10:30, never acknowledged), a level 3 fault on the ECG network at 10:33 (30
 * working minutes: due 11:03, at risk from 75 % at 10:55:30), a level 4 request on SmartAnes at
 * 10:50, answered and resolved by 10:55, and an upgrade plan for the queue-calling system.
 * The obligations of the contract year are generated; none is done.
 */
export async function reportTheMorning(backend: PortalBackend) {
  const { post } = backend;
  const zlhis = await post(
    '/incidents',
    report({
      systemRef: 'component:default/zlhis-chongzuo',
      title: '全院 HIS 无法登录',
      level: 1,
      occurredAt: '2026-11-02T09:55:00+08:00',
      reportedAt: '2026-11-02T10:00:00+08:00',
    }),
    '2026-11-02T10:00:00+08:00',
  );
  const ecg = await post(
    '/incidents',
    report({
      systemRef: 'component:default/aecg-chongzuo',
      title: '心电报告无法回传',
      level: 3,
      occurredAt: '2026-11-02T10:30:00+08:00',
      reportedAt: '2026-11-02T10:33:00+08:00',
    }),
    '2026-11-02T10:33:00+08:00',
  );
  const anes = await post(
    '/incidents',
    report({
      systemRef: 'component:default/smartanes-chongzuo',
      title: '麻醉记录单打印格式调整',
      level: 4,
      occurredAt: '2026-11-02T10:45:00+08:00',
      reportedAt: '2026-11-02T10:50:00+08:00',
    }),
    '2026-11-02T10:50:00+08:00',
  );
  const acknowledged = await post(
    `/incidents/${anes.body.id}/actions`,
    { type: 'acknowledge', version: 1 },
    '2026-11-02T10:51:00+08:00',
  );
  const resolved = await post(
    `/incidents/${anes.body.id}/actions`,
    {
      type: 'resolve',
      version: acknowledged.body.version,
      method: '调整打印模板',
      result: '格式正确',
    },
    '2026-11-02T10:55:00+08:00',
  );
  const plan = await post(
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
        start: '2026-11-14T20:00:00+08:00',
        end: '2026-11-14T22:00:00+08:00',
        expectedDowntimeMinutes: 30,
      },
      responsible: [LI_NA],
      hospitalContact: { name: '信息科 李主任', contact: '0771-7820000' },
    },
    '2026-11-02T10:56:00+08:00',
  );
  const statuses = [zlhis, ecg, anes, resolved, plan].map(r => r.status);
  if (statuses.join() !== '201,201,201,200,201') {
    throw new Error(
      `the morning did not go as planned: ${statuses.join()} ${JSON.stringify(
        [zlhis, ecg, anes, resolved, plan].map(r => r.body.error),
      )}`,
    );
  }
  await backend.syncObligations();
  return { zlhis: zlhis.body, ecg: ecg.body, anes: resolved.body };
}
