import { randomUUID } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  ObligationHistoryType,
  OccurrenceEvidence,
  OccurrenceState,
  PlannedOccurrence,
} from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import type {
  ObligationContract,
  ObligationQuery,
  ObligationStore,
  OccurrenceHistoryEntry,
  StoredOccurrence,
  SyncResult,
} from './ObligationStore';
import {
  applyPermission,
  ColumnFilter,
  toMs,
  toMsOrNull,
} from './permissionFilter';
import {
  obligationCountsOfContract,
  obligationHealthBySystem,
} from './obligationAggregates';

const CONTRACTS = 'weibao_obligation_contracts';
const OCCURRENCES = 'weibao_obligation_occurrences';
const SYSTEMS = 'weibao_obligation_occurrence_systems';
const EVENTS = 'weibao_obligation_events';

type Row = Record<string, any>;

const isoOf = (ms: unknown) =>
  typeof ms === 'number' ? new Date(ms).toISOString() : ms;

/**
 * A history row's payload as the API shows it: the instants stored as epoch ms become ISO 8601,
 * and a reschedule names its cause (rows written before `cause` existed say it in `why`).
 */
function historyPayload(type: string, payload: Row): Row {
  switch (type) {
    case 'planned':
      return { ...payload, dueAt: isoOf(payload.dueAt) };
    case 'rescheduled':
      return {
        ...payload,
        from: isoOf(payload.from),
        to: isoOf(payload.to),
        cause:
          payload.cause ??
          (String(payload.why).startsWith('counted from the completion')
            ? 'follow-up'
            : 'contract-changed'),
      };
    case 'completed':
      return { ...payload, recordedAt: isoOf(payload.recordedAt) };
    default:
      return payload;
  }
}

/** An occurrence row as stored (a JSON object of the row does too). */
export function fromRow(row: Row, systems: string[]): StoredOccurrence {
  return {
    id: row.id,
    version: row.version,
    contractRef: row.contract_ref,
    ownerRef: row.owner_ref,
    hospitalRef: row.hospital_ref,
    plan: JSON.parse(row.plan),
    systems,
    dueAt: toMs(row.due_at),
    doneAt: toMsOrNull(row.done_at),
    waivedAt: toMsOrNull(row.waived_at),
    retiredAt: toMsOrNull(row.retired_at),
    record: row.record ? JSON.parse(row.record) : {},
    updatedAt: toMs(row.updated_at),
  };
}

/** Restricts a query on occurrences (alias `o`) to occurrences in the given states at `now`. */
function whereStates(
  qb: Knex.QueryBuilder,
  states: OccurrenceState[],
  now: number,
  leadTimeMs: number,
) {
  const open = (q: Knex.QueryBuilder) =>
    q.whereNull('o.done_at').whereNull('o.waived_at').whereNull('o.retired_at');
  qb.where(any => {
    for (const state of states) {
      any.orWhere(q => {
        switch (state) {
          case 'done':
            q.whereNotNull('o.done_at');
            break;
          case 'waived':
            q.whereNull('o.done_at').whereNotNull('o.waived_at');
            break;
          case 'retired':
            q.whereNull('o.done_at')
              .whereNull('o.waived_at')
              .whereNotNull('o.retired_at');
            break;
          case 'overdue':
            open(q).where('o.due_at', '<', new Date(now));
            break;
          case 'due':
            open(q)
              .where('o.due_at', '>=', new Date(now))
              .where('o.due_at', '<=', new Date(now + leadTimeMs));
            break;
          default:
            open(q).where('o.due_at', '>', new Date(now + leadTimeMs));
        }
      });
    }
  });
}

function encodeCursor(dueAt: number, id: string) {
  return Buffer.from(JSON.stringify({ d: dueAt, id })).toString('base64url');
}

function decodeCursor(value: string): { d: number; id: string } {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Number.isSafeInteger(c?.d) &&
      c.d >= 0 &&
      c.d <= 253402300799999 &&
      typeof c?.id === 'string' &&
      /^[0-9a-f-]{36}$/.test(c.id)
    ) {
      return c;
    }
  } catch {
    // fall through
  }
  throw new InputError('cursor: not a cursor this API returned');
}

/** Knex implementation of {@link ObligationStore}. */
export class DatabaseObligationStore implements ObligationStore {
  constructor(private readonly db: Knex) {}

  private async append(
    tx: Knex.Transaction,
    occurrenceId: string,
    type: ObligationHistoryType,
    at: number,
    actor: string,
    payload: object,
  ) {
    const last = await tx(EVENTS)
      .where({ occurrence_id: occurrenceId })
      .max({ m: 'seq' })
      .first();
    await tx(EVENTS).insert({
      occurrence_id: occurrenceId,
      seq: Number(last?.m ?? 0) + 1,
      type,
      at: new Date(at),
      actor,
      payload: JSON.stringify(payload),
    });
  }

  private async withSystems(
    rows: Row[],
    db: Knex = this.db,
  ): Promise<StoredOccurrence[]> {
    if (!rows.length) return [];
    const links = await db(SYSTEMS).whereIn(
      'occurrence_id',
      rows.map(r => r.id),
    );
    const byId = new Map<string, string[]>();
    for (const l of links) {
      byId.set(l.occurrence_id, [
        ...(byId.get(l.occurrence_id) ?? []),
        l.system_ref,
      ]);
    }
    return rows.map(r => fromRow(r, (byId.get(r.id) ?? []).sort()));
  }

  async syncContract(
    contract: ObligationContract,
    plan: Array<PlannedOccurrence & { systemsConcerned: string[] }>,
    now: number,
  ): Promise<SyncResult> {
    const result: SyncResult = {
      added: 0,
      rescheduled: 0,
      retired: 0,
      restored: 0,
    };
    await this.db.transaction(async tx => {
      const contractRow = {
        owner_ref: contract.ownerRef,
        hospital_ref: contract.hospitalRef,
        terms: JSON.stringify(contract.terms),
        calendar_version: contract.calendarVersion,
        synced_at: new Date(now),
      };
      await tx(CONTRACTS)
        .insert({ contract_ref: contract.contractRef, ...contractRow })
        .onConflict('contract_ref')
        .merge(contractRow);
      const existing = new Map<string, Row>(
        (
          await tx(OCCURRENCES).where({ contract_ref: contract.contractRef })
        ).map(r => [r.key, r]),
      );
      const planned = new Set<string>();
      for (const occ of plan) {
        planned.add(occ.key);
        const { systemsConcerned, ...plannedOccurrence } = occ;
        const row = existing.get(occ.key);
        if (!row) {
          const id = randomUUID();
          await tx(OCCURRENCES).insert({
            id,
            version: 1,
            contract_ref: contract.contractRef,
            key: occ.key,
            owner_ref: contract.ownerRef,
            hospital_ref: contract.hospitalRef,
            obligation_id: occ.obligationId,
            kind: occ.kind,
            frequency: occ.frequency,
            parent_key: occ.parentKey ?? null,
            window_start: occ.windowStart,
            window_end: occ.windowEnd,
            due_at: new Date(occ.dueAt),
            // already past when first generated (a contract loaded mid-period): shown as
            // overdue, but not announced, or loading a contract would flood the team
            ...(occ.dueAt < now
              ? {
                  due_notified_at: new Date(now),
                  overdue_notified_at: new Date(now),
                }
              : {}),
            plan: JSON.stringify(plannedOccurrence),
            updated_at: new Date(now),
          });
          if (systemsConcerned.length) {
            await tx(SYSTEMS).insert(
              systemsConcerned.map(s => ({ occurrence_id: id, system_ref: s })),
            );
          }
          await this.append(tx, id, 'planned', now, 'weibao', {
            dueAt: occ.dueAt,
          });
          result.added++;
          continue;
        }
        if (row.done_at !== null || row.waived_at !== null) continue;
        const changes: Row = {};
        if (row.retired_at !== null) {
          changes.retired_at = null;
          await this.append(tx, row.id, 'restored', now, 'weibao', {});
          result.restored++;
        }
        // a follow-up whose parent is done keeps the due time counted from the parent's completion
        const parentDone =
          occ.parentKey !== undefined &&
          existing.get(occ.parentKey)?.done_at !== null &&
          existing.get(occ.parentKey)?.done_at !== undefined;
        if (!parentDone && toMs(row.due_at) !== occ.dueAt) {
          changes.due_at = new Date(occ.dueAt);
          await this.append(tx, row.id, 'rescheduled', now, 'weibao', {
            from: toMs(row.due_at),
            to: occ.dueAt,
            cause: 'contract-changed',
            why: 'the contract changed',
          });
          result.rescheduled++;
        }
        if (Object.keys(changes).length) {
          await tx(OCCURRENCES)
            .where({ id: row.id })
            .update({
              ...changes,
              plan: JSON.stringify(plannedOccurrence),
              window_start: occ.windowStart,
              window_end: occ.windowEnd,
              version: row.version + 1,
              updated_at: new Date(now),
            });
        }
      }
      for (const row of existing.values()) {
        if (
          planned.has(row.key) ||
          row.done_at !== null ||
          row.waived_at !== null ||
          row.retired_at !== null
        )
          continue;
        await tx(OCCURRENCES)
          .where({ id: row.id })
          .update({
            retired_at: new Date(now),
            version: row.version + 1,
            updated_at: new Date(now),
          });
        await this.append(tx, row.id, 'retired', now, 'weibao', {
          why: 'no longer in the contract',
        });
        result.retired++;
      }
    });
    return result;
  }

  async contract(contractRef: string): Promise<ObligationContract | undefined> {
    const row = await this.db(CONTRACTS)
      .where({ contract_ref: contractRef })
      .first();
    if (!row) return undefined;
    return {
      contractRef: row.contract_ref,
      ownerRef: row.owner_ref,
      hospitalRef: row.hospital_ref,
      terms: JSON.parse(row.terms),
      calendarVersion: row.calendar_version,
    };
  }

  async get(
    id: string,
    permission?: ObligationQuery['permission'],
  ): Promise<StoredOccurrence | undefined> {
    const qb = this.db(`${OCCURRENCES} as o`).where('o.id', id).select('o.*');
    if (permission)
      applyPermission(qb, permission as ColumnFilterCriteria, 'o');
    const [found] = await this.withSystems(await qb);
    return found;
  }

  async history(id: string): Promise<OccurrenceHistoryEntry[]> {
    const rows = await this.db(EVENTS)
      .where({ occurrence_id: id })
      .orderBy('seq');
    return rows.map(
      r =>
        ({
          seq: r.seq,
          type: r.type,
          at: new Date(toMs(r.at)).toISOString(),
          actor: r.actor,
          payload: historyPayload(r.type, JSON.parse(r.payload)),
        } as OccurrenceHistoryEntry),
    );
  }

  private filtered(query: ObligationQuery, now: number, leadTimeMs: number) {
    const qb = this.db(`${OCCURRENCES} as o`);
    if (query.contractRef) qb.where('o.contract_ref', query.contractRef);
    if (query.ownerRef) qb.where('o.owner_ref', query.ownerRef);
    if (query.kinds?.length) qb.whereIn('o.kind', query.kinds);
    if (query.dueFrom !== undefined)
      qb.where('o.due_at', '>=', new Date(query.dueFrom));
    if (query.dueTo !== undefined)
      qb.where('o.due_at', '<', new Date(query.dueTo));
    if (query.systemRef) {
      qb.whereExists(
        this.db(`${SYSTEMS} as s`)
          .select(this.db.raw('1'))
          .whereRaw('s.occurrence_id = o.id')
          .andWhere('s.system_ref', query.systemRef),
      );
    }
    if (query.states?.length) whereStates(qb, query.states, now, leadTimeMs);
    if (query.permission)
      applyPermission(qb, query.permission as ColumnFilterCriteria, 'o');
    return qb;
  }

  async list(
    query: ObligationQuery,
    page: { limit: number; cursor?: string },
    now: number,
    leadTimeMs: number,
  ) {
    const count = await this.filtered(query, now, leadTimeMs)
      .count({ n: '*' })
      .first();
    const qb = this.filtered(query, now, leadTimeMs)
      .select('o.*')
      .orderBy([
        { column: 'o.due_at', order: 'asc' },
        { column: 'o.id', order: 'asc' },
      ])
      .limit(page.limit + 1);
    if (page.cursor) {
      const c = decodeCursor(page.cursor);
      qb.where(q =>
        q
          .where('o.due_at', '>', new Date(c.d))
          .orWhere(eq =>
            eq.where('o.due_at', new Date(c.d)).andWhere('o.id', '>', c.id),
          ),
      );
    }
    const rows = await qb;
    const items = await this.withSystems(rows.slice(0, page.limit));
    const last = items[items.length - 1];
    return {
      items,
      totalCount: Number(count?.n ?? 0),
      ...(rows.length > page.limit && last
        ? { nextCursor: encodeCursor(last.dueAt, last.id) }
        : {}),
    };
  }

  private async change(
    id: string,
    expectedVersion: number,
    apply: (tx: Knex.Transaction, row: Row) => Promise<Row>,
    now: number,
    outer?: Knex.Transaction,
  ): Promise<StoredOccurrence> {
    return (outer ?? this.db).transaction(async tx => {
      const row = await tx(OCCURRENCES).where({ id }).first();
      if (!row) throw new NotFoundError(`no obligation occurrence ${id}`);
      if (row.version !== expectedVersion) {
        throw new ConflictError(
          `version: the occurrence is at version ${row.version}, not ${expectedVersion}; reload it and try again`,
        );
      }
      if (
        row.done_at !== null ||
        row.waived_at !== null ||
        row.retired_at !== null
      ) {
        const state = ['done', 'waived', 'retired'].find(
          s => row[`${s}_at`] !== null,
        );
        throw new ConflictError(`state: the occurrence is already ${state}`);
      }
      const changes = await apply(tx, row);
      const updated = await tx(OCCURRENCES)
        .where({ id, version: expectedVersion })
        .update({
          ...changes,
          version: expectedVersion + 1,
          updated_at: new Date(now),
        });
      if (updated !== 1) {
        throw new ConflictError(
          `version: the occurrence changed meanwhile; reload it and try again`,
        );
      }
      const [after] = await this.withSystems(
        await tx(OCCURRENCES).where({ id }),
        tx,
      );
      return after;
    });
  }

  complete(
    id: string,
    expectedVersion: number,
    done: {
      at: number;
      by: string;
      onTime: boolean;
      evidence: OccurrenceEvidence;
    },
    followUps: Array<{ id: string; dueAt: number }>,
    now: number,
    outer?: Knex.Transaction,
  ): Promise<StoredOccurrence> {
    return this.change(
      id,
      expectedVersion,
      async (tx, row) => {
        await this.append(tx, id, 'completed', done.at, done.by, {
          onTime: done.onTime,
          evidence: done.evidence,
          recordedAt: now,
        });
        for (const f of followUps) {
          const followUp = await tx(OCCURRENCES).where({ id: f.id }).first();
          await tx(OCCURRENCES)
            .where({ id: f.id })
            .update({
              due_at: new Date(f.dueAt),
              version: followUp.version + 1,
              updated_at: new Date(now),
            });
          await this.append(tx, f.id, 'rescheduled', now, done.by, {
            from: toMs(followUp.due_at),
            to: f.dueAt,
            cause: 'follow-up',
            why: `counted from the completion of ${row.key}`,
          });
        }
        return {
          done_at: new Date(done.at),
          record: JSON.stringify({
            done: { by: done.by, onTime: done.onTime, evidence: done.evidence },
          }),
        };
      },
      now,
      outer,
    );
  }

  waive(
    id: string,
    expectedVersion: number,
    waiver: { by: string; reason: string },
    now: number,
  ): Promise<StoredOccurrence> {
    return this.change(
      id,
      expectedVersion,
      async tx => {
        await this.append(tx, id, 'waived', now, waiver.by, {
          reason: waiver.reason,
        });
        return {
          waived_at: new Date(now),
          record: JSON.stringify({ waived: waiver }),
        };
      },
      now,
    );
  }

  async followUps(contractRef: string, parentKey: string) {
    const rows = await this.db(`${OCCURRENCES} as o`)
      .where({ 'o.contract_ref': contractRef, 'o.parent_key': parentKey })
      .whereNull('o.done_at')
      .whereNull('o.waived_at')
      .whereNull('o.retired_at')
      .select('o.*');
    return this.withSystems(rows);
  }

  async toNotify(
    kind: 'due' | 'overdue',
    now: number,
    leadTimeMs: number,
    limit: number,
  ) {
    const column =
      kind === 'due' ? 'o.due_notified_at' : 'o.overdue_notified_at';
    const qb = this.db(`${OCCURRENCES} as o`).whereNull(column).select('o.*');
    whereStates(qb, [kind], now, leadTimeMs);
    return this.withSystems(await qb.orderBy('o.due_at').limit(limit));
  }

  async markNotified(id: string, kind: 'due' | 'overdue', now: number) {
    const column = kind === 'due' ? 'due_notified_at' : 'overdue_notified_at';
    return this.db.transaction(async tx => {
      const updated = await tx(OCCURRENCES)
        .where({ id })
        .whereNull(column)
        .update({ [column]: new Date(now) });
      if (updated === 1) {
        await this.append(
          tx,
          id,
          kind === 'due' ? 'due-notified' : 'overdue-notified',
          now,
          'weibao',
          {},
        );
      }
      return updated === 1;
    });
  }

  healthBySystem(
    systemRefs: string[],
    now: number,
    leadTimeMs: number,
    permission?: ObligationQuery['permission'],
  ) {
    return obligationHealthBySystem(
      this.db,
      systemRefs,
      now,
      leadTimeMs,
      permission as ColumnFilterCriteria | undefined,
    );
  }

  contractCounts(
    contractRef: string,
    now: number,
    leadTimeMs: number,
    permission?: ObligationQuery['permission'],
  ) {
    return obligationCountsOfContract(
      this.db,
      contractRef,
      now,
      leadTimeMs,
      permission as ColumnFilterCriteria | undefined,
    );
  }
}

type ColumnFilterCriteria = PermissionCriteria<ColumnFilter>;
