import { mockServices } from '@backstage/backend-test-utils';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import knexFactory, { Knex } from 'knex';
import { DatabaseHealthStore } from './DatabaseHealthStore';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import type { SystemHealthFilters } from './HealthStore';
import type { ClockRow } from '../incidents/IncidentStore';
import { rebuildIncidentHealth } from '../../__testUtils__/rebuildIncidentHealth';

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW + ms);

const ZLHIS = 'component:default/zlhis-chongzuo';
const ICU = 'component:default/icu-longzhou';
const HIS_TEAM = 'group:default/his-aftersales-guangxi';
const OTHER_TEAM = 'group:default/critical-care-aftersales';
const CHONGZUO = 'system:default/chongzuo-mch';
const ECG = 'component:default/ecg-chongzuo';
const CHONGZUO_LEVELS = { 1: '系统灾难故障', 2: '严重故障' };

const ALL: SystemHealthFilters = {
  incidents: undefined,
  obligations: undefined,
  plans: undefined,
  drills: undefined,
  certificates: undefined,
};
const read = (
  store: DatabaseHealthStore,
  systemRef: string,
  filters: Partial<SystemHealthFilters> = {},
  shown = { clocksShown: 20, obligationsShown: 5 },
) =>
  store.systemHealth(systemRef, NOW, {
    leadTimeMs: 7 * DAY,
    ...shown,
    filters: { ...ALL, ...filters },
  });

let ids = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

async function incident(
  knex: Knex,
  o: {
    system?: string;
    owner?: string;
    contract?: string;
    level: number;
    status: string;
    /** The contract's level names, kept in the incident's terms. */
    levelNames?: Record<number, string>;
  },
  clocks: Array<{
    milestone: string;
    status?: string;
    counting?: boolean;
    due?: number | null;
    atRisk?: number | null;
    breached?: number;
  }> = [],
) {
  const id = uuid();
  await knex('weibao_incidents').insert({
    id,
    version: 1,
    system_ref: o.system ?? ZLHIS,
    hospital_ref: CHONGZUO,
    owner_ref: o.owner ?? HIS_TEAM,
    contract_ref: o.contract ?? null,
    level: o.level,
    status: o.status,
    title: `level ${o.level} ${o.status}`,
    search_text: '',
    reported_at: at(-DAY),
    updated_at: at(-DAY),
    state: JSON.stringify(
      o.levelNames
        ? {
            terms: {
              levels: Object.entries(o.levelNames).map(([level, name]) => ({
                level: Number(level),
                name,
                clocks: [],
              })),
            },
          }
        : {},
    ),
  });
  for (const c of clocks) {
    await knex('weibao_incident_clocks').insert({
      incident_id: id,
      milestone: c.milestone,
      status: c.status ?? 'running',
      counting: c.counting ?? true,
      target_seq: 1,
      due_at: c.due === null || c.due === undefined ? null : at(c.due),
      at_risk_at:
        c.atRisk === null || c.atRisk === undefined ? null : at(c.atRisk),
      breached_at: c.breached === undefined ? null : at(c.breached),
      calendar_version: 'test',
    });
  }
  return id;
}

async function occurrence(
  knex: Knex,
  o: {
    due: number;
    kind?: string;
    systems?: string[];
    owner?: string;
    done?: boolean;
    /** The duty a follow-up (e.g. an inspection's report) belongs to. */
    parentKey?: string;
    /** A duty of the contract as a whole; else the first system's own. */
    contractWide?: boolean;
  },
) {
  const id = uuid();
  await knex('weibao_obligation_occurrences').insert({
    id,
    version: 1,
    contract_ref: 'maintenancecontract:default/chongzuo-mch-2026',
    key: id,
    owner_ref: o.owner ?? HIS_TEAM,
    hospital_ref: CHONGZUO,
    obligation_id: o.kind ?? 'inspection',
    kind: o.kind ?? 'inspection',
    parent_key: o.parentKey ?? null,
    frequency: 'quarterly',
    window_start: '2026-10-01',
    window_end: '2026-12-31',
    due_at: at(o.due),
    system_ref: o.contractWide ? null : (o.systems ?? [ZLHIS])[0],
    done_at: o.done ? at(-DAY) : null,
    plan: JSON.stringify({ kind: o.kind ?? 'inspection', description: id }),
    updated_at: at(-DAY),
  });
  for (const system of o.systems ?? [ZLHIS]) {
    await knex('weibao_obligation_occurrence_systems').insert({
      occurrence_id: id,
      system_ref: system,
    });
  }
  return id;
}

describe.each(databases.eachSupportedId())(
  'system health read model on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseHealthStore;
    const seeded: Record<string, string> = {};

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await DatabaseIncidentStore.create({
        database: mockServices.database({ knex }),
      });
      store = new DatabaseHealthStore(knex);

      // level 1: one clock breached before, one still running past its due time
      seeded.breached = await incident(
        knex,
        { level: 1, status: 'reported', levelNames: CHONGZUO_LEVELS },
        [
          { milestone: 'response', due: -2 * HOUR, breached: -2 * HOUR },
          { milestone: 'dispatch', due: -HOUR, atRisk: -2 * HOUR },
          { milestone: 'arrival', due: null },
        ],
      );
      // level 2: at risk, and a paused clock past its warning (not at risk: not running)
      seeded.atRisk = await incident(
        knex,
        {
          level: 2,
          status: 'acknowledged',
          contract: 'maintenancecontract:default/a',
        },
        [
          { milestone: 'dispatch', due: 2 * HOUR, atRisk: -HOUR },
          {
            milestone: 'resolution',
            status: 'paused',
            due: DAY,
            atRisk: -HOUR,
          },
        ],
      );
      // level 2 on site: a clock met (not counting) and one running, not at risk yet
      seeded.onSite = await incident(knex, { level: 2, status: 'on-site' }, [
        { milestone: 'response', status: 'met', counting: false, due: -DAY },
        { milestone: 'resolution', due: 3 * HOUR, atRisk: HOUR },
      ]);
      // awaiting confirmation: its clocks no longer show
      seeded.resolved = await incident(knex, { level: 3, status: 'resolved' }, [
        { milestone: 'solution', due: -HOUR },
      ]);
      await incident(knex, { level: 3, status: 'closed' }, [
        { milestone: 'solution', due: -HOUR },
      ]);
      // another team's system
      seeded.icu = await incident(
        knex,
        { system: ICU, owner: OTHER_TEAM, level: 4, status: 'reported' },
        [{ milestone: 'response', due: HOUR }],
      );

      seeded.overdue = await occurrence(knex, { due: -3 * DAY });
      seeded.overdueDrill = await occurrence(knex, {
        due: -DAY,
        kind: 'drill',
        systems: [ZLHIS, ICU],
      });
      seeded.soon = await occurrence(knex, { due: 2 * DAY });
      // the contract's weekly talk with the hospital, overdue: not counted on the system
      seeded.contractsOwn = await occurrence(knex, {
        due: -2 * DAY,
        kind: 'communication',
        systems: [ZLHIS, ECG],
        contractWide: true,
      });
      seeded.later = await occurrence(knex, { due: 30 * DAY });
      seeded.latest = await occurrence(knex, { due: 60 * DAY });
      await occurrence(knex, { due: 10 * DAY, done: true });
      await occurrence(knex, { due: 5 * DAY, systems: [ICU] });
      // the ECG system: daily backups crowd out its inspection, its report and its drill
      for (let day = 1; day <= 6; day++) {
        await occurrence(knex, {
          due: day * DAY,
          kind: 'backup',
          systems: [ECG],
        });
      }
      seeded.ecgInspection = await occurrence(knex, {
        due: 20 * DAY,
        systems: [ECG],
      });
      await occurrence(knex, {
        due: 15 * DAY,
        systems: [ECG],
        parentKey: seeded.ecgInspection,
      });
      seeded.ecgDrill = await occurrence(knex, {
        due: 40 * DAY,
        kind: 'drill',
        systems: [ECG],
      });
      await occurrence(knex, { due: 50 * DAY, kind: 'drill', systems: [ECG] });
      seeded.theirs = await occurrence(knex, {
        due: 3 * DAY,
        owner: OTHER_TEAM,
      });

      const plan = async (status: string, start: number) => {
        const id = uuid();
        await knex('weibao_upgrade_plans').insert({
          id,
          version: 1,
          system_ref: ZLHIS,
          hospital_ref: CHONGZUO,
          owner_ref: HIS_TEAM,
          status,
          window_start: at(start),
          window_end: at(start + 4 * HOUR),
          state: JSON.stringify({ id, status }),
          updated_at: at(-DAY),
        });
        return id;
      };
      await plan('verified', DAY);
      seeded.laterPlan = await plan('draft', 20 * DAY);
      seeded.nextPlan = await plan('ready', 10 * DAY);

      const drill = async (performed: number) => {
        const id = uuid();
        await knex('weibao_drills').insert({
          id,
          version: 1,
          system_ref: ZLHIS,
          hospital_ref: CHONGZUO,
          owner_ref: HIS_TEAM,
          scenario: 'server-down',
          performed_at: at(performed),
          recovery_minutes: 40,
          target_minutes: 60,
          passed: true,
          record: JSON.stringify({
            participants: [],
            findings: '',
            followUps: [],
          }),
          recorded_by: 'user:default/li.na',
          recorded_at: at(performed),
        });
        return id;
      };
      await drill(-90 * DAY);
      seeded.lastDrill = await drill(-10 * DAY);

      for (const [expires, retired] of [
        ['2026-12-01', false],
        ['2026-10-01', true],
      ] as const) {
        await knex('weibao_certificate_batches').insert({
          id: uuid(),
          version: 1,
          system_ref: ZLHIS,
          owner_ref: HIS_TEAM,
          item: 'personal-certificate',
          medium: 'usb-key',
          holder_department: '药房',
          count: 12,
          serials: '[]',
          issued_on: '2025-12-01',
          expires_on: expires,
          created_by: 'user:default/li.na',
          created_at: at(-DAY),
          updated_at: at(-DAY),
          retired_at: retired ? at(-DAY) : null,
        });
      }
      // the rows were written straight into the tables: derive the incidents' health rows
      seeded.healthRows = String(await rebuildIncidentHealth(knex));
    });

    it('derives a health row for each open or resolved incident stored', async () => {
      expect(seeded.healthRows).toBe('5');
      expect(
        (await knex('weibao_incident_health').select('incident_id'))
          .map(r => r.incident_id)
          .sort(),
      ).toEqual(
        [
          seeded.breached,
          seeded.atRisk,
          seeded.onSite,
          seeded.resolved,
          seeded.icu,
        ].sort(),
      );
    });

    it('sums up incidents and their clocks as of now', async () => {
      const { incidents } = await read(store, ZLHIS);
      expect(incidents).toMatchObject({
        openByLevel: { '1': 1, '2': 2 },
        awaitingConfirmation: 1,
        breached: 1,
        atRisk: 1,
      });
      expect(
        incidents.runningClocks.map(c => [c.incidentId, c.milestone, c.status]),
      ).toEqual([
        [seeded.breached, 'response', 'breached'],
        [seeded.breached, 'dispatch', 'breached'],
        [seeded.atRisk, 'dispatch', 'running'],
        [seeded.onSite, 'resolution', 'running'],
        [seeded.atRisk, 'resolution', 'paused'],
        [seeded.breached, 'arrival', 'running'],
      ]);
      const shown = await read(
        store,
        ZLHIS,
        {},
        { clocksShown: 2, obligationsShown: 5 },
      );
      expect(shown.incidents.runningClocks).toEqual(
        incidents.runningClocks.slice(0, 2),
      );
      expect(shown.incidents.breached).toBe(1);
    });

    it('names the levels of open incidents as the contract they were reported under does', async () => {
      const { incidents } = await read(store, ZLHIS);
      // the level 2 incidents were reported without terms: no name to give
      expect(incidents.levelNames).toEqual({ '1': '系统灾难故障' });
      // read from the incidents themselves (a condition on their contract): the same names
      const viaIncidents = await read(store, ZLHIS, {
        incidents: { not: { property: 'contract_ref', values: [] } },
      });
      expect(viaIncidents.incidents.levelNames).toEqual(incidents.levelNames);
    });

    it('names the next inspection and drill even when other duties come first', async () => {
      const { obligations } = await read(store, ECG);
      expect(obligations!.next).toHaveLength(5);
      expect(obligations!.next.every(o => o.plan.kind === 'backup')).toBe(true);
      // the inspection itself, not its report due earlier
      expect(obligations!.nextInspection?.id).toBe(seeded.ecgInspection);
      expect(obligations!.nextDrill?.id).toBe(seeded.ecgDrill);
      expect(obligations).toMatchObject({ overdue: 0, dueSoon: 6 });
    });

    it('names an overdue inspection or drill as the next one', async () => {
      const { obligations } = await read(store, ZLHIS);
      expect(obligations!.nextInspection?.id).toBe(seeded.overdue);
      expect(obligations!.nextDrill?.id).toBe(seeded.overdueDrill);
      const none = await read(store, ICU, {
        obligations: { property: 'owner_ref', values: [OTHER_TEAM] },
      });
      expect(none.obligations).toMatchObject({
        nextInspection: undefined,
        nextDrill: undefined,
      });
    });

    it('counts open obligations and lists the next ones, upcoming only', async () => {
      const { obligations } = await read(store, ZLHIS);
      expect(obligations).toMatchObject({
        overdue: 2,
        dueSoon: 2,
        overdueDrills: 1,
      });
      expect(obligations!.next.map(o => o.id)).toEqual([
        seeded.soon,
        seeded.theirs,
        seeded.later,
        seeded.latest,
      ]);
      expect(obligations!.next[0]).toMatchObject({
        dueAt: NOW + 2 * DAY,
        plan: { kind: 'inspection' },
        systems: [ZLHIS],
      });
      const two = await read(
        store,
        ZLHIS,
        {},
        { clocksShown: 20, obligationsShown: 2 },
      );
      expect(two.obligations!.next.map(o => o.id)).toEqual([
        seeded.soon,
        seeded.theirs,
      ]);
    });

    it('reads plans, the last drill and the certificate register', async () => {
      const health = await read(store, ZLHIS);
      expect(health.plans!.inFlight).toBe(2);
      expect(health.plans!.next!.state).toMatchObject({ id: seeded.nextPlan });
      expect(health.lastDrill).toMatchObject({
        id: seeded.lastDrill,
        passed: true,
        performedAt: at(-10 * DAY).toISOString(),
      });
      expect(
        health
          .certificates!.map(b => [b.expiresOn, b.retiredAt !== null])
          .sort(),
      ).toEqual([
        ['2026-10-01', true],
        ['2026-12-01', false],
      ]);

      const empty = await read(store, 'component:default/pacs-chongzuo');
      expect(empty).toEqual({
        incidents: {
          openByLevel: {},
          levelNames: {},
          awaitingConfirmation: 0,
          atRisk: 0,
          breached: 0,
          runningClocks: [],
        },
        obligations: {
          overdue: 0,
          dueSoon: 0,
          overdueDrills: 0,
          next: [],
          nextInspection: undefined,
          nextDrill: undefined,
        },
        plans: { inFlight: 0, next: undefined },
        lastDrill: undefined,
        certificates: [],
      });
    });

    it('applies each section’s permission filter in SQL, and reads nothing for a null one', async () => {
      const ours = { property: 'owner_ref', values: [HIS_TEAM] };
      const theirs = { property: 'owner_ref', values: [OTHER_TEAM] };
      const health = await read(store, ZLHIS, {
        incidents: { not: ours },
        obligations: {
          anyOf: [theirs, { property: 'system_ref', values: [] }],
        },
        plans: {
          allOf: [ours, { property: 'hospital_ref', values: [CHONGZUO] }],
        },
        drills: null,
        certificates: { property: 'owner_ref', values: [] },
      });
      expect(health.incidents.openByLevel).toEqual({});
      expect(health.obligations).toMatchObject({ overdue: 0, dueSoon: 1 });
      expect(health.obligations!.next.map(o => o.id)).toEqual([seeded.theirs]);
      expect(health.plans!.inFlight).toBe(2);
      expect(health.lastDrill).toBeNull();
      expect(health.certificates).toEqual([]);

      // the same shape with other values, and another system: nothing carried over
      const icu = await read(store, ICU, {
        incidents: { not: theirs },
        obligations: { anyOf: [ours, { property: 'system_ref', values: [] }] },
        plans: {
          allOf: [theirs, { property: 'hospital_ref', values: [CHONGZUO] }],
        },
        drills: null,
        certificates: { property: 'owner_ref', values: [] },
      });
      expect(icu.incidents.openByLevel).toEqual({});
      expect(icu.obligations!.overdue).toBe(1);
      expect(icu.obligations!.next).toHaveLength(1);
      expect(icu.plans!.inFlight).toBe(0);

      const nothingElse = await read(store, ICU, {
        obligations: null,
        plans: null,
        certificates: null,
      });
      expect(nothingElse.incidents.openByLevel).toEqual({ '4': 1 });
      expect(nothingElse).toMatchObject({
        obligations: null,
        plans: null,
        certificates: null,
      });
    });

    it('reads the incidents themselves when a condition is on a column their health rows lack', async () => {
      const onHealthRows = await read(store, ZLHIS);
      const contract = await read(store, ZLHIS, {
        incidents: {
          anyOf: [
            {
              property: 'contract_ref',
              values: ['maintenancecontract:default/a'],
            },
            { property: 'owner_ref', values: [] },
          ],
        },
      });
      expect(contract.incidents).toMatchObject({
        openByLevel: { '2': 1 },
        atRisk: 1,
        breached: 0,
      });
      const everything = await read(store, ZLHIS, {
        incidents: { not: { property: 'contract_ref', values: [] } },
      });
      expect(everything.incidents).toEqual(onHealthRows.incidents);
    });

    it('keeps the health rows with every write of the incident store', async () => {
      const incidents = await DatabaseIncidentStore.create({
        database: mockServices.database({ knex }),
      });
      const system = 'component:default/lis-chongzuo';
      const id = uuid();
      const state = (status: string, version: number) =>
        ({
          id,
          version,
          systemRef: system,
          hospitalRef: CHONGZUO,
          ownerRef: HIS_TEAM,
          level: 2,
          status,
          title: '检验结果无法回传',
          symptoms: '',
          reporter: { name: '信息科' },
          impact: { modules: [] },
          reportedAt: NOW - HOUR,
          terms: { levels: [{ level: 2, name: '严重故障', clocks: [] }] },
        } as any);
      const clock = (milestone: string, due: number): ClockRow => ({
        milestone: milestone as ClockRow['milestone'],
        status: 'running',
        counting: true,
        targetSeq: 1,
        dueAt: NOW + due,
        atRiskAt: null,
        breachedAt: null,
        metAt: null,
        nextAlertAt: null,
        calendarVersion: 'test',
      });
      const event = (type: string) =>
        ({ type, at: NOW, actor: 'user:default/li.na', payload: {} } as any);
      const figures = async () => {
        const { incidents: h } = await read(store, system);
        return {
          open: h.openByLevel,
          names: h.levelNames,
          awaiting: h.awaitingConfirmation,
          breached: h.breached,
          clocks: h.runningClocks.map(c => c.milestone),
        };
      };

      await incidents.create(
        event('reported'),
        state('reported', 1),
        [clock('response', -HOUR), clock('dispatch', HOUR)],
        NOW,
      );
      expect(await figures()).toEqual({
        open: { '2': 1 },
        names: { '2': '严重故障' },
        awaiting: 0,
        breached: 1,
        clocks: ['response', 'dispatch'],
      });

      await incidents.rewriteClocks(id, [clock('dispatch', HOUR)]);
      expect(await figures()).toMatchObject({
        breached: 0,
        clocks: ['dispatch'],
      });

      await incidents.append(
        id,
        1,
        [event('resolve')],
        state('resolved', 2),
        [{ ...clock('dispatch', HOUR), counting: false, status: 'met' }],
        NOW,
      );
      expect(await figures()).toEqual({
        open: {},
        names: {},
        awaiting: 1,
        breached: 0,
        clocks: [],
      });
      // a resolved incident shows no clocks, whatever the drift check rewrites
      await incidents.rewriteClocks(id, [clock('dispatch', -HOUR)]);
      expect((await figures()).clocks).toEqual([]);

      await incidents.append(
        id,
        2,
        [event('close')],
        state('closed', 3),
        [],
        NOW,
      );
      expect(await figures()).toEqual({
        open: {},
        names: {},
        awaiting: 0,
        breached: 0,
        clocks: [],
      });
      expect(
        await knex('weibao_incident_health').where({ incident_id: id }),
      ).toEqual([]);
    });
  },
);

describe.each(
  databases.eachSupportedId().filter(([id]) => id.startsWith('POSTGRES')),
)('the health statement on %p', databaseId => {
  it('runs outside knex’s runner yet shows in its query events, and gives its connection back when it fails', async () => {
    const knex = await databases.init(databaseId);
    await DatabaseIncidentStore.create({
      database: mockServices.database({ knex }),
    });
    // one connection: a read that kept it would leave the next one waiting for it
    const single = knexFactory({
      client: 'pg',
      connection: knex.client.config.connection,
      pool: { min: 0, max: 1 },
      acquireConnectionTimeout: 3_000,
    });
    try {
      const store = new DatabaseHealthStore(single);
      const events: string[] = [];
      single
        .on('query', q => events.push(`query ${q.sql.slice(0, 25)}`))
        .on('query-response', () => events.push('response'))
        .on('query-error', () => events.push('error'));

      await expect(read(store, ZLHIS)).resolves.toMatchObject({
        incidents: { openByLevel: {} },
      });
      expect(events).toEqual(['query select json_build_object(', 'response']);

      // a value the database refuses (not an instant)
      await expect(
        read(store, ZLHIS, {
          obligations: { property: 'due_at', values: ['soon'] },
        }),
      ).rejects.toThrow(/timestamp/);
      expect(events.slice(2)).toEqual([
        'query select json_build_object(',
        'error',
      ]);
      await expect(read(store, ZLHIS)).resolves.toMatchObject({
        obligations: { overdue: 0 },
      });
    } finally {
      await single.destroy();
    }
  });
});
