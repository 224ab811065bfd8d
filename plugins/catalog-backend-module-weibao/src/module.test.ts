import path from 'node:path';
import request from 'supertest';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessed from '@backstage/plugin-catalog-backend-module-unprocessed';
import { catalogModuleWeibao } from './module';

const examples = path.resolve(__dirname, '../../../examples');
const fixtures = path.resolve(__dirname, '__fixtures__');

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error('timed out waiting for the catalog');
    await new Promise(r => setTimeout(r, 200));
  }
}

describe.each(databases.eachSupportedId())(
  'catalog with the Weibao module on %p',
  databaseId => {
    it('loads the example hospitals and reports a hospital system without a hospital', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
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
                    ],
                  },
                ],
                locations: [
                  { type: 'file', target: path.join(examples, 'org.yaml') },
                  {
                    type: 'file',
                    target: path.join(examples, 'hospitals.yaml'),
                  },
                  {
                    type: 'file',
                    target: path.join(fixtures, 'broken-system.yaml'),
                  },
                ],
              },
            },
          }),
        ],
      });

      const get = (p: string) => request(server).get(`/api/catalog${p}`);

      const hospital = await eventually(async () => {
        const res = await get('/entities/by-name/system/default/chongzuo-mch');
        return res.status === 200 ? res.body : undefined;
      });
      expect(hospital.metadata.title).toBe('崇左市妇幼保健院');

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

      const zlhis = systems.find(
        (e: any) => e.metadata.name === 'zlhis-chongzuo',
      );
      expect(zlhis.relations).toEqual(
        expect.arrayContaining([
          { type: 'partOf', targetRef: 'system:default/chongzuo-mch' },
          {
            type: 'ownedBy',
            targetRef: 'group:default/his-aftersales-guangxi',
          },
        ]),
      );

      // The broken one never becomes a catalog entity: it is listed among the failed
      // (unprocessed) entities, with errors that name each field and the reason.
      const failed = await eventually(async () => {
        for (const reason of ['failed', 'pending']) {
          const res = await get(`/entities/unprocessed/${reason}`);
          const entry = res.body.entities.find(
            (e: any) => e.unprocessed_entity.metadata.name === 'orphan-his',
          );
          if (entry?.errors?.length) return entry;
        }
        return undefined;
      });
      const messages = JSON.stringify(failed.errors);
      expect(messages).toMatch(
        /spec\.system: a hospital system must name its hospital/,
      );
      expect(messages).toMatch(
        /weibao\.io\/product-version.*must not be empty/,
      );
      expect(
        (await get('/entities/by-name/component/default/orphan-his')).status,
      ).toBe(404);
    });
  },
);
