import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  certificateUpdatePermission,
  incidentUpdatePermission,
  obligationUpdatePermission,
  upgradeUpdatePermission,
} from '@weibao/plugin-weibao-common';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import {
  CRITICAL_CARE_TEAM,
  LI_NA,
  PortalBackend,
  startPortalBackend,
  zlhisReport,
} from '../__testUtils__/portalBackend';
import { snapshotTables } from '../__testUtils__/snapshot';
import {
  createIncidentConditionalDecision,
  createObligationConditionalDecision,
  createUpgradePlanConditionalDecision,
  incidentConditions,
  obligationConditions,
  upgradePlanConditions,
} from '../permissions/rules';
import {
  certificateConditions,
  createCertificateConditionalDecision,
} from '../permissions/certificateRules';

/*
 * Issue 14: a user of another team recorded a drill fulfilling the Chongzuo contract's drill
 * duty (POST /drills, 201). Every write that reaches a resource of another team, directly or
 * through a reference in its body, is tried here as the critical-care team on the HIS team's
 * Chongzuo records, and must be refused with a 403 naming what is refused, changing nothing.
 */

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

/**
 * The shipped policy's rules for the caller (li.na, of the critical-care team): anyone creates,
 * only the owning team changes (HAS_OWNER on every update permission).
 */
function ownersOnly(owners: string[]): PermissionsService {
  return {
    authorize: async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async reqs =>
      reqs.map(({ permission }) => {
        switch (permission.name) {
          case incidentUpdatePermission.name:
            return createIncidentConditionalDecision(
              incidentUpdatePermission,
              incidentConditions.hasOwner({ owners }),
            );
          case obligationUpdatePermission.name:
            return createObligationConditionalDecision(
              obligationUpdatePermission,
              obligationConditions.hasOwner({ owners }),
            );
          case upgradeUpdatePermission.name:
            return createUpgradePlanConditionalDecision(
              upgradeUpdatePermission,
              upgradePlanConditions.hasOwner({ owners }),
            );
          case certificateUpdatePermission.name:
            return createCertificateConditionalDecision(
              certificateUpdatePermission,
              certificateConditions.hasOwner({ owners }),
            );
          default:
            return { result: AuthorizeResult.ALLOW };
        }
      }),
  };
}

/** A set-up request that must have succeeded (beforeAll takes no expect). */
function settled(res: { status: number; body: unknown }, status: number) {
  if (res.status !== status) {
    throw new Error(`set-up: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

const allowAll: PermissionsService = {
  authorize: async reqs => reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async reqs =>
    reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
};

const CERT_HEADER =
  'item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note';

describe.each(databases.eachSupportedId())(
  'writes reaching another team’s records on %p',
  databaseId => {
    // set up with every permission (as the HIS team), then tried as the critical-care team
    let backend: PortalBackend;
    let policy: PermissionsService = allowAll;
    let drillDuty: { id: string; version: number };
    let incident: { id: string; version: number };
    let plan: { id: string; version: number };
    let batch: { id: string; version: number };

    beforeAll(async () => {
      backend = await startPortalBackend(databases, databaseId, {
        start: '2026-11-02T10:00:00+08:00',
        permissions: {
          authorize: (...args) => policy.authorize(...args),
          authorizeConditional: (...args) =>
            policy.authorizeConditional(...args),
        },
      });
      const owner = backend;
      await owner.syncObligations();
      const created = await owner.post('/incidents', {
        ...zlhisReport(),
        occurredAt: '2026-11-02T09:50:00+08:00',
        reportedAt: '2026-11-02T09:55:00+08:00',
      });
      settled(created, 201);
      incident = created.body;
      const planned = await owner.post('/upgrade-plans', {
        systemRef: 'component:default/zlhis-chongzuo',
        title: 'ZLHIS 10.35 → 10.36',
        fromVersion: '10.35',
        toVersion: '10.36',
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
      });
      settled(planned, 201);
      plan = planned.body;
      const imported = await owner.post(
        '/systems/default/ca-chongzuo/certificates/import',
        {
          csv: `${CERT_HEADER}\npersonal-certificate,usb-key,门诊部,2,A0001-A0002,2026-01-01,2027-01-01,`,
        },
      );
      settled(imported, 200);
      const register = await owner.get(
        '/systems/default/ca-chongzuo/certificates',
      );
      batch = register.body.batches[0];
      const duties = await owner.get(
        `/obligations?contractRef=chongzuo-mch-2026&kind=drill&limit=1`,
      );
      settled(duties, 200);
      drillDuty = duties.body.items[0];
    });

    afterEach(() => {
      policy = allowAll;
    });

    const drill = (extra: Record<string, unknown>) => ({
      systemRef: 'component:default/zlhis-chongzuo',
      scenario: '数据库主机宕机切换到备机',
      performedAt: '2026-11-02T09:00:00+08:00',
      participants: ['王芳'],
      recoveryMinutes: 20,
      targetMinutes: 30,
      ...extra,
    });

    const attempts: Array<[string, () => [string, object], RegExp]> = [
      [
        'a drill fulfilling the Chongzuo contract’s drill duty (POST /drills with occurrenceId)',
        () => ['/drills', drill({ occurrenceId: drillDuty.id })],
        /^occurrenceId: weibao\.obligation\.update denied: .* may not change the obligations of maintenancecontract:default\/chongzuo-mch-2026 \(owned by group:default\/his-aftersales-guangxi\)$/,
      ],
      [
        'a drill rehearsing the HIS team’s upgrade plan (POST /drills with upgradePlanId)',
        () => ['/drills', drill({ upgradePlanId: plan.id })],
        /^upgradePlanId: weibao\.upgrade\.update denied: .* may not change the upgrade plan .* of component:default\/zlhis-chongzuo \(owned by group:default\/his-aftersales-guangxi\)$/,
      ],
      [
        'completing the drill duty (POST /obligations/:id/complete)',
        () => [
          `/obligations/${drillDuty.id}/complete`,
          { version: drillDuty.version, note: '已演练' },
        ],
        /weibao\.obligation\.update: .* may not change obligations of maintenancecontract:default\/chongzuo-mch-2026/,
      ],
      [
        'waiving the drill duty (POST /obligations/:id/waive)',
        () => [
          `/obligations/${drillDuty.id}/waive`,
          { version: drillDuty.version, reason: '医院取消' },
        ],
        /weibao\.obligation\.update: .* may not change obligations of maintenancecontract:default\/chongzuo-mch-2026/,
      ],
      [
        'acting on the ZLHIS incident (POST /incidents/:id/actions)',
        () => [
          `/incidents/${incident.id}/actions`,
          { type: 'acknowledge', version: incident.version },
        ],
        /weibao\.incident\.update: .* may not change incidents on component:default\/zlhis-chongzuo/,
      ],
      [
        'moving the upgrade plan (POST /upgrade-plans/:id/actions)',
        () => [
          `/upgrade-plans/${plan.id}/actions`,
          { type: 'cancel', version: plan.version, reason: '取消' },
        ],
        /weibao\.upgrade\.update: .* may not change upgrades of component:default\/zlhis-chongzuo/,
      ],
      [
        'importing certificates into the CA register (POST /systems/…/certificates/import)',
        () => [
          '/systems/default/ca-chongzuo/certificates/import',
          {
            csv: `${CERT_HEADER}\npersonal-certificate,usb-key,门诊部,1,B0001,2026-01-01,2027-01-01,`,
          },
        ],
        /weibao\.certificate\.update: .* may not change certificates of component:default\/ca-chongzuo/,
      ],
      [
        'retiring a certificate batch (POST /certificates/:id/retire)',
        () => [
          `/certificates/${batch.id}/retire`,
          { version: batch.version, reason: 'lost' },
        ],
        /weibao\.certificate\.update: .* may not change certificates of component:default\/ca-chongzuo/,
      ],
    ];

    it.each(attempts)(
      'refuses %s with a 403 naming it',
      async (_, build, message) => {
        const before = await snapshotTables(backend.knex);
        const [path, body] = build();
        policy = ownersOnly([LI_NA, CRITICAL_CARE_TEAM]);
        const res = await backend.post(path, body);
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          status: 403,
          message: expect.stringMatching(message),
        });
        expect(await snapshotTables(backend.knex)).toBe(before);
      },
    );

    it('lets the owning team record the same drill against its duty', async () => {
      const res = await backend.post(
        '/drills',
        drill({ occurrenceId: drillDuty.id }),
      );
      expect(res.status).toBe(201);
      const duty = await backend.get(`/obligations/${drillDuty.id}`);
      expect(duty.body.done).toMatchObject({ by: LI_NA });
    });
  },
);
