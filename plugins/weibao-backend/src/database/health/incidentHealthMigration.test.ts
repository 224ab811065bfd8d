import { createWeibaoTestDatabases } from '@weibao/test-support';
import path from 'node:path';

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

const config = {
  directory: path.resolve(__dirname, '../../../migrations'),
  tableName: 'weibao_knex_migrations',
};
const LEVEL_NAMES = 'incident_health_level_name';

describe.each(databases.eachSupportedId())(
  'the level names of health rows on %p',
  databaseId => {
    it('are filled from the stored incidents’ terms, and dropped going down', async () => {
      const knex = await databases.init(databaseId);
      // every migration before the level names
      for (;;) {
        const [, pending] = await knex.migrate.list(config);
        const next = pending[0]?.file as string | undefined;
        if (!next || next.includes(LEVEL_NAMES)) break;
        await knex.migrate.up(config);
      }
      const incident = (id: string, level: number, terms: unknown) => ({
        id,
        version: 1,
        system_ref: 'component:default/zlhis-chongzuo',
        hospital_ref: 'system:default/chongzuo-mch',
        owner_ref: 'group:default/his-aftersales-guangxi',
        contract_ref: terms
          ? 'maintenancecontract:default/chongzuo-mch-2026'
          : null,
        level,
        status: 'acknowledged',
        title: `level ${level}`,
        search_text: '',
        reported_at: new Date('2026-11-20T02:00:00Z'),
        updated_at: new Date('2026-11-20T02:00:00Z'),
        state: JSON.stringify({ terms }),
      });
      const terms = {
        levels: [
          { level: 1, name: '系统灾难故障', clocks: [] },
          { level: 2, name: '严重故障', clocks: [] },
        ],
      };
      const ids = ['1', '2', '3'].map(
        n => `00000000-0000-4000-8000-00000000000${n}`,
      );
      await knex('weibao_incidents').insert([
        incident(ids[0], 1, terms),
        incident(ids[1], 2, terms),
        incident(ids[2], 1, null),
      ]);
      await knex('weibao_incident_health').insert(
        ids.map(id => ({
          incident_id: id,
          system_ref: 'component:default/zlhis-chongzuo',
          hospital_ref: 'system:default/chongzuo-mch',
          owner_ref: 'group:default/his-aftersales-guangxi',
          level: id === ids[1] ? 2 : 1,
          status: 'acknowledged',
          title: 't',
          clocks: '[]',
        })),
      );

      await knex.migrate.up(config);
      const names = await knex('weibao_incident_health')
        .orderBy('incident_id')
        .select('incident_id', 'level_name');
      expect(names).toEqual([
        { incident_id: ids[0], level_name: '系统灾难故障' },
        { incident_id: ids[1], level_name: '严重故障' },
        { incident_id: ids[2], level_name: null },
      ]);

      await knex.migrate.down(config);
      expect(
        await knex.schema.hasColumn('weibao_incident_health', 'level_name'),
      ).toBe(false);
      expect(
        Number((await knex('weibao_incident_health').count({ n: '*' }))[0].n),
      ).toBe(3);
    });
  },
);
