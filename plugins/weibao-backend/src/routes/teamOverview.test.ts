import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { incidentReadPermission } from '@weibao/plugin-weibao-common';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import request from 'supertest';
import {
  CRITICAL_CARE_TEAM,
  HIS_TEAM,
  LI_NA,
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
const ELEVEN = '2026-11-02T11:00:00+08:00';
const BOTH_TEAMS = `ownerRef=${HIS_TEAM}&ownerRef=critical-care-aftersales`;

const name = (ref: string) => ref.replace('component:default/', '');

describe.each(databases.eachSupportedId())(
  'team overview on %p',
  databaseId => {
    let backend: PortalBackend;

    beforeAll(async () => {
      backend = await startPortalBackend(databases, databaseId, {
        start: MORNING,
        // the whole contract year is tracked
        trackingStart: '2026-03-02',
      });
      await reportTheMorning(backend);
      backend.setNow(ELEVEN);
    });

    it("lists the teams' systems at risk first, then by title, with the figures of their health", async () => {
      const res = await backend.get(`/team-overview?${BOTH_TEAMS}`);
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body.evaluatedAt).toBe('2026-11-02T03:00:00.000Z');
      expect(body.ownerRefs).toEqual([HIS_TEAM, CRITICAL_CARE_TEAM]);
      expect(
        body.systems.map((s: any) => `${s.risk} ${name(s.systemRef)}`),
      ).toEqual([
        'breached zlhis-chongzuo',
        'at-risk aecg-chongzuo',
        // only the systems with duties of their own (daily and weekly backups) are overdue;
        // the contract's duties (inspections, reports…) count once, in the totals
        'overdue smartanes-chongzuo', // 深医 SmartAnes (shen)
        'ok disease-quality-chongzuo', // 单病种质量监测 (dan)
        'ok grade-review-chongzuo', // 等级评审系统 (deng)
        'ok ca-chongzuo', // 个人身份证书 (ge)
        'ok knowledge-base-chongzuo', // 临床诊疗知识库 (lin)
        'ok queue-chongzuo', // 一体化排队叫号系统 (yi)
        // no contract in force with obligations: the county hospital's starts at final acceptance
        'ok icu-longzhou', // 重症监护系统
        'ok dip-longzhou',
        'ok pacs-chongzuo', // covered by no contract
      ]);

      const bySystem = new Map<string, any>(
        body.systems.map((s: any) => [name(s.systemRef), s]),
      );
      expect(bySystem.get('zlhis-chongzuo')).toMatchObject({
        title: 'ZLHIS 医院信息系统',
        type: 'his',
        hospitalRef: 'system:default/chongzuo-mch',
        hospitalTitle: '崇左市妇幼保健院',
        ownerRef: HIS_TEAM,
        contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
        openIncidents: 1,
        awaitingConfirmation: 0,
        breached: 1, // the response was due at 10:30 and nobody answered
        atRisk: 0,
        // the dispatch clock: 2 hours from 10:00
        nextClockDueAt: '2026-11-02T04:00:00.000Z',
        upgradesInFlight: 0,
      });
      expect(bySystem.get('aecg-chongzuo')).toMatchObject({
        openIncidents: 1,
        breached: 0,
        atRisk: 1, // 27 of 30 working minutes gone
        nextClockDueAt: '2026-11-02T03:03:00.000Z',
      });
      expect(bySystem.get('smartanes-chongzuo')).toMatchObject({
        openIncidents: 0,
        awaitingConfirmation: 1,
        breached: 0,
        atRisk: 0,
        nextClockDueAt: null,
      });
      expect(bySystem.get('queue-chongzuo').upgradesInFlight).toBe(1);
      expect(bySystem.get('pacs-chongzuo')).toMatchObject({
        contractRef: null,
        hospitalTitle: '崇左市妇幼保健院',
        obligations: { overdue: 0, dueSoon: 0, nextDueAt: null },
      });
      expect(bySystem.get('icu-longzhou')).toMatchObject({
        ownerRef: CRITICAL_CARE_TEAM,
        hospitalTitle: '龙州县人民医院',
        // a period from final acceptance not yet recorded is not in force (issue 14)
        contractRef: null,
        risk: 'ok',
      });

      // the contract's overdue duties, each counted once in the totals
      const overdue = (
        await backend.get(
          '/obligations?contractRef=maintenancecontract:default/chongzuo-mch-2026&state=overdue&limit=1',
        )
      ).body.totalCount;
      expect(overdue).toBeGreaterThan(0);
      expect(body.totals).toEqual({
        systems: 11,
        openIncidents: 2,
        atRisk: 1,
        breached: 1,
        overdueObligations: overdue,
      });
    });

    it("gives each system the same figures as the system's own health summary", async () => {
      const { systems } = (await backend.get(`/team-overview?${BOTH_TEAMS}`))
        .body;
      for (const s of systems) {
        const health = (
          await backend.get(`/systems/default/${name(s.systemRef)}/health`)
        ).body;
        const ownNext =
          (
            await backend.get(
              `/obligations?systemRef=${encodeURIComponent(
                s.systemRef,
              )}&scope=system&state=due&state=upcoming&limit=1`,
            )
          ).body.items[0]?.dueAt ?? null;
        expect({ system: s.systemRef, figures: s }).toMatchObject({
          system: health.systemRef,
          figures: {
            openIncidents: health.openIncidents,
            awaitingConfirmation: health.awaitingConfirmation,
            atRisk: health.atRisk,
            breached: health.breached,
            obligations: {
              overdue: health.obligations.overdue,
              dueSoon: health.obligations.dueSoon,
              // the next of the system's own duties (the summary also lists the contract's)
              nextDueAt: ownNext,
            },
            upgradesInFlight: health.upgrades.inFlight,
          },
        });
      }
    });

    it('counts obligations due soon once the overdue ones are done', async () => {
      const { knex } = backend;
      const overdueIds = await knex('weibao_obligation_occurrences')
        .where('due_at', '<', new Date(Date.parse(ELEVEN)))
        .pluck('id');
      await knex('weibao_obligation_occurrences')
        .whereIn('id', overdueIds)
        .update({ done_at: new Date(Date.parse(ELEVEN)) });
      try {
        const { body } = await backend.get(`/team-overview?${BOTH_TEAMS}`);
        expect(body.systems.map((s: any) => s.risk)).toEqual([
          'breached',
          'at-risk',
          // SmartAnes: its backups of the coming week; the other systems have no duty of their own
          'due',
          ...Array(8).fill('ok'),
        ]);
        const smartanes = body.systems[2];
        expect(smartanes.obligations.overdue).toBe(0);
        expect(smartanes.obligations.dueSoon).toBeGreaterThan(0);
        expect(Date.parse(smartanes.obligations.nextDueAt)).toBeGreaterThan(
          Date.parse(ELEVEN),
        );
        expect(body.totals.overdueObligations).toBe(0);
      } finally {
        await knex('weibao_obligation_occurrences')
          .whereIn('id', overdueIds)
          .update({ done_at: null });
      }
    });

    it("takes the caller's own ownership refs when no owner is given", async () => {
      const res = await backend.get('/team-overview');
      expect(res.status).toBe(200);
      expect(res.body.ownerRefs).toEqual([LI_NA, CRITICAL_CARE_TEAM]);
      expect(res.body.systems.map((s: any) => s.systemRef)).toEqual([
        'component:default/icu-longzhou',
        'component:default/dip-longzhou',
      ]);
    });

    it('reads the stores with the same number of queries for 2 systems as for 11', async () => {
      const count = async (query: string) => {
        let queries = 0;
        const onQuery = () => {
          queries++;
        };
        backend.knex.on('query', onQuery);
        try {
          expect((await backend.get(`/team-overview?${query}`)).status).toBe(
            200,
          );
        } finally {
          backend.knex.removeListener('query', onQuery);
        }
        return queries;
      };
      const few = await count(`ownerRef=${CRITICAL_CARE_TEAM}`);
      const many = await count(BOTH_TEAMS);
      expect(few).toBeGreaterThan(0);
      expect(many).toBe(few);
    });

    it.each([
      ['an empty owner', 'ownerRef=', /ownerRef/],
      ['a kind without a name', 'ownerRef=group:', /^ownerRef: "group:"/],
      [
        'a name with a slash',
        'ownerRef=group:default/his/aftersales',
        /^ownerRef: "group:default\/his\/aftersales" is not an entity reference \(name "his\/aftersales" is not valid\)/,
      ],
      [
        'a namespace with a colon',
        'ownerRef=group:a:b/c',
        /^ownerRef: .*namespace "a:b" is not valid/,
      ],
      ['an unknown parameter', 'owner=group:default/x', /owner/],
    ])(
      'refuses %s with a 400 naming the parameter',
      async (_, query, message) => {
        const res = await backend.get(`/team-overview?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      },
    );

    it('asks a service to name the owners', async () => {
      const res = await request(backend.server)
        .get('/api/weibao/team-overview')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^ownerRef: required/);
      const named = await request(backend.server)
        .get(`/api/weibao/team-overview?ownerRef=${CRITICAL_CARE_TEAM}`)
        .set('Authorization', mockCredentials.service.header());
      expect(named.status).toBe(200);
      expect(named.body.systems).toHaveLength(2);
    });

    it('describes both portal routes in /openapi.json', async () => {
      const { body } = await backend.get('/openapi.json');
      expect(body.paths['/team-overview'].get.parameters[0]).toMatchObject({
        name: 'ownerRef',
        in: 'query',
      });
      expect(body.paths['/contract-standing'].get.parameters[0]).toMatchObject({
        name: 'entityRef',
        required: true,
      });
      expect(Object.keys(body.components.schemas)).toEqual(
        expect.arrayContaining([
          'TeamOverview',
          'TeamSystemHealth',
          'ContractStanding',
          'PenaltyExposure',
          'PenaltyBreach',
        ]),
      );
    });

    it('answers 401 without credentials', async () => {
      const res = await request(backend.server).get(
        `/api/weibao/team-overview?${BOTH_TEAMS}`,
      );
      expect(res.status).toBe(401);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'team overview permissions on %p',
  databaseId => {
    it('applies conditional decisions in SQL, and zeroes a section the caller may not read', async () => {
      // incidents: only the critical-care team's; obligations: none
      const backend = await startPortalBackend(databases, databaseId, {
        start: MORNING,
        // the whole contract year is tracked
        trackingStart: '2026-03-02',
        permissions: criticalCareIncidentsNoObligations(),
      });
      await reportTheMorning(backend);
      backend.setNow(ELEVEN);

      const res = await backend.get(`/team-overview?ownerRef=${HIS_TEAM}`);
      expect(res.status).toBe(200);
      for (const s of res.body.systems) {
        expect(s).toMatchObject({
          openIncidents: 0,
          awaitingConfirmation: 0,
          breached: 0,
          atRisk: 0,
          nextClockDueAt: null,
          obligations: { overdue: 0, dueSoon: 0, nextDueAt: null },
        });
      }
      expect(res.body.systems.map((s: any) => s.risk)).toEqual(
        Array(9).fill('ok'),
      );
      // upgrade plans are still readable
      expect(
        res.body.systems.find((s: any) => s.systemRef.includes('queue'))
          .upgradesInFlight,
      ).toBe(1);
      expect(res.body.totals).toMatchObject({
        systems: 9,
        openIncidents: 0,
        overdueObligations: 0,
      });
    });

    it('answers 403 when incidents may not be read', async () => {
      const backend = await startPortalBackend(databases, databaseId, {
        start: ELEVEN,
        // the whole contract year is tracked
        trackingStart: '2026-03-02',
        permissions: policyByName({
          [incidentReadPermission.name]: { result: AuthorizeResult.DENY },
        }),
      });
      const res = await backend.get(`/team-overview?ownerRef=${HIS_TEAM}`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('weibao.incident.read denied');
    });
  },
);
