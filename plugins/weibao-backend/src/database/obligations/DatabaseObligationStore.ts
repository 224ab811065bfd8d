import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  obligationCountsOfContract,
  obligationHealthBySystem,
} from './aggregates';
import { applyPermission, toMs } from '../permissionFilter';
import { syncContractIn } from './applySyncPlan';
import type {
  ObligationContract,
  ObligationQuery,
  ObligationStore,
  OccurrenceCompletion,
  OccurrenceHistoryEntry,
  RecordedForSync,
  StoredObligationGroup,
  StoredOccurrence,
  SyncPlan,
  SyncResult,
  UnitOfWork,
} from './ObligationStore';
import { FOLLOW_UP, obligationGroups } from './groups';
import { markOccurrenceNotified, occurrencesToNotify } from './notices';
import {
  appendEvent,
  decodeCursor,
  encodeCursor,
  whereStates,
  withSystems,
} from './queries';
import {
  ContractRow,
  CONTRACTS,
  EventRow,
  EVENTS,
  OccurrenceRow,
  OCCURRENCES,
  SYSTEMS,
  contractFromRow,
  historyFromRow,
} from './rows';

type FollowUpDue = { id: string; dueAt: number };

/** Why an occurrence can no longer change: the first of done, waived, retired. */
function closedState(row: OccurrenceRow): string | undefined {
  if (row.done_at !== null) return 'done';
  if (row.waived_at !== null) return 'waived';
  if (row.retired_at !== null) return 'retired';
  return undefined;
}

/** Knex implementation of {@link ObligationStore}. */
export class DatabaseObligationStore implements ObligationStore {
  constructor(private readonly db: Knex) {}

  syncContract(
    contract: Omit<ObligationContract, 'firstSeenAt'>,
    decide: (recorded: RecordedForSync[], firstSeenAt: number) => SyncPlan,
    now: number,
  ): Promise<SyncResult> {
    return this.db.transaction(tx => syncContractIn(tx, contract, decide, now));
  }

  async contract(contractRef: string): Promise<ObligationContract | undefined> {
    const row = await this.db<ContractRow>(CONTRACTS)
      .where({ contract_ref: contractRef })
      .first();
    return row ? contractFromRow(row) : undefined;
  }

  async get(
    id: string,
    permission?: ObligationQuery['permission'],
  ): Promise<StoredOccurrence | undefined> {
    const qb = this.db<OccurrenceRow>(`${OCCURRENCES} as o`)
      .where('o.id', id)
      .select('o.*');
    if (permission) applyPermission(qb, permission, 'o');
    const [found] = await withSystems(this.db, await qb);
    return found;
  }

  async history(id: string): Promise<OccurrenceHistoryEntry[]> {
    const rows = await this.db<EventRow>(EVENTS)
      .where({ occurrence_id: id })
      .orderBy('seq');
    return rows.map(historyFromRow);
  }

  private filtered(query: ObligationQuery, now: number, leadTimeMs: number) {
    const qb = this.db<OccurrenceRow>(`${OCCURRENCES} as o`);
    if (query.contractRef) qb.where('o.contract_ref', query.contractRef);
    if (query.ownerRef) qb.where('o.owner_ref', query.ownerRef);
    if (query.kinds?.length) qb.whereIn('o.kind', query.kinds);
    if (query.obligationId) qb.where('o.obligation_id', query.obligationId);
    if (query.followUp) {
      qb.whereRaw(`${FOLLOW_UP} = ?`, [
        query.followUp === 'none' ? '' : query.followUp,
      ]);
    }
    if (query.scope === 'system') qb.whereNotNull('o.system_ref');
    if (query.scope === 'contract') qb.whereNull('o.system_ref');
    if (query.duty) {
      qb.where('o.contract_ref', query.duty.contractRef);
      qb.where('o.obligation_id', query.duty.obligationId);
      if (query.duty.systemRef === null) qb.whereNull('o.system_ref');
      else qb.where('o.system_ref', query.duty.systemRef);
      qb.whereRaw(`${FOLLOW_UP} = ?`, [query.duty.followUp ?? '']);
    }
    if (query.dueFrom !== undefined)
      qb.where('o.due_at', '>=', new Date(query.dueFrom));
    if (query.dueTo !== undefined)
      qb.where('o.due_at', '<', new Date(query.dueTo));
    if (query.systemRef) {
      // from the system's rows (its index), not a check of every occurrence: SQLite would
      // scan the whole table for a correlated EXISTS
      qb.whereIn(
        'o.id',
        this.db(`${SYSTEMS} as s`)
          .select('s.occurrence_id')
          .where('s.system_ref', query.systemRef),
      );
    }
    if (query.states?.length) whereStates(qb, query.states, now, leadTimeMs);
    if (query.permission) applyPermission(qb, query.permission, 'o');
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
    const rows: OccurrenceRow[] = await qb;
    const items = await withSystems(this.db, rows.slice(0, page.limit));
    const last = items[items.length - 1];
    return {
      items,
      totalCount: Number(count?.n ?? 0),
      ...(rows.length > page.limit && last
        ? { nextCursor: encodeCursor(last.dueAt, last.id) }
        : {}),
    };
  }

  /**
   * Changes an open occurrence at `expectedVersion` (ConflictError otherwise): `apply` appends
   * its history rows and returns the columns to set; the version goes up by one.
   */
  private change(
    id: string,
    expectedVersion: number,
    apply: (
      tx: Knex.Transaction,
      row: OccurrenceRow,
    ) => Promise<Partial<OccurrenceRow>>,
    now: number,
  ): UnitOfWork<StoredOccurrence> {
    return async tx => {
      const row = await tx<OccurrenceRow>(OCCURRENCES).where({ id }).first();
      if (!row) throw new NotFoundError(`no obligation occurrence ${id}`);
      if (row.version !== expectedVersion) {
        throw new ConflictError(
          `version: the occurrence is at version ${row.version}, not ${expectedVersion}; reload it and try again`,
        );
      }
      const state = closedState(row);
      if (state) {
        throw new ConflictError(`state: the occurrence is already ${state}`);
      }
      const changes = await apply(tx, row);
      const updated = await tx<OccurrenceRow>(OCCURRENCES)
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
      const [after] = await withSystems(
        tx,
        await tx<OccurrenceRow>(OCCURRENCES).where({ id }),
      );
      return after;
    };
  }

  completion(
    id: string,
    expectedVersion: number,
    done: OccurrenceCompletion,
    followUps: FollowUpDue[],
    now: number,
  ): UnitOfWork<StoredOccurrence> {
    return this.change(
      id,
      expectedVersion,
      async (tx, row) => {
        await appendEvent(tx, id, 'completed', done.at, done.by, {
          onTime: done.onTime,
          evidence: done.evidence,
          recordedAt: now,
        });
        for (const f of followUps) {
          const followUp = await tx<OccurrenceRow>(OCCURRENCES)
            .where({ id: f.id })
            .first();
          if (!followUp) throw new NotFoundError(`no follow-up ${f.id}`);
          // completed (or waived) in the same action before its parent: nothing to move
          if (closedState(followUp)) continue;
          await tx<OccurrenceRow>(OCCURRENCES)
            .where({ id: f.id })
            .update({
              due_at: new Date(f.dueAt),
              version: followUp.version + 1,
              updated_at: new Date(now),
            });
          await appendEvent(tx, f.id, 'rescheduled', now, done.by, {
            from: toMs(followUp.due_at),
            to: f.dueAt,
            cause: 'follow-up',
            why: `counted from the completion of ${row.key}`,
          });
        }
        return {
          done_at: new Date(done.at),
          record: JSON.stringify({
            done: {
              by: done.by,
              onTime: done.onTime,
              evidence: done.evidence,
              recordedAt: now,
            },
          }),
        };
      },
      now,
    );
  }

  complete(
    id: string,
    expectedVersion: number,
    done: OccurrenceCompletion,
    followUps: FollowUpDue[],
    now: number,
  ): Promise<StoredOccurrence> {
    return this.db.transaction(
      this.completion(id, expectedVersion, done, followUps, now),
    );
  }

  waiver(
    id: string,
    expectedVersion: number,
    waiver: { by: string; reason: string },
    now: number,
  ): UnitOfWork<StoredOccurrence> {
    return this.change(
      id,
      expectedVersion,
      async tx => {
        await appendEvent(tx, id, 'waived', now, waiver.by, {
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

  waive(
    id: string,
    expectedVersion: number,
    waiver: { by: string; reason: string },
    now: number,
  ): Promise<StoredOccurrence> {
    return this.db.transaction(this.waiver(id, expectedVersion, waiver, now));
  }

  inTransaction<T>(works: Array<UnitOfWork<T>>): Promise<T[]> {
    return this.db.transaction(async tx => {
      const done: T[] = [];
      for (const work of works) done.push(await work(tx));
      return done;
    });
  }

  async getMany(ids: string[]): Promise<StoredOccurrence[]> {
    const rows: OccurrenceRow[] = [];
    // in chunks: SQLite binds at most 999 parameters
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(
        ...(await this.db<OccurrenceRow>(OCCURRENCES).whereIn(
          'id',
          ids.slice(i, i + 500),
        )),
      );
    }
    return withSystems(this.db, rows);
  }

  groups(
    query: Omit<ObligationQuery, 'states' | 'dueFrom' | 'dueTo'>,
    now: number,
    leadTimeMs: number,
  ): Promise<StoredObligationGroup[]> {
    return obligationGroups(
      this.db,
      this.filtered(query, now, leadTimeMs),
      now,
      leadTimeMs,
    );
  }

  async followUps(contractRef: string, parentKey: string) {
    const rows: OccurrenceRow[] = await this.db(`${OCCURRENCES} as o`)
      .where('o.contract_ref', contractRef)
      .where('o.parent_key', parentKey)
      .whereNull('o.done_at')
      .whereNull('o.waived_at')
      .whereNull('o.retired_at')
      .select('o.*');
    return withSystems(this.db, rows);
  }

  toNotify(
    kind: 'due' | 'overdue',
    now: number,
    leadTimeMs: number,
    limit: number,
  ) {
    return occurrencesToNotify(this.db, kind, now, leadTimeMs, limit);
  }

  markNotified(id: string, kind: 'due' | 'overdue', now: number) {
    return markOccurrenceNotified(this.db, id, kind, now);
  }

  healthBySystem(
    systemRefs: string[],
    now: number,
    leadTimeMs: number,
    permission?: ObligationQuery['permission'],
    contractRefs?: string[],
  ) {
    return obligationHealthBySystem(
      this.db,
      systemRefs,
      now,
      leadTimeMs,
      permission,
      contractRefs,
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
      permission,
    );
  }
}
