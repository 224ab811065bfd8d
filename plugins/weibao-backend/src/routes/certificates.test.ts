import {
  coreServices,
  createServiceFactory,
  PermissionsService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { certificateReadPermission } from '@weibao/plugin-weibao-common';
import {
  createWeibaoTestDatabases,
  exampleCatalog,
} from '@weibao/test-support';
import request from 'supertest';
import { DatabaseCertificateStore } from '../database/certificates/DatabaseCertificateStore';
import {
  certificateConditions,
  createCertificateConditionalDecision,
} from '../permissions/certificateRules';
import { createWeibaoPlugin } from '../plugin';
import { notificationService } from '@backstage/plugin-notifications-node';

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();
type Knex = Awaited<ReturnType<typeof databases.init>>;
type DatabaseId = Parameters<typeof databases.init>[0];

const LI_NA = 'user:default/li.na';
const auth = mockCredentials.user.header(LI_NA);
/** 00:30 on Friday 18 Sep 2026 in Chongzuo; still the 17th in UTC. */
const NOW = Date.parse('2026-09-17T16:30:00Z');
const CA = '/api/weibao/systems/default/ca-chongzuo/certificates';
const HEADER =
  'item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note';

/** A CA system at another hospital, owned by another team, under no contract. */
const caLongzhou: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ca-longzhou', namespace: 'default' },
  spec: {
    type: 'ca',
    lifecycle: 'production',
    owner: 'critical-care-aftersales',
    system: 'longzhou-people',
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/critical-care-aftersales' },
  ],
};

/** The plugin with its clock at NOW; the certificate routes are what these tests call. */
const certificatesPlugin = createWeibaoPlugin({ now: () => NOW });

async function startBackend(knex: Knex, permissions?: PermissionsService) {
  const { server } = await startTestBackend({
    features: [
      certificatesPlugin,
      catalogServiceMock.factory({
        entities: [...exampleCatalog(), caLongzhou],
      }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.mock().factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      ...(permissions
        ? [
            createServiceFactory({
              service: coreServices.permissions,
              deps: {},
              factory: () => permissions,
            }),
          ]
        : []),
    ],
  });
  return server;
}

const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const count = async (knex: Knex, table: string) =>
  Number((await knex(table).count({ n: '*' }).first())!.n);

describe.each(databases.eachSupportedId())(
  'certificate register on %p',
  (databaseId: DatabaseId) => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startBackend>>;
    const post = (path: string, body: object | string | Buffer) =>
      request(server).post(path).set('Authorization', auth).send(body);
    const postCsv = (path: string, body: string | Buffer) =>
      request(server)
        .post(path)
        .set('Authorization', auth)
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(body);
    const get = (path: string) =>
      request(server).get(path).set('Authorization', auth);

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      server = await startBackend(knex);
    });

    it('answers 401 on every route without credentials', async () => {
      const anon = request(server);
      const responses = await Promise.all([
        anon.get(CA),
        anon.post(`${CA}/import`).send({ csv: csv() }),
        anon
          .post(
            '/api/weibao/certificates/6f1c1a52-8f55-4a57-9b0f-1c1f4bb7b7a1/retire',
          )
          .send({ version: 1, reason: 'lost' }),
      ]);
      expect(responses.map(r => r.status)).toEqual([401, 401, 401]);
    });

    it('imports the good rows, reports the bad ones, and sums up against the contract', async () => {
      const text = [
        `\uFEFF${HEADER}`,
        'personal-certificate,usb-key,门诊部,300,A0001-A0300,2026-03-02,2027-03-01,"首批, 门诊医生"',
        'personal-certificate,usb-key,住院部,180,A0301-A0480,2025-10-15,2026-10-15,',
        'electronic-seal,smart-card,医务科,8,S001-S008,2026-03-02,2028-03-01,',
        'personal-certificate,usb-key,放射科,10,A0481-A0494,2026-03-02,2027-03-01,',
        'seal,usb-key,医务科,1,S009,2026-03-02,2027-03-01,',
        '',
        'personal-certificate,usb-key,超声科,2,D1;D2,2026-03-02,2026-03-01,',
        'personal-certificate,crypto-card,检验科,20,B0001-B0020,2025-09-01,2026-09-01,',
      ].join('\r\n');
      const imported = await postCsv(`${CA}/import`, Buffer.from(text, 'utf8'));
      expect(imported.status).toBe(200);
      expect(imported.body.imported).toBe(4);
      expect(imported.body.errors.map((e: any) => [e.line, e.field])).toEqual([
        [5, 'serials'],
        [6, 'item'],
        [8, 'expiresOn'],
      ]);
      expect(imported.body.errors[0].reason).toBe(
        'the range A0481-A0494 holds 14 serials but count is 10',
      );

      const { status, body } = await get(CA);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        systemRef: 'component:default/ca-chongzuo',
        contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
        today: '2026-09-18',
        soonDays: 60,
        // the expired laboratory batch does not count; the USB key batches do not say how
        // many keys they are on: their certificates are not counted as keys (issue 16)
        totals: { personalCertificates: 480, usbKeys: 0, electronicSeals: 8 },
        withoutKeyCount: 480,
        minimums: {
          personalCertificates: 494,
          usbKeys: 21,
          electronicSeals: 8,
        },
        shortfall: {
          personalCertificates: 14,
          usbKeys: 21,
          electronicSeals: 0,
        },
      });
      expect(body.batches.map((b: any) => b.holderDepartment)).toEqual([
        '检验科',
        '住院部',
        '门诊部',
        '医务科',
      ]);
      expect(body.batches[2]).toMatchObject({
        version: 1,
        ownerRef: 'group:default/his-aftersales-guangxi',
        item: 'personal-certificate',
        medium: 'usb-key',
        count: 300,
        serials: { from: 'A0001', to: 'A0300' },
        issuedOn: '2026-03-02',
        expiresOn: '2027-03-01',
        note: '首批, 门诊医生',
        createdBy: LI_NA,
        updatedAt: new Date(NOW).toISOString(),
        retiredAt: null,
      });
      // today is the 18th in Chongzuo: 27 days to the 15th of October
      expect(
        body.expiringSoon.map((e: any) => [e.holderDepartment, e.daysLeft]),
      ).toEqual([['住院部', 27]]);
      expect(
        body.expired.map((e: any) => [e.holderDepartment, e.count, e.daysLeft]),
      ).toEqual([['检验科', 20, -17]]);

      const wide = (await get(`${CA}?soonDays=200`)).body;
      expect(wide.expiringSoon.map((e: any) => e.holderDepartment)).toEqual([
        '住院部',
        '门诊部',
      ]);
      expect((await get(`${CA}?soonDays=20`)).body.expiringSoon).toEqual([]);
      expect((await get(`${CA}?soonDays=-1`)).status).toBe(400);

      // every batch has its first event, written with it
      const events = await knex('weibao_certificate_batch_events');
      expect(events.map(e => [e.seq, e.type, e.actor])).toEqual(
        Array(4).fill([1, 'imported', LI_NA]),
      );
      const lines = events.map(e => JSON.parse(e.payload).line);
      expect(lines.sort((a, b) => a - b)).toEqual([2, 3, 4, 9]);
    });

    it('accepts the file as JSON too', async () => {
      const res = await post(`${CA}/import`, {
        csv: csv(
          'electronic-seal,usb-key,医务科,2,S1;S2,2026-03-02,2027-03-01,',
        ),
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ imported: 1, errors: [] });
      const { totals } = (await get(CA)).body;
      // seals are not keys (issue 16)
      expect(totals).toEqual({
        personalCertificates: 0,
        usbKeys: 0,
        electronicSeals: 2,
      });
    });

    it('refuses a whole request and writes nothing', async () => {
      const good =
        'personal-certificate,usb-key,门诊部,1,A0001,2026-03-02,2027-03-01,';
      const cases: Array<[string, string | object, number, string | RegExp]> = [
        [
          CA,
          `item,medium,count\n${good}`,
          400,
          /^header: line 1: unknown column|^header: line 1: missing columns/,
        ],
        [
          CA,
          csv(
            'seal,usb-key,门诊部,1,A1,2026-03-02,2027-03-01,',
            good.replace('2027', '2025'),
          ),
          400,
          /^csv: no row can be imported; line 2 item: unknown item "seal".*; line 3 expiresOn: 2025-03-01 is not after/,
        ],
        [CA, csv(), 400, 'csv: the file has a header but no rows'],
        [CA, { csv: 42 }, 400, /csv/],
        [
          '/api/weibao/systems/default/zlhis-chongzuo/certificates',
          csv(good),
          400,
          'systemRef: component:default/zlhis-chongzuo is a his system, not a CA system (spec.type must be ca)',
        ],
        [
          '/api/weibao/systems/default/ca-nowhere/certificates',
          csv(good),
          400,
          'systemRef: component:default/ca-nowhere is not in the catalog',
        ],
      ];
      for (const [path, body, status, message] of cases) {
        const res =
          typeof body === 'string'
            ? await postCsv(`${path}/import`, body)
            : await post(`${path}/import`, body);
        expect({ path, body, status: res.status }).toEqual({
          path,
          body,
          status,
        });
        expect(res.body.error.message).toMatch(message);
      }
      expect(await count(knex, 'weibao_certificate_batches')).toBe(0);
      expect(await count(knex, 'weibao_certificate_batch_events')).toBe(0);
      expect(
        (await get('/api/weibao/systems/default/ca-nowhere/certificates'))
          .status,
      ).toBe(404);
    });

    it('retires a batch once, answering 409 to a stale version', async () => {
      await postCsv(
        `${CA}/import`,
        csv(
          'personal-certificate,usb-key,住院部,180,A0301-A0480,2025-10-15,2026-10-15,',
        ),
      );
      const [batch] = (await get(CA)).body.batches;
      const retire = (body: object, id = batch.id) =>
        post(`/api/weibao/certificates/${id}/retire`, body);

      const retired = await retire({
        version: 1,
        reason: 'renewed',
        note: '已续期至 2027-10-15',
      });
      expect(retired.status).toBe(200);
      expect(retired.body).toMatchObject({
        id: batch.id,
        version: 2,
        retiredReason: 'renewed',
        retiredAt: new Date(NOW).toISOString(),
      });
      const stale = await retire({ version: 1, reason: 'lost' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toBe(
        'version: the certificate batch is at version 2, not 1; reload it and try again',
      );
      const again = await retire({ version: 2, reason: 'lost' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(
        /^retiredAt: the certificate batch was retired \(renewed\)/,
      );
      expect((await retire({ version: 1, reason: 'stolen' })).status).toBe(400);
      expect(
        (
          await retire(
            { version: 1, reason: 'lost' },
            '6f1c1a52-8f55-4a57-9b0f-1c1f4bb7b7a1',
          )
        ).status,
      ).toBe(404);

      const register = (await get(CA)).body;
      expect(register.totals.personalCertificates).toBe(0);
      expect(register.shortfall.personalCertificates).toBe(494);
      expect(register.expiringSoon).toEqual([]);
      const store = new DatabaseCertificateStore(knex);
      expect(
        (await store.events(batch.id)).map(e => [e.seq, e.type, e.payload]),
      ).toEqual([
        [1, 'imported', { importId: expect.any(String), line: 2 }],
        [2, 'retired', { reason: 'renewed', note: '已续期至 2027-10-15' }],
      ]);
    });

    it('lets one of two parallel retirements through', async () => {
      await postCsv(
        `${CA}/import`,
        csv('electronic-seal,smart-card,医务科,1,S1,2026-03-02,2027-03-01,'),
      );
      const [batch] = (await get(CA)).body.batches;
      const results = await Promise.all(
        (['revoked', 'lost'] as const).map(reason =>
          post(`/api/weibao/certificates/${batch.id}/retire`, {
            version: 1,
            reason,
          }),
        ),
      );
      expect(results.map(r => r.status).sort()).toEqual([200, 409]);
      expect(await count(knex, 'weibao_certificate_batch_events')).toBe(2);
    });

    it('filters reads in SQL and checks updates against the owner with a conditional policy', async () => {
      await postCsv(
        `${CA}/import`,
        csv(
          'personal-certificate,usb-key,门诊部,3,A1-A3,2026-03-02,2027-03-01,',
        ),
      );
      await postCsv(
        '/api/weibao/systems/default/ca-longzhou/certificates/import',
        csv(
          'personal-certificate,smart-card,ICU,2,L1;L2,2026-03-02,2027-03-01,',
        ),
      );
      const [theirs] = (await get(CA)).body.batches;

      const criticalCareOnly: PermissionsService = {
        authorize: async reqs =>
          reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
        authorizeConditional: async reqs =>
          reqs.map(r =>
            createCertificateConditionalDecision(
              r.permission as typeof certificateReadPermission,
              certificateConditions.hasOwner({
                owners: ['group:default/critical-care-aftersales'],
              }),
            ),
          ),
      };
      server = await startBackend(knex, criticalCareOnly);
      expect((await get(CA)).body).toMatchObject({
        batches: [],
        totals: { personalCertificates: 0 },
      });
      const longzhou = (
        await get('/api/weibao/systems/default/ca-longzhou/certificates')
      ).body;
      expect(longzhou).toMatchObject({
        contractRef: null,
        totals: { personalCertificates: 2, usbKeys: 0 },
        minimums: { personalCertificates: 0, usbKeys: 0, electronicSeals: 0 },
      });
      const denied = await postCsv(
        `${CA}/import`,
        csv('electronic-seal,smart-card,医务科,1,S1,2026-03-02,2027-03-01,'),
      );
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        `weibao.certificate.update: ${LI_NA} may not change certificates of component:default/ca-chongzuo (owned by group:default/his-aftersales-guangxi)`,
      );
      const retire = await post(
        `/api/weibao/certificates/${theirs.id}/retire`,
        { version: 1, reason: 'lost' },
      );
      expect(retire.status).toBe(403);
      expect(await count(knex, 'weibao_certificate_batches')).toBe(2);

      const deny: PermissionsService = {
        authorize: async reqs =>
          reqs.map(() => ({ result: AuthorizeResult.DENY })),
        authorizeConditional: async reqs =>
          reqs.map(() => ({ result: AuthorizeResult.DENY })),
      };
      server = await startBackend(knex, deny);
      expect((await get(CA)).status).toBe(403);
      expect((await postCsv(`${CA}/import`, csv())).status).toBe(403);
    });

    it('imports all the batches in one transaction, or none', async () => {
      const store = new DatabaseCertificateStore(knex);
      const batch = {
        systemRef: 'component:default/ca-chongzuo',
        ownerRef: 'group:default/his-aftersales-guangxi',
        item: 'personal-certificate' as const,
        medium: 'usb-key' as const,
        holderDepartment: '门诊部',
        count: 1,
        serials: ['A1'],
        issuedOn: '2026-03-02',
        expiresOn: '2027-03-01',
        note: null,
      };
      const many = Array.from({ length: 450 }, () => batch);
      // the last row breaks a NOT NULL constraint in the third INSERT of the transaction
      const outcome = await store
        .importBatches(
          [...many, { ...batch, count: null as any }],
          LI_NA,
          NOW,
          'i1',
        )
        .then(
          () => 'written',
          (e: Error) => `refused: ${e.message}`,
        );
      expect(outcome).toMatch(/^refused: .*(not null|null value)/i);
      expect(await count(knex, 'weibao_certificate_batches')).toBe(0);
      expect(await count(knex, 'weibao_certificate_batch_events')).toBe(0);
      expect(await store.importBatches(many, LI_NA, NOW, 'i2')).toHaveLength(
        450,
      );
      expect(await count(knex, 'weibao_certificate_batch_events')).toBe(450);

      // an update is guarded by the version like a retirement
      const [first] = await store.list(batch.systemRef);
      const updated = await store.update(
        first.id,
        1,
        { holderDepartment: '急诊科', note: '调拨' },
        LI_NA,
        NOW + 1000,
      );
      expect(updated).toMatchObject({
        version: 2,
        holderDepartment: '急诊科',
        note: '调拨',
      });
      await expect(
        store.update(first.id, 1, { note: 'x' }, LI_NA, NOW),
      ).rejects.toThrow(
        'version: the certificate batch is at version 2, not 1; reload it and try again',
      );
    });
  },
);

describe.each(databases.eachSupportedId())(
  'certificate migration on %p',
  (databaseId: DatabaseId) => {
    it('goes up and down without touching the other tables', async () => {
      const knex = await databases.init(databaseId);
      const config = {
        directory: resolvePackagePath(
          '@weibao/plugin-weibao-backend',
          'migrations',
        ),
        tableName: 'weibao_knex_migrations',
      };
      const tables = async () =>
        Promise.all(
          [
            'weibao_certificate_batches',
            'weibao_certificate_batch_events',
            'weibao_incidents',
          ].map(t => knex.schema.hasTable(t)),
        );
      await knex.migrate.latest(config);
      expect(await tables()).toEqual([true, true, true]);
      await knex.migrate.down({
        ...config,
        name: '20261122120000_certificates.js',
      });
      expect(await tables()).toEqual([false, false, true]);
      await knex.migrate.latest(config);
      expect(await tables()).toEqual([true, true, true]);
    });
  },
);
