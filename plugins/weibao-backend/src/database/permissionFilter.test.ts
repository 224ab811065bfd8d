import { mockServices } from '@backstage/backend-test-utils';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import { Knex } from 'knex';
import { DatabaseIncidentStore } from './incidents/DatabaseIncidentStore';
import {
  applyPermission,
  ColumnFilter,
  permissionSql,
} from './permissionFilter';

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

const owner = (...values: string[]) => ({ property: 'owner_ref', values });
const hospital = (...values: string[]) => ({
  property: 'hospital_ref',
  values,
});

const CRITERIA: Array<PermissionCriteria<ColumnFilter>> = [
  owner('group:a'),
  owner('group:a', 'group:b'),
  owner(),
  { not: owner('group:a') },
  { not: owner() },
  { anyOf: [owner('group:a'), hospital('system:y')] },
  { allOf: [owner('group:b'), hospital('system:y')] },
  {
    allOf: [
      { not: hospital('system:x') },
      { anyOf: [owner(), owner('group:c')] },
    ],
  },
];

describe('permissionSql', () => {
  it('writes the criteria as SQL text with its values in placeholder order', () => {
    const bindings: unknown[] = [];
    expect(
      permissionSql(
        {
          allOf: [
            { not: owner('a', 'b') },
            { anyOf: [hospital('h'), owner()] },
          ],
        },
        'i',
        bindings,
      ),
    ).toBe(
      '((not (i.owner_ref in (?, ?))) and (i.hospital_ref in (?) or (1 = 0)))',
    );
    expect(bindings).toEqual(['a', 'b', 'h']);
  });

  it('refuses a property that is not a column name', () => {
    expect(() =>
      permissionSql({ property: 'owner_ref; drop', values: ['a'] }, 'i', []),
    ).toThrow(/not a column/);
  });
});

describe.each(databases.eachSupportedId())(
  'permissionSql against applyPermission on %p',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await DatabaseIncidentStore.create({
        database: mockServices.database({ knex }),
      });
      let n = 0;
      for (const o of ['group:a', 'group:b', 'group:c']) {
        for (const h of ['system:x', 'system:y']) {
          await knex('weibao_incidents').insert({
            id: `00000000-0000-4000-8000-00000000000${++n}`,
            version: 1,
            system_ref: 'component:default/s',
            hospital_ref: h,
            owner_ref: o,
            level: 3,
            status: 'reported',
            title: `${o} ${h}`,
            search_text: '',
            reported_at: new Date(0),
            updated_at: new Date(0),
            state: '{}',
          });
        }
      }
    });

    it.each(CRITERIA.map(c => [JSON.stringify(c), c]))(
      'selects the same rows for %s',
      async (_, criteria) => {
        const viaKnex = knex('weibao_incidents as i').select('i.id');
        applyPermission(viaKnex, criteria, 'i');
        const bindings: unknown[] = [];
        const text = permissionSql(criteria, 'i', bindings);
        const viaText = await knex('weibao_incidents as i')
          .whereRaw(text, bindings as Knex.RawBinding[])
          .select('i.id');
        const ids = (rows: Array<{ id: string }>) => rows.map(r => r.id).sort();
        expect(ids(viaText)).toEqual(ids(await viaKnex));
      },
    );
  },
);
