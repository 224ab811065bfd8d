import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  IncidentTerms,
  ObligationHistoryEntry,
  ObligationReconciliation,
  ObligationReconciliationCounts,
  OccurrenceEvidence,
  OccurrenceState,
  PlannedOccurrence,
  RecordedOccurrence,
} from '@weibao/plugin-weibao-common';
import type { Knex } from 'knex';
import type { ColumnFilter } from '../permissionFilter';

/** Columns obligation permission rules may restrict by. */
export type ObligationFilter = ColumnFilter;

/** A contract as synced: who owns it and the calendar terms of its due dates. */
export type ObligationContract = {
  contractRef: string;
  ownerRef: string;
  hospitalRef: string;
  terms: Pick<IncidentTerms, 'calendars' | 'calendarOverrides'>;
  calendarVersion: string;
};

export type StoredOccurrence = {
  id: string;
  version: number;
  contractRef: string;
  ownerRef: string;
  hospitalRef: string;
  plan: PlannedOccurrence;
  systems: string[];
  dueAt: number;
  doneAt: number | null;
  waivedAt: number | null;
  retiredAt: number | null;
  record: {
    done?: { by: string; onTime: boolean; evidence: OccurrenceEvidence };
    waived?: { by: string; reason: string };
  };
  updatedAt: number;
};

/** One row of an occurrence's history, as the API shows it (instants ISO 8601). */
export type OccurrenceHistoryEntry = ObligationHistoryEntry;

export type SyncResult = ObligationReconciliationCounts;

/** A planned occurrence with the systems it concerns (all the covered ones for a contract-wide duty). */
export type PlannedForSync = PlannedOccurrence & { systemsConcerned: string[] };

/** A recorded occurrence as reconciling sees it, with the row it is. */
export type RecordedForSync = RecordedOccurrence & {
  id: string;
  version: number;
};

/** What syncing a contract applies: weibao-common's reconcileObligations decides it. */
export type SyncPlan = ObligationReconciliation<
  PlannedForSync,
  RecordedForSync
>;

/**
 * Work a store does inside a transaction another store opened (completing the occurrence a
 * drill fulfils, in the transaction recording the drill). Services pass it on untouched.
 */
export type UnitOfWork<T> = (tx: Knex.Transaction) => Promise<T>;

/** A completion as recorded. */
export type OccurrenceCompletion = {
  at: number;
  by: string;
  onTime: boolean;
  evidence: OccurrenceEvidence;
};

export type ObligationQuery = {
  contractRef?: string;
  systemRef?: string;
  ownerRef?: string;
  kinds?: string[];
  states?: OccurrenceState[];
  dueFrom?: number;
  dueTo?: number;
  permission?: PermissionCriteria<ObligationFilter>;
};

/** One system's open obligation occurrences, for a team's overview. */
export type SystemObligationFigures = {
  overdue: number;
  dueSoon: number;
  /** The earliest due time of an open occurrence not yet overdue. */
  nextDueAt: number | null;
};

/** Where obligation occurrences live; every change also appends a history row. */
export interface ObligationStore {
  /**
   * Brings a contract's occurrences in line with its plan, in one transaction: records the
   * contract, reads its recorded occurrences, asks `decide` what to add, change and retire
   * (weibao-common's reconcileObligations) and applies that, with a history row for each change.
   */
  syncContract(
    contract: ObligationContract,
    decide: (recorded: RecordedForSync[]) => SyncPlan,
    now: number,
  ): Promise<SyncResult>;
  contract(contractRef: string): Promise<ObligationContract | undefined>;

  get(
    id: string,
    permission?: ObligationQuery['permission'],
  ): Promise<StoredOccurrence | undefined>;
  history(id: string): Promise<OccurrenceHistoryEntry[]>;
  list(
    query: ObligationQuery,
    page: { limit: number; cursor?: string },
    now: number,
    leadTimeMs: number,
  ): Promise<{
    items: StoredOccurrence[];
    totalCount: number;
    nextCursor?: string;
  }>;

  /**
   * Completes an occurrence if it is still at `expectedVersion` (ConflictError otherwise), and
   * moves the due times of its follow-ups, in one transaction.
   */
  complete(
    id: string,
    expectedVersion: number,
    done: OccurrenceCompletion,
    followUps: Array<{ id: string; dueAt: number }>,
    now: number,
  ): Promise<StoredOccurrence>;
  /** The same completion, as work to run inside another store's transaction. */
  completion(
    id: string,
    expectedVersion: number,
    done: OccurrenceCompletion,
    followUps: Array<{ id: string; dueAt: number }>,
    now: number,
  ): UnitOfWork<StoredOccurrence>;
  waive(
    id: string,
    expectedVersion: number,
    waiver: { by: string; reason: string },
    now: number,
  ): Promise<StoredOccurrence>;
  /** Open follow-ups of an occurrence. */
  followUps(
    contractRef: string,
    parentKey: string,
  ): Promise<StoredOccurrence[]>;

  /** Open occurrences due within the lead time (or overdue) whose team was not told yet. */
  toNotify(
    kind: 'due' | 'overdue',
    now: number,
    leadTimeMs: number,
    limit: number,
  ): Promise<StoredOccurrence[]>;
  /** Marks the notice as given; true only for the first caller. */
  markNotified(
    id: string,
    kind: 'due' | 'overdue',
    now: number,
  ): Promise<boolean>;

  /**
   * The open occurrences concerning many systems in one query (grouped by system), and how many
   * distinct occurrences among them are overdue (a contract-wide duty concerns every system).
   */
  healthBySystem(
    systemRefs: string[],
    now: number,
    leadTimeMs: number,
    permission?: ObligationQuery['permission'],
  ): Promise<{
    bySystem: Map<string, SystemObligationFigures>;
    overdue: number;
  }>;

  /** A contract's occurrences: open and overdue, open and due soon, done. */
  contractCounts(
    contractRef: string,
    now: number,
    leadTimeMs: number,
    permission?: ObligationQuery['permission'],
  ): Promise<{ overdue: number; dueSoon: number; done: number }>;
}
