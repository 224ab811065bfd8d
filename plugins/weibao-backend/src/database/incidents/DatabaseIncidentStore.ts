import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  IncidentClockAlert,
  IncidentEvent,
  IncidentState,
  IncidentTimelineEntry,
} from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import {
  applyPermission as applyColumnPermission,
  toMs,
  toMsOrNull,
} from '../permissionFilter';
import {
  breachedClocksOfContract,
  incidentHealthBySystem,
} from '../health/incidentAggregates';
import {
  writeIncidentHealth,
  writeIncidentHealthClocks,
} from '../health/incidentHealthRows';
import type {
  BreachedClockRow,
  ClockAlert,
  ClockRow,
  ClockToCheck,
  IncidentFilter,
  IncidentPage,
  IncidentQuery,
  IncidentStore,
  StoredIncident,
  SystemIncidentFigures,
} from './IncidentStore';
import { migratedClient } from '../migrations';
import {
  ALERTS,
  CLOCKS,
  clockColumns,
  decodeCursor,
  encodeCursor,
  EVENTS,
  eventColumns,
  fromRow,
  incidentColumns,
  INCIDENTS,
  toDate,
} from './rows';

function applyPermission(
  qb: Knex.QueryBuilder,
  criteria: PermissionCriteria<IncidentFilter>,
): void {
  applyColumnPermission(qb, criteria, 'i');
}

/** Knex implementation of {@link IncidentStore}, on SQLite or PostgreSQL. */
export class DatabaseIncidentStore implements IncidentStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseIncidentStore> {
    return new DatabaseIncidentStore(await migratedClient(options));
  }

  constructor(private readonly db: Knex) {}

  async create(
    event: Extract<IncidentEvent, { type: 'reported' }>,
    state: IncidentState,
    clocks: ClockRow[],
    now: number,
  ): Promise<StoredIncident> {
    await this.db.transaction(async tx => {
      await tx(INCIDENTS).insert({
        id: state.id,
        ...incidentColumns(state, now),
      });
      await tx(EVENTS).insert(eventColumns(state.id, 1, event, now));
      if (clocks.length) {
        await tx(CLOCKS).insert(clocks.map(c => clockColumns(state.id, c)));
      }
      await writeIncidentHealth(tx, state, clocks);
    });
    return { state, updatedAt: now };
  }

  async append(
    id: string,
    expectedVersion: number,
    events: IncidentEvent[],
    state: IncidentState,
    clocks: ClockRow[],
    now: number,
  ): Promise<StoredIncident> {
    await this.db.transaction(async tx => {
      const updated = await tx(INCIDENTS)
        .where({ id, version: expectedVersion })
        .update(incidentColumns(state, now));
      if (updated !== 1) {
        const current = await tx(INCIDENTS).where({ id }).first('version');
        if (!current) throw new NotFoundError(`no incident ${id}`);
        throw new ConflictError(
          `version: the incident is at version ${current.version}, not ${expectedVersion}; reload it and try again`,
        );
      }
      await tx(EVENTS).insert(
        events.map((e, i) => eventColumns(id, expectedVersion + i + 1, e, now)),
      );
      await tx(CLOCKS).where({ incident_id: id }).delete();
      if (clocks.length) {
        await tx(CLOCKS).insert(clocks.map(c => clockColumns(id, c)));
      }
      await writeIncidentHealth(tx, state, clocks);
    });
    return { state, updatedAt: now };
  }

  async get(
    id: string,
    permission?: PermissionCriteria<IncidentFilter>,
  ): Promise<StoredIncident | undefined> {
    const qb = this.db(`${INCIDENTS} as i`).where('i.id', id);
    if (permission) applyPermission(qb, permission);
    const row = await qb.first('i.state', 'i.updated_at');
    return row ? fromRow(row) : undefined;
  }

  async timeline(id: string): Promise<IncidentTimelineEntry[]> {
    const rows = await this.db(EVENTS)
      .where({ incident_id: id })
      .orderBy('seq');
    return rows.map(r => ({
      seq: r.seq,
      type: r.type,
      at: new Date(toMs(r.at)).toISOString(),
      recordedAt: new Date(toMs(r.recorded_at)).toISOString(),
      actor: r.actor,
      payload: JSON.parse(r.payload),
    }));
  }

  async events(ids: string[]): Promise<Map<string, IncidentEvent[]>> {
    const result = new Map<string, IncidentEvent[]>(ids.map(id => [id, []]));
    if (!ids.length) return result;
    const rows = await this.db(EVENTS)
      .whereIn('incident_id', ids)
      .orderBy(['incident_id', 'seq']);
    for (const r of rows) {
      result.get(r.incident_id)!.push({
        type: r.type,
        at: toMs(r.at),
        actor: r.actor,
        payload: JSON.parse(r.payload),
      } as IncidentEvent);
    }
    return result;
  }

  async alerts(id: string): Promise<IncidentClockAlert[]> {
    const rows = await this.db(ALERTS).where({ incident_id: id }).orderBy('id');
    return rows.map(r => ({
      milestone: r.milestone,
      kind: r.kind,
      percent: r.percent,
      at: new Date(toMs(r.at)).toISOString(),
      notifiedAt: new Date(toMs(r.notified_at)).toISOString(),
    }));
  }

  /** Incidents matching a query (alias `i`), without paging. */
  private filtered(query: IncidentQuery, now: number): Knex.QueryBuilder {
    const qb = this.db(`${INCIDENTS} as i`);
    if (query.systemRef) qb.where('i.system_ref', query.systemRef);
    if (query.hospitalRef) qb.where('i.hospital_ref', query.hospitalRef);
    if (query.ownerRefs?.length) qb.whereIn('i.owner_ref', query.ownerRefs);
    if (query.levels?.length) qb.whereIn('i.level', query.levels);
    if (query.statuses?.length) qb.whereIn('i.status', query.statuses);
    if (query.reportedFrom !== undefined)
      qb.where('i.reported_at', '>=', new Date(query.reportedFrom));
    if (query.reportedTo !== undefined)
      qb.where('i.reported_at', '<', new Date(query.reportedTo));
    if (query.text) {
      const escaped = query.text
        .toLowerCase()
        .replace(/[\\%_]/g, m => `\\${m}`);
      qb.whereRaw(`i.search_text like ? escape '\\'`, [`%${escaped}%`]);
    }
    if (query.breached !== undefined) {
      const clause = this.db(`${CLOCKS} as c`)
        .select(this.db.raw('1'))
        .whereRaw('c.incident_id = i.id')
        .andWhere(q => this.breachedClock(q, now));
      if (query.breached) qb.whereExists(clause);
      else qb.whereNotExists(clause);
    }
    if (query.atRisk !== undefined) {
      const clause = this.db(`${CLOCKS} as c`)
        .select(this.db.raw('1'))
        .whereRaw('c.incident_id = i.id')
        .andWhere(q => this.atRiskClock(q, now));
      if (query.atRisk) qb.whereExists(clause);
      else qb.whereNotExists(clause);
    }
    if (query.permission) applyPermission(qb, query.permission);
    return qb;
  }

  /** A clock that breached, or is still counting past its due time. */
  private breachedClock(q: Knex.QueryBuilder, now: number) {
    q.whereNotNull('c.breached_at').orWhere(inner =>
      inner
        .where('c.counting', true)
        .andWhere('c.status', 'running')
        .andWhere('c.due_at', '<=', new Date(now)),
    );
  }

  /** A clock still running, past its last warning threshold, not yet due. */
  private atRiskClock(q: Knex.QueryBuilder, now: number) {
    q.where('c.counting', true)
      .andWhere('c.status', 'running')
      .whereNull('c.breached_at')
      .andWhere('c.at_risk_at', '<=', new Date(now))
      .andWhere('c.due_at', '>', new Date(now));
  }

  async list(
    query: IncidentQuery,
    page: { limit: number; cursor?: string },
    now: number,
  ): Promise<IncidentPage> {
    const countRow = await this.filtered(query, now).count({ n: '*' }).first();
    const totalCount = Number(countRow?.n ?? 0);
    const qb = this.filtered(query, now)
      .select('i.state', 'i.updated_at', 'i.reported_at', 'i.id')
      .orderBy([
        { column: 'i.reported_at', order: 'desc' },
        { column: 'i.id', order: 'desc' },
      ])
      .limit(page.limit + 1);
    if (page.cursor) {
      const c = decodeCursor(page.cursor);
      qb.where(inner =>
        inner
          .where('i.reported_at', '<', new Date(c.r))
          .orWhere(eq =>
            eq
              .where('i.reported_at', new Date(c.r))
              .andWhere('i.id', '<', c.id),
          ),
      );
    }
    const rows = await qb;
    const more = rows.length > page.limit;
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(fromRow),
      totalCount,
      ...(more && last
        ? {
            nextCursor: encodeCursor({
              r: toMs(last.reported_at),
              id: last.id,
            }),
          }
        : {}),
    };
  }

  healthBySystem(
    systemRefs: string[],
    now: number,
    permission?: PermissionCriteria<IncidentFilter>,
  ): Promise<Map<string, SystemIncidentFigures>> {
    return incidentHealthBySystem(this.db, systemRefs, now, permission);
  }

  contractBreaches(
    contractRef: string,
    now: number,
    permission?: PermissionCriteria<IncidentFilter>,
  ): Promise<BreachedClockRow[]> {
    return breachedClocksOfContract(this.db, contractRef, now, permission);
  }

  async clocksToCheck(now: number, limit: number): Promise<ClockToCheck[]> {
    const rows = await this.db(CLOCKS)
      .where('next_alert_at', '<=', new Date(now))
      .select('incident_id', 'milestone', 'target_seq')
      .orderBy('next_alert_at')
      .limit(limit);
    return rows.map(r => ({
      incidentId: r.incident_id,
      milestone: r.milestone,
      targetSeq: r.target_seq,
    }));
  }

  async setNextAlert(
    clock: ClockToCheck,
    nextAlertAt: number | null,
  ): Promise<void> {
    await this.db(CLOCKS)
      .where({
        incident_id: clock.incidentId,
        milestone: clock.milestone,
        target_seq: clock.targetSeq,
      })
      .update({ next_alert_at: toDate(nextAlertAt) });
  }

  async recordAlert(alert: ClockAlert, now: number): Promise<boolean> {
    const inserted = await this.db(ALERTS)
      .insert({
        incident_id: alert.incidentId,
        milestone: alert.milestone,
        target_seq: alert.targetSeq,
        kind: alert.kind,
        percent: alert.percent,
        at: new Date(alert.at),
        notified_at: new Date(now),
      })
      .onConflict(['incident_id', 'milestone', 'target_seq', 'kind', 'percent'])
      .ignore()
      .returning('id');
    return inserted.length === 1;
  }

  async openIncidentIds(
    after: string | undefined,
    limit: number,
  ): Promise<string[]> {
    const qb = this.db(INCIDENTS)
      .whereNot('status', 'closed')
      .orderBy('id')
      .limit(limit)
      .select('id');
    if (after) qb.where('id', '>', after);
    return (await qb).map(r => r.id);
  }

  async rewriteClocks(id: string, clocks: ClockRow[]): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(CLOCKS).where({ incident_id: id }).delete();
      if (clocks.length) {
        await tx(CLOCKS).insert(clocks.map(c => clockColumns(id, c)));
      }
      await writeIncidentHealthClocks(tx, id, clocks);
    });
  }

  async clockRows(ids: string[]): Promise<Map<string, ClockRow[]>> {
    const result = new Map<string, ClockRow[]>(ids.map(id => [id, []]));
    if (!ids.length) return result;
    const rows = await this.db(CLOCKS)
      .whereIn('incident_id', ids)
      .orderBy(['incident_id', 'milestone']);
    for (const r of rows) {
      result.get(r.incident_id)!.push({
        milestone: r.milestone,
        status: r.status,
        counting: Boolean(r.counting),
        targetSeq: r.target_seq,
        dueAt: toMsOrNull(r.due_at),
        atRiskAt: toMsOrNull(r.at_risk_at),
        breachedAt: toMsOrNull(r.breached_at),
        metAt: toMsOrNull(r.met_at),
        nextAlertAt: toMsOrNull(r.next_alert_at),
        calendarVersion: r.calendar_version,
      });
    }
    return result;
  }
}
