import { ConflictError, NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  DrillRecord,
  UpgradeEvent,
  UpgradePlanState,
} from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import { applyPermission, ColumnFilter } from '../permissionFilter';
import {
  DRILL_EVENTS,
  IN_FLIGHT,
  DRILLS,
  drillFromRow,
  DrillRow,
  iso,
  PLAN_EVENTS,
  PlanEventRow,
  planFromRow,
  PlanRow,
  PLANS,
} from './rows';
import type {
  DrillQuery,
  PlanHistoryEntry,
  PlanQuery,
  SpanQuery,
  UpgradeStore,
} from './UpgradeStore';
import { timelineColumns } from '../timeline';

function planColumns(state: UpgradePlanState, now: number) {
  return {
    version: state.version,
    system_ref: state.systemRef,
    hospital_ref: state.hospitalRef,
    owner_ref: state.ownerRef,
    status: state.status,
    window_start: new Date(state.window.start),
    window_end: new Date(state.window.end),
    state: JSON.stringify(state),
    updated_at: new Date(now),
  };
}

function eventColumns(
  planId: string,
  seq: number,
  event: UpgradeEvent,
  now: number,
) {
  return {
    plan_id: planId,
    ...timelineColumns(event, seq, now),
  };
}

/** Knex implementation of {@link UpgradeStore}. */
export class DatabaseUpgradeStore implements UpgradeStore {
  constructor(private readonly db: Knex) {}

  async createPlan(event: UpgradeEvent, state: UpgradePlanState, now: number) {
    await this.db.transaction(async tx => {
      await tx(PLANS).insert({ id: state.id, ...planColumns(state, now) });
      await tx(PLAN_EVENTS).insert(eventColumns(state.id, 1, event, now));
    });
    return { state, updatedAt: now };
  }

  async appendPlan(
    id: string,
    expectedVersion: number,
    event: UpgradeEvent,
    state: UpgradePlanState,
    now: number,
  ) {
    await this.db.transaction(async tx => {
      const updated = await tx(PLANS)
        .where({ id, version: expectedVersion })
        .update(planColumns(state, now));
      if (updated !== 1) {
        const current = await tx(PLANS).where({ id }).first('version');
        if (!current) throw new NotFoundError(`no upgrade plan ${id}`);
        throw new ConflictError(
          `version: the plan is at version ${current.version}, not ${expectedVersion}; reload it and try again`,
        );
      }
      await tx(PLAN_EVENTS).insert(
        eventColumns(id, expectedVersion + 1, event, now),
      );
    });
    return { state, updatedAt: now };
  }

  async getPlan(id: string, permission?: PermissionCriteria<ColumnFilter>) {
    const qb = this.db(`${PLANS} as p`).where('p.id', id);
    if (permission) applyPermission(qb, permission, 'p');
    const row: PlanRow | undefined = await qb.first('p.state', 'p.updated_at');
    return row ? planFromRow(row) : undefined;
  }

  async planHistory(id: string): Promise<PlanHistoryEntry[]> {
    const rows: PlanEventRow[] = await this.db(PLAN_EVENTS)
      .where({ plan_id: id })
      .orderBy('seq');
    return rows.map(r => ({
      seq: r.seq,
      type: r.type,
      at: iso(r.at),
      recordedAt: iso(r.recorded_at),
      actor: r.actor,
      payload: JSON.parse(r.payload),
    }));
  }

  async listPlans(query: PlanQuery, limit: number) {
    const filtered = () => {
      const qb = this.db(`${PLANS} as p`);
      if (query.systemRef) qb.where('p.system_ref', query.systemRef);
      if (query.hospitalRef) qb.where('p.hospital_ref', query.hospitalRef);
      if (query.ownerRef) qb.where('p.owner_ref', query.ownerRef);
      if (query.statuses?.length) qb.whereIn('p.status', query.statuses);
      if (query.permission) applyPermission(qb, query.permission, 'p');
      return qb;
    };
    const [count, rows] = await Promise.all([
      filtered().count({ n: '*' }).first(),
      filtered()
        .select('p.state', 'p.updated_at')
        .orderBy([
          { column: 'p.window_start', order: 'asc' },
          { column: 'p.id' },
        ])
        .limit(limit),
    ]);
    return {
      items: (rows as PlanRow[]).map(planFromRow),
      totalCount: Number(count?.n ?? 0),
    };
  }

  async plansInSpan(query: SpanQuery, limit: number) {
    if (!query.ownerRefs.length) return { items: [], truncated: false };
    const qb = this.db(`${PLANS} as p`)
      .whereIn('p.owner_ref', query.ownerRefs)
      .whereNot('p.status', 'cancelled')
      .where('p.window_start', '<', new Date(query.to))
      .where('p.window_end', '>', new Date(query.from))
      .select('p.state', 'p.updated_at')
      .orderBy([{ column: 'p.window_start', order: 'asc' }, { column: 'p.id' }])
      .limit(limit + 1);
    if (query.permission) applyPermission(qb, query.permission, 'p');
    const rows = (await qb) as PlanRow[];
    return {
      items: rows.slice(0, limit).map(planFromRow),
      truncated: rows.length > limit,
    };
  }

  async drillsInSpan(query: SpanQuery, limit: number) {
    if (!query.ownerRefs.length) return { items: [], truncated: false };
    const qb = this.db(`${DRILLS} as d`)
      .whereIn('d.owner_ref', query.ownerRefs)
      .where('d.performed_at', '>=', new Date(query.from))
      .where('d.performed_at', '<', new Date(query.to))
      .select('d.*')
      .orderBy([{ column: 'd.performed_at', order: 'asc' }, { column: 'd.id' }])
      .limit(limit + 1);
    if (query.permission) applyPermission(qb, query.permission, 'd');
    const rows = (await qb) as DrillRow[];
    return {
      items: rows.slice(0, limit).map(drillFromRow),
      truncated: rows.length > limit,
    };
  }

  async recordDrill(
    drill: DrillRecord,
    now: number,
    alsoInTransaction?: (tx: Knex.Transaction) => Promise<void>,
  ) {
    await this.db.transaction(async tx => {
      await tx(DRILLS).insert({
        id: drill.id,
        version: drill.version,
        system_ref: drill.systemRef,
        hospital_ref: drill.hospitalRef,
        owner_ref: drill.ownerRef,
        contract_ref: drill.contractRef,
        scenario: drill.scenario,
        upgrade_plan_id: drill.upgradePlanId,
        occurrence_id: drill.occurrenceId,
        performed_at: new Date(Date.parse(drill.performedAt)),
        recovery_minutes: drill.recoveryMinutes,
        target_minutes: drill.targetMinutes,
        passed: drill.passed,
        record: JSON.stringify({
          participants: drill.participants,
          findings: drill.findings,
          followUps: drill.followUps,
        }),
        recorded_by: drill.recordedBy,
        recorded_at: new Date(now),
      });
      await tx(DRILL_EVENTS).insert({
        drill_id: drill.id,
        seq: 1,
        type: 'recorded',
        at: new Date(now),
        actor: drill.recordedBy,
        payload: JSON.stringify(drill),
      });
      if (alsoInTransaction) await alsoInTransaction(tx);
    });
    return drill;
  }

  async getDrill(id: string, permission?: PermissionCriteria<ColumnFilter>) {
    const qb = this.db(`${DRILLS} as d`).where('d.id', id).select('d.*');
    if (permission) applyPermission(qb, permission, 'd');
    const row: DrillRow | undefined = await qb.first();
    return row ? drillFromRow(row) : undefined;
  }

  async listDrills(query: DrillQuery, limit: number) {
    const filtered = () => {
      const qb = this.db(`${DRILLS} as d`);
      if (query.systemRef) qb.where('d.system_ref', query.systemRef);
      if (query.upgradePlanId)
        qb.where('d.upgrade_plan_id', query.upgradePlanId);
      if (query.permission) applyPermission(qb, query.permission, 'd');
      return qb;
    };
    const [count, rows] = await Promise.all([
      filtered().count({ n: '*' }).first(),
      filtered()
        .select('d.*')
        .orderBy([
          { column: 'd.performed_at', order: 'desc' },
          { column: 'd.id' },
        ])
        .limit(limit),
    ]);
    return {
      items: (rows as DrillRow[]).map(drillFromRow),
      totalCount: Number(count?.n ?? 0),
    };
  }

  async inFlightBySystem(
    systemRefs: string[],
    filter: PermissionCriteria<ColumnFilter> | undefined | null,
  ): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (filter === null || !systemRefs.length) return result;
    const qb = this.db(`${PLANS} as p`)
      .whereIn('p.system_ref', systemRefs)
      .whereIn('p.status', IN_FLIGHT)
      .groupBy('p.system_ref')
      .select('p.system_ref', this.db.raw('count(*) as n'));
    if (filter) applyPermission(qb, filter, 'p');
    for (const row of (await qb) as Array<{
      system_ref: string;
      n: number | string;
    }>) {
      result.set(row.system_ref, Number(row.n));
    }
    return result;
  }
}

export { drillFromRow, IN_FLIGHT, planFromRow } from './rows';
