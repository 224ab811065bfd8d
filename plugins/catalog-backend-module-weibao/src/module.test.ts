import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessed from '@backstage/plugin-catalog-backend-module-unprocessed';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import { catalogModuleWeibao } from './module';

const examples = path.resolve(__dirname, '../../../examples');
const fixtures = path.resolve(__dirname, '__fixtures__');

jest.setTimeout(90_000);

const databases = createWeibaoTestDatabases();

async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error('timed out waiting for the catalog');
    await new Promise(r => setTimeout(r, 250));
  }
}

describe.each(databases.eachSupportedId())(
  'catalog with the Weibao module on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    const get = (p: string) => request(server).get(`/api/catalog${p}`);

    /** Errors of an entity the catalog refused (listed by the unprocessed-entities module). */
    const errorsOf = (name: string) =>
      eventually(async () => {
        for (const reason of ['failed', 'pending']) {
          const res = await get(`/entities/unprocessed/${reason}`);
          const entry = res.body.entities.find(
            (e: any) => e.unprocessed_entity.metadata.name === name,
          );
          if (entry?.errors?.length) return JSON.stringify(entry.errors);
        }
        return undefined;
      });

    // a hospital of its own with one system and a contract, edited by a test
    const editable = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-catalog-')),
      'editable.yaml',
    );
    const editableYaml = (calendar: string, amount: number) => `
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: ningming-tcm, title: 宁明县中医院 }
spec: { owner: his-aftersales-guangxi }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: zlhis-ningming }
spec: { type: his, lifecycle: production, owner: his-aftersales-guangxi, system: ningming-tcm }
---
apiVersion: weibao.io/v1alpha1
kind: MaintenanceContract
metadata: { name: ningming-tcm-2026 }
spec:
  contractNumber: NM-2026-1
  hospital: ningming-tcm
  vendor: vendor
  owner: his-aftersales-guangxi
  period: { start: '2026-01-01', end: '2026-12-31' }
  value: { amount: ${amount}, currency: CNY }
  covers: [zlhis-ningming]
  channels: [{ kind: hotline, calendar: 5x8 }]
  severityLevels:
    - level: 1
      name: 系统灾难故障
      definition: 全院系统瘫痪
      clocks: [{ milestone: response, target: { amount: 30, unit: minutes }, calendar: ${calendar} }]
`;

    beforeAll(async () => {
      fs.writeFileSync(editable, editableYaml('24x7', 120000));
      const knex = await databases.init(databaseId);
      const file = (dir: string, name: string) => ({
        type: 'file',
        target: path.join(dir, name),
      });
      ({ server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleWeibao,
          catalogModuleUnprocessed,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'Domain',
                      'Group',
                      'User',
                      'Location',
                      'MaintenanceContract',
                    ],
                  },
                ],
                locations: [
                  file(examples, 'org.yaml'),
                  file(examples, 'hospitals.yaml'),
                  file(examples, 'contracts.yaml'),
                  file(fixtures, 'broken-system.yaml'),
                  file(fixtures, 'broken-contracts.yaml'),
                  file(fixtures, 'duplicate-contracts.yaml'),
                  { type: 'file', target: editable },
                ],
              },
            },
          }),
        ],
      }));
    });

    it('loads the example hospitals and their systems', async () => {
      const systems = await eventually(async () => {
        const res = await get(
          '/entities/by-query?filter=kind=component,spec.system=chongzuo-mch&limit=50',
        );
        return res.body.items?.length === 8 ? res.body.items : undefined;
      });
      expect(systems.map((e: any) => e.spec.type).sort()).toEqual([
        'anesthesia',
        'ca',
        'ecg',
        'grade-review',
        'his',
        'knowledge-base',
        'quality-monitoring',
        'queue',
      ]);
      const hospital = await get(
        '/entities/by-name/system/default/chongzuo-mch',
      );
      expect(hospital.body.metadata.title).toBe('崇左市妇幼保健院');
    });

    it('stores the example contracts with relations both ways', async () => {
      const contract = await eventually(async () => {
        const res = await get(
          '/entities/by-name/maintenancecontract/default/chongzuo-mch-2026',
        );
        return res.status === 200 ? res.body : undefined;
      });
      expect(contract.spec.value).toEqual({ amount: 790000, currency: 'CNY' });
      expect(contract.relations).toEqual(
        expect.arrayContaining([
          { type: 'covers', targetRef: 'component:default/zlhis-chongzuo' },
          { type: 'covers', targetRef: 'component:default/ca-chongzuo' },
          { type: 'contractWith', targetRef: 'system:default/chongzuo-mch' },
          { type: 'providedBy', targetRef: 'group:default/vendor' },
          {
            type: 'ownedBy',
            targetRef: 'group:default/his-aftersales-guangxi',
          },
        ]),
      );
      expect(
        contract.relations.filter((r: any) => r.type === 'covers'),
      ).toHaveLength(8);

      // the other side, read back through the catalog API
      const zlhis = await eventually(async () => {
        const res = await get(
          '/entities/by-name/component/default/zlhis-chongzuo',
        );
        return res.body.relations?.some((r: any) => r.type === 'coveredBy')
          ? res.body
          : undefined;
      });
      expect(zlhis.relations).toContainEqual({
        type: 'coveredBy',
        targetRef: 'maintenancecontract:default/chongzuo-mch-2026',
      });
      // relations are stitched asynchronously: wait for each side to appear
      const hospital = await eventually(async () => {
        const res = await get('/entities/by-name/system/default/chongzuo-mch');
        return res.body.relations?.some((r: any) => r.type === 'hasContract')
          ? res.body
          : undefined;
      });
      expect(hospital.relations).toContainEqual({
        type: 'hasContract',
        targetRef: 'maintenancecontract:default/chongzuo-mch-2026',
      });
      const covered = await eventually(async () => {
        const res = await get(
          '/entities/by-query?filter=relations.coveredBy=maintenancecontract:default/longzhou-people-critical-care',
        );
        return res.body.items?.length >= 2 ? res.body.items : undefined;
      });
      expect(covered.map((e: any) => e.metadata.name).sort()).toEqual([
        'dip-longzhou',
        'icu-longzhou',
      ]);
    });

    it('keeps the last good terms of a contract edited into an invalid one, and says why on the entity', async () => {
      const url =
        '/entities/by-name/maintenancecontract/default/ningming-tcm-2026';
      const good = await eventually(async () => {
        const res = await get(url);
        return res.status === 200 ? res.body : undefined;
      });
      expect(good.spec.value.amount).toBe(120000);
      expect(good.status?.items ?? []).toEqual([]);
      // an edit with an unknown calendar and a new value
      fs.writeFileSync(editable, editableYaml('7x24', 999999));
      const refused = await eventually(async () => {
        const res = await get(url);
        return res.body.status?.items?.length ? res.body : undefined;
      });
      // still the last good terms, with the catalog's processing error naming the field
      expect(refused.spec.value.amount).toBe(120000);
      expect(refused.status.items).toEqual([
        expect.objectContaining({
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message: expect.stringMatching(
            /spec\.severityLevels\[0\]\.clocks\[0\]\.calendar: unknown calendar "7x24"/,
          ),
        }),
      ]);
    });

    it('lists a refused update in neither unprocessed-entities list: only the entity says it was refused (Backstage 1.55)', async () => {
      // the same invalid edit as above, so that this test stands on its own
      fs.writeFileSync(editable, editableYaml('7x24', 999999));
      const url =
        '/entities/by-name/maintenancecontract/default/ningming-tcm-2026';
      const refused = await eventually(async () => {
        const res = await get(url);
        return res.body.status?.items?.length ? res.body : undefined;
      });
      expect(refused.spec.value.amount).toBe(120000);
      // "failed" lists final_entities rows without a final entity, which catalog-backend 4 never
      // writes; "pending" lists entities with no final entity at all. A contract that keeps its
      // last good terms has one, so it is in neither list (README: A contract whose update is
      // refused); a contract never accepted is listed under "pending", with its errors.
      const listed = async (reason: string) =>
        (await get(`/entities/unprocessed/${reason}`)).body.entities.map(
          (e: any) => e.unprocessed_entity.metadata.name,
        );
      expect(await listed('failed')).not.toContain('ningming-tcm-2026');
      expect(await listed('pending')).not.toContain('ningming-tcm-2026');
      expect(await errorsOf('unknown-calendar')).toMatch(/unknown calendar/);
      expect(await listed('pending')).toContain('unknown-calendar');
      expect(await listed('failed')).toEqual([]);
    });

    it('accepts exactly one of two duplicate contracts loaded together: the one whose reference sorts first', async () => {
      const winnerUrl =
        '/entities/by-name/maintenancecontract/default/daxin-people-2026';
      /** The copy's refusal: on the entity if a first pass accepted it, else among the unprocessed. */
      const refusalOfCopy = () =>
        eventually(async () => {
          const res = await get(
            '/entities/by-name/maintenancecontract/default/daxin-people-2026-copy',
          );
          const items: any[] = res.body?.status?.items ?? [];
          const duplicate = items.find((i: any) =>
            /spec\.period/.test(i.message),
          );
          if (duplicate) return duplicate.message as string;
          const pending = (await get('/entities/unprocessed/pending')).body
            .entities;
          const entry = pending.find(
            (e: any) =>
              e.unprocessed_entity.metadata.name === 'daxin-people-2026-copy',
          );
          // errors is '' until the entity was processed once
          const errors = Array.isArray(entry?.errors) ? entry.errors : [];
          const error = errors.find((e: any) => /spec\.period/.test(e.message));
          return error?.message as string | undefined;
        });
      const expected =
        /spec\.period: maintenancecontract:default\/daxin-people-2026-copy and maintenancecontract:default\/daxin-people-2026 both cover component:default\/zlhis-daxin from 2026-01-01: .* so maintenancecontract:default\/daxin-people-2026 applies and maintenancecontract:default\/daxin-people-2026-copy is refused/;
      expect(await refusalOfCopy()).toMatch(expected);
      const winner = await eventually(async () => {
        const res = await get(winnerUrl);
        return res.status === 200 ? res.body : undefined;
      });
      expect(winner.spec.value.amount).toBe(90000);

      // let processing settle: several more passes change nothing
      await new Promise(r => setTimeout(r, 5_000));
      const settled = (await get(winnerUrl)).body;
      expect(settled.spec.value.amount).toBe(90000);
      expect(settled.status?.items ?? []).toEqual([]);
      expect(await refusalOfCopy()).toMatch(expected);
      // the system names the winner as covering it
      const system = await eventually(async () => {
        const res = await get(
          '/entities/by-name/component/default/zlhis-daxin',
        );
        return res.body.relations?.some(
          (r: any) =>
            r.type === 'coveredBy' &&
            r.targetRef === 'maintenancecontract:default/daxin-people-2026',
        )
          ? res.body
          : undefined;
      });
      expect(system.relations).toContainEqual({
        type: 'coveredBy',
        targetRef: 'maintenancecontract:default/daxin-people-2026',
      });
    });

    it.each([
      [
        'covers-a-ghost',
        /spec\.covers\[1\]: component:default\/pacs-chongzuo is not in the catalog/,
      ],
      [
        'covers-another-hospitals-system',
        /spec\.covers\[0\]: component:default\/icu-longzhou belongs to system:default\/longzhou-people, not to the contract's hospital system:default\/chongzuo-mch/,
      ],
      [
        'unknown-calendar',
        /spec\.severityLevels\[0\]\.clocks\[0\]\.calendar: unknown calendar \\"7x24\\"/,
      ],
      ['orphan-his', /spec\.system: a hospital system must name its hospital/],
    ])('refuses %s with an error naming the field', async (name, error) => {
      expect(await errorsOf(name)).toMatch(error);
      expect(
        (await get(`/entities/by-query?filter=metadata.name=${name}`)).body
          .items,
      ).toEqual([]);
    });
  },
);
