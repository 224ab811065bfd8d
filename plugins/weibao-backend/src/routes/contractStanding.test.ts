import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { incidentReadPermission } from '@weibao/plugin-weibao-common';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import request from 'supertest';
import {
  CHONGZUO_CONTRACT,
  PortalBackend,
  reportTheMorning,
  startPortalBackend,
} from '../__testUtils__/portalBackend';
import {
  criticalCareIncidentsNoObligations,
  policyByName,
} from '../__testUtils__/permissions';

jest.setTimeout(120_000);

const databases = createWeibaoTestDatabases();

const MORNING = '2026-11-02T09:00:00+08:00';
const ZLHIS = 'component:default/zlhis-chongzuo';
const LONGZHOU_CONTRACT =
  'maintenancecontract:default/longzhou-people-critical-care';

const standing = (backend: PortalBackend, entityRef: string) =>
  backend.get(`/contract-standing?entityRef=${encodeURIComponent(entityRef)}`);

describe.each(databases.eachSupportedId())(
  'contract standing on %p',
  databaseId => {
    let backend: PortalBackend;
    let morning: Awaited<ReturnType<typeof reportTheMorning>>;

    beforeAll(async () => {
      backend = await startPortalBackend(databases, databaseId, {
        start: MORNING,
        // the whole contract year is tracked
        trackingStart: '2026-03-02',
      });
      morning = await reportTheMorning(backend);
      backend.setNow('2026-11-02T11:00:00+08:00');
    });

    it('shows the ¥790,000 contract: terms, period, covered systems, obligations and one late response at 3 % a day', async () => {
      const res = await standing(backend, CHONGZUO_CONTRACT);
      expect(res.status).toBe(200);
      const { contract, ...rest } = res.body;
      expect(rest).toEqual({
        evaluatedAt: '2026-11-02T03:00:00.000Z',
        entityRef: CHONGZUO_CONTRACT,
        reason: null,
      });
      expect(contract).toMatchObject({
        entityRef: CHONGZUO_CONTRACT,
        title: '崇左市妇幼保健院 医院信息系统运维服务合同 (2026)',
        periodStart: '2026-03-02',
        periodEnd: '2027-03-01',
        inForce: true,
      });
      expect(contract.spec).toMatchObject({
        contractNumber: 'CZFY-XXK-2026-017',
        value: { amount: 790000, currency: 'CNY' },
        penalties: [
          { on: 'late-service', percentOfValuePerDay: 3, capPercentOfValue: 5 },
        ],
      });
      expect(
        contract.covered.map((c: any) => `${c.entityRef} ${c.type} ${c.title}`),
      ).toEqual([
        'component:default/zlhis-chongzuo his ZLHIS 医院信息系统',
        'component:default/smartanes-chongzuo anesthesia 深医 SmartAnes 手术麻醉系统',
        'component:default/aecg-chongzuo ecg aECG-Net 心电网络系统',
        'component:default/knowledge-base-chongzuo knowledge-base 临床诊疗知识库',
        'component:default/ca-chongzuo ca 个人身份证书 (CA)',
        'component:default/queue-chongzuo queue 一体化排队叫号系统',
        'component:default/grade-review-chongzuo grade-review 等级评审系统',
        'component:default/disease-quality-chongzuo quality-monitoring 单病种质量监测',
      ]);

      // the same counts as the obligation list of the contract
      const total = async (state: string) =>
        (
          await backend.get(
            `/obligations?contractRef=${CHONGZUO_CONTRACT}&state=${state}&limit=1`,
          )
        ).body.totalCount;
      expect(contract.obligations).toEqual({
        overdue: await total('overdue'),
        dueSoon: await total('due'),
        done: 0,
      });
      expect(contract.obligations.overdue).toBeGreaterThan(0);
      expect(contract.obligations.dueSoon).toBeGreaterThan(0);

      // ZLHIS level 1: respond within 30 minutes of 10:00; at 11:00 nobody has: one day begun
      expect(contract.exposure).toEqual({
        currency: 'CNY',
        amount: 23700,
        uncappedAmount: 23700,
        capAmount: 39500,
        capped: false,
        breaches: [
          {
            incidentId: morning.zlhis.id,
            title: '全院 HIS 无法登录',
            systemRef: ZLHIS,
            milestone: 'response',
            dueAt: '2026-11-02T02:30:00.000Z',
            metAt: null,
            daysLate: 1,
            amount: 23700,
          },
        ],
      });
    });

    it('gives a covered component the standing of its contract', async () => {
      const res = await standing(backend, ZLHIS);
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe(ZLHIS);
      expect(res.body.reason).toBeNull();
      expect(res.body.contract.entityRef).toBe(CHONGZUO_CONTRACT);
      expect(res.body.contract.exposure.amount).toBe(23700);
    });

    it('caps the exposure at 5 % of the value, ¥39,500, as the late days add up', async () => {
      // ZLHIS acknowledged at 11:10, 40 minutes late; nothing else happens until 13:00 the next day
      const ack = await backend.post(
        `/incidents/${morning.zlhis.id}/actions`,
        { type: 'acknowledge', version: morning.zlhis.version },
        '2026-11-02T11:10:00+08:00',
      );
      expect(ack.status).toBe(200);
      backend.setNow('2026-11-03T13:00:00+08:00');

      const { exposure } = (await standing(backend, CHONGZUO_CONTRACT)).body
        .contract;
      expect(
        exposure.breaches.map(
          (b: any) =>
            `${b.title} ${b.milestone} ${b.dueAt} → ${b.metAt}: ${b.daysLate} × 23,700 = ${b.amount}`,
        ),
      ).toEqual([
        // met 40 minutes late: one day
        '全院 HIS 无法登录 response 2026-11-02T02:30:00.000Z → 2026-11-02T03:10:00.000Z: 1 × 23,700 = 23700',
        // ECG level 3: 30 working minutes from 10:33, due 11:03, still unanswered 25 h 57 min later
        '心电报告无法回传 response 2026-11-02T03:03:00.000Z → null: 2 × 23,700 = 47400',
        // dispatch within 2 hours, due 12:00, nobody left: 25 hours late
        '全院 HIS 无法登录 dispatch 2026-11-02T04:00:00.000Z → null: 2 × 23,700 = 47400',
        // resolution within 24 hours, due 10:00 the next day: 3 hours late
        '全院 HIS 无法登录 resolution 2026-11-03T02:00:00.000Z → null: 1 × 23,700 = 23700',
      ]);
      expect(exposure).toMatchObject({
        currency: 'CNY',
        uncappedAmount: 142200,
        amount: 39500,
        capAmount: 39500,
        capped: true,
      });
    });

    it('says in plain English why a component has no contract', async () => {
      const uncovered = await standing(
        backend,
        'component:default/pacs-chongzuo',
      );
      expect(uncovered.status).toBe(200);
      expect(uncovered.body).toMatchObject({
        entityRef: 'component:default/pacs-chongzuo',
        contract: null,
        reason:
          'no maintenance contract covers component:default/pacs-chongzuo',
      });

      backend.setNow('2027-04-01T09:00:00+08:00');
      try {
        const expired = await standing(backend, ZLHIS);
        expect(expired.status).toBe(200);
        expect(expired.body).toMatchObject({
          contract: null,
          reason:
            'no contract covering component:default/zlhis-chongzuo is in force today (2027-04-01): maintenancecontract:default/chongzuo-mch-2026 runs from 2026-03-02 to 2027-03-01',
        });
        // the contract itself is still shown, no longer in force
        const contract = (await standing(backend, CHONGZUO_CONTRACT)).body
          .contract;
        expect(contract.inForce).toBe(false);
        expect(contract.exposure.amount).toBe(39500);
      } finally {
        backend.setNow('2026-11-03T13:00:00+08:00');
      }
    });

    it('shows a contract counted from a final acceptance not yet recorded, without penalty rules', async () => {
      const res = await standing(backend, LONGZHOU_CONTRACT);
      expect(res.status).toBe(200);
      expect(res.body.contract).toMatchObject({
        entityRef: LONGZHOU_CONTRACT,
        periodStart: null,
        periodEnd: null,
        // no acceptance recorded: not in force (issue 14)
        inForce: false,
        covered: [
          {
            entityRef: 'component:default/icu-longzhou',
            type: 'icu',
            title: '重症监护系统',
          },
          {
            entityRef: 'component:default/dip-longzhou',
            type: 'insurance-platform',
            title: 'DIP 医保支付监管平台',
          },
        ],
        exposure: {
          currency: 'CNY',
          amount: 0,
          uncappedAmount: 0,
          capAmount: null,
          capped: false,
          breaches: [],
        },
        obligations: { overdue: 0, dueSoon: 0, done: 0 },
      });
    });

    it('answers 404 for an entity not in the catalog', async () => {
      const res = await standing(
        backend,
        'maintenancecontract:default/chongzuo-mch-2019',
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'entityRef: maintenancecontract:default/chongzuo-mch-2019 is not in the catalog',
      );
      expect(
        (await standing(backend, 'component:default/his-nowhere')).status,
      ).toBe(404);
    });

    it.each([
      [
        'a group',
        'group:default/his-aftersales-guangxi',
        'entityRef: group:default/his-aftersales-guangxi is a group; give a MaintenanceContract or a Component',
      ],
      [
        'a hospital',
        'system:default/chongzuo-mch',
        'entityRef: system:default/chongzuo-mch is a system; give a MaintenanceContract or a Component',
      ],
      [
        'a ref without its kind',
        'zlhis-chongzuo',
        /^entityRef: "zlhis-chongzuo" is not an entity reference/,
      ],
      [
        'a malformed ref',
        'component:default/',
        /^entityRef: "component:default\/" is not an entity reference/,
      ],
    ])('answers 400 naming entityRef for %s', async (_, entityRef, message) => {
      const res = await standing(backend, entityRef);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('answers 400 without an entityRef, and 401 without credentials', async () => {
      const missing = await backend.get('/contract-standing');
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/entityRef/);
      const anonymous = await request(backend.server).get(
        `/api/weibao/contract-standing?entityRef=${CHONGZUO_CONTRACT}`,
      );
      expect(anonymous.status).toBe(401);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'contract standing permissions on %p',
  databaseId => {
    it('counts only the incidents and obligations the caller may read', async () => {
      const backend = await startPortalBackend(databases, databaseId, {
        start: MORNING,
        // the whole contract year is tracked
        trackingStart: '2026-03-02',
        permissions: criticalCareIncidentsNoObligations(),
      });
      await reportTheMorning(backend);
      backend.setNow('2026-11-03T13:00:00+08:00');
      const res = await standing(backend, CHONGZUO_CONTRACT);
      expect(res.status).toBe(200);
      expect(res.body.contract).toMatchObject({
        exposure: { amount: 0, uncappedAmount: 0, capped: false, breaches: [] },
        obligations: { overdue: 0, dueSoon: 0, done: 0 },
      });
    });

    it('answers 403 when incidents may not be read', async () => {
      const backend = await startPortalBackend(databases, databaseId, {
        start: MORNING,
        // the whole contract year is tracked
        trackingStart: '2026-03-02',
        permissions: policyByName({
          [incidentReadPermission.name]: { result: AuthorizeResult.DENY },
        }),
      });
      const res = await standing(backend, CHONGZUO_CONTRACT);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('weibao.incident.read denied');
    });
  },
);
