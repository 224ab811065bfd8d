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
  /** When Weibao first saw the contract (epoch ms): the default tracking start. */
  firstSeenAt: number;
};

export type StoredOccurrence = {
  id: string;
  version: number;
  contractRef: string;
  ownerRef: string;
  hospitalRef: string;
  plan: PlannedOccurrence;
  systems: string[];
  /** The system a duty of each system belongs to; null for a duty of the contract. */
  systemRef: string | null;
  /** Due before the contract's tracking start: neither overdue nor counted. */
  beforeTracking: boolean;
  dueAt: number;
  doneAt: number | null;
  waivedAt: number | null;
  retiredAt: number | null;
  record: {
    done?: {
      by: string;
      onTime: boolean;
      evidence: OccurrenceEvidence;
      /** When the completion was entered (absent on rows written before it was kept here). */
      recordedAt?: number;
    };
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
> & {
  /** The contract's tracking start it was reconciled with (epoch ms). */
  trackingStart: number;
};

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
  /** Occurrences concerning the system: its own duties and its contracts' contract-wide duties. */
  systemRef?: string;
  /** One duty of the contract. */
  obligationId?: string;
  /** `none`: occurrences of duties themselves; a kind: follow-ups of that kind only. */
  followUp?: 'none' | 'report' | 'survey' | 'notice';
  /** `system`: duties of one system; `contract`: duties of the contract as a whole. */
  scope?: 'system' | 'contract';
  /** Exactly one duty: of the contract, or of one system of it (`systemRef` null: the contract's). */
  duty?: {
    contractRef: string;
    obligationId: string;
    systemRef: string | null;
    /** Its follow-ups of this kind (the report after an inspection) instead of the duty itself. */
    followUp?: 'report' | 'survey' | 'notice' | null;
  };
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

/** One duty's occurrences counted by state, as stored (instants epoch ms). */
export type StoredObligationGroup = {
  contractRef: string;
  obligationId: string;
  systemRef: string | null;
  /** The follow-ups of the duty (its reports, surveys, notices), or null for the duty itself. */
  followUp: 'report' | 'survey' | 'notice' | null;
  /** A plan of one of its occurrences: kind, frequency and description are the duty's. */
  plan: PlannedOccurrence;
  counts: Record<
    'overdue' | 'due' | 'upcoming' | 'done' | 'waived' | 'before-tracking',
    number
  >;
  oldestOverdueAt: number | null;
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
    contract: Omit<ObligationContract, 'firstSeenAt'>,
    decide: (recorded: RecordedForSync[], firstSeenAt: number) => SyncPlan,
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
  /** The same waiver, as work to run inside a transaction. */
  waiver(
    id: string,
    expectedVersion: number,
    waiver: { by: string; reason: string },
    now: number,
  ): UnitOfWork<StoredOccurrence>;
  /** Runs the works one after the other in ONE transaction: all of them happen, or none. */
  inTransaction<T>(works: Array<UnitOfWork<T>>): Promise<T[]>;
  /** The occurrences of these ids (absent ones left out), unfiltered. */
  getMany(ids: string[]): Promise<StoredOccurrence[]>;
  /**
   * Each duty matching the query (retired occurrences left out) with its occurrences counted by
   * state, most overdue first.
   */
  groups(
    query: Omit<ObligationQuery, 'states' | 'dueFrom' | 'dueTo'>,
    now: number,
    leadTimeMs: number,
  ): Promise<StoredObligationGroup[]>;
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
   * The open, tracked occurrences of many systems' own duties (grouped by system), and how many
   * are overdue in all, with the contract-wide duties of `contractRefs` (each counted once).
   */
  healthBySystem(
    systemRefs: string[],
    now: number,
    leadTimeMs: number,
    permission?: ObligationQuery['permission'],
    contractRefs?: string[],
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
