import { Knex } from 'knex';
import type { StoredOccurrence } from '../obligations/ObligationStore';
import { withSystems } from '../obligations/queries';
import { OccurrenceRow, OCCURRENCES, SYSTEMS } from '../obligations/rows';
import { toMs } from '../permissionFilter';

export const RUNS = 'weibao_obligation_runs';

/** A run a machine reported, as recorded: which occurrence it completed. */
export type ObligationRun = {
  /** Who reported it: the service principal's subject (external:backup-job) or a user ref. */
  source: string;
  /** The job's own id of its run. */
  runId: string;
  occurrenceId: string;
  doneAt: number;
  recordedAt: number;
};

/** Which duty a run is of: its kind and frequency, on a system or a contract. */
export type RunDutyQuery = {
  kind: string;
  frequency?: string;
  systemRef?: string;
  contractRef?: string;
  /** Occurrences whose window overlaps these local dates (inclusive, YYYY-MM-DD). */
  from: string;
  to: string;
};

/** Recorded runs: one per (source, runId), written with the completion, never changed. */
export interface ObligationRunStore {
  get(source: string, runId: string): Promise<ObligationRun | undefined>;
  /** The occurrences (open or not, retired ones left out) a run may be of. */
  candidates(query: RunDutyQuery): Promise<StoredOccurrence[]>;
  /**
   * In one transaction: records the run, then does the completion (and attaches its files).
   * When the same run is recorded meanwhile (the unique key), nothing is done and undefined is
   * returned: the caller answers with the run that was recorded.
   */
  record<T>(
    run: ObligationRun,
    complete: (tx: Knex.Transaction) => Promise<T>,
  ): Promise<T | undefined>;
}

type RunRow = {
  source: string;
  run_id: string;
  occurrence_id: string;
  done_at: Date | number | string;
  recorded_at: Date | number | string;
};

/** Knex implementation of {@link ObligationRunStore}. */
export class DatabaseObligationRunStore implements ObligationRunStore {
  constructor(private readonly db: Knex) {}

  async get(source: string, runId: string) {
    const row = await this.db<RunRow>(RUNS)
      .where({ source, run_id: runId })
      .first();
    return row
      ? {
          source: row.source,
          runId: row.run_id,
          occurrenceId: row.occurrence_id,
          doneAt: toMs(row.done_at),
          recordedAt: toMs(row.recorded_at),
        }
      : undefined;
  }

  async candidates(query: RunDutyQuery): Promise<StoredOccurrence[]> {
    const qb = this.db<OccurrenceRow>(`${OCCURRENCES} as o`)
      .where('o.kind', query.kind)
      .whereNull('o.retired_at')
      .where('o.window_start', '<=', query.to)
      .where('o.window_end', '>=', query.from)
      .select('o.*')
      .orderBy('o.due_at')
      .limit(50);
    if (query.frequency) qb.where('o.frequency', query.frequency);
    if (query.contractRef) qb.where('o.contract_ref', query.contractRef);
    if (query.systemRef) {
      qb.whereExists(
        this.db(`${SYSTEMS} as s`)
          .select(this.db.raw('1'))
          .whereRaw('s.occurrence_id = o.id')
          .andWhere('s.system_ref', query.systemRef),
      );
    }
    return withSystems(this.db, await qb);
  }

  record<T>(
    run: ObligationRun,
    complete: (tx: Knex.Transaction) => Promise<T>,
  ): Promise<T | undefined> {
    return this.db.transaction(async tx => {
      // the unique key decides between two reports of the same run: the second waits for the
      // first to commit (PostgreSQL) or runs after it (SQLite), then inserts nothing
      const inserted = await tx(RUNS)
        .insert({
          source: run.source,
          run_id: run.runId,
          occurrence_id: run.occurrenceId,
          done_at: new Date(run.doneAt),
          recorded_at: new Date(run.recordedAt),
        })
        .onConflict(['source', 'run_id'])
        .ignore()
        .returning('run_id');
      if (inserted.length !== 1) return undefined;
      return complete(tx);
    });
  }
}
