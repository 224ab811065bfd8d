import type { ObligationFrequency, ObligationKind } from '../contract/types';
import type { EvidenceFileSummary } from './evidenceFiles';

/**
 * Where an occurrence of an obligation stands at an instant:
 * - `upcoming`: due later than the lead time from now;
 * - `due`: due within the lead time (the owning team has been told);
 * - `overdue`: past its due time and not done;
 * - `done`: completed, `onTime` or late; `waived`: released by someone, with a reason;
 * - `retired`: no longer in the contract's plan (the contract changed before it was done);
 * - `before-tracking`: due before the contract's tracking start (see `trackingStartAt`): Weibao
 *   did not follow the contract then, so it is neither overdue nor counted, only listed.
 *
 * @public
 */
export type OccurrenceState =
  | 'upcoming'
  | 'due'
  | 'overdue'
  | 'done'
  | 'waived'
  | 'retired'
  | 'before-tracking';

/** Satisfaction scores of a return-visit survey (满意度调查), 5..0 by category. @public */
export type SurveyScores = Record<string, number>;

/** What completing an occurrence records. @public */
export type OccurrenceEvidence = {
  note?: string;
  links?: Array<{ title?: string; url: string }>;
  /** Who did it: user refs or names (hospital staff are often not users). */
  people?: string[];
  scores?: SurveyScores;
  /** Files uploaded as evidence (the report itself): see `POST /evidence-files`. */
  files?: EvidenceFileSummary[];
};

/** One occurrence as the API shows it. Instants are ISO 8601. @public */
export type ObligationOccurrence = {
  id: string;
  version: number;
  key: string;
  contractRef: string;
  hospitalRef: string;
  ownerRef: string;
  obligationId: string;
  kind: ObligationKind;
  frequency: ObligationFrequency;
  description: string | null;
  systems: string[];
  /** The system the duty belongs to (its backups); null for a duty of the contract as a whole. */
  systemRef: string | null;
  windowStart: string;
  windowEnd: string;
  dueAt: string;
  state: OccurrenceState;
  sequence: number;
  count: number | null;
  parentKey: string | null;
  followUpKind: 'report' | 'survey' | 'notice' | null;
  holiday: string | null;
  scenarios: string[];
  provisional: boolean;
  done: {
    /** When it was done, as recorded. */
    at: string;
    onTime: boolean;
    by: string;
    evidence: OccurrenceEvidence;
    /** When the completion was entered in Weibao. */
    recordedAt: string;
    /**
     * Entered after its due time with an earlier done date: on time by its own account, but only
     * written down late (both times are shown; the contract report counts it as the hospital would).
     */
    lateRecord: boolean;
  } | null;
  waived: { at: string; by: string; reason: string } | null;
};

/** @public */
export type ObligationOccurrenceList = {
  items: ObligationOccurrence[];
  totalCount: number;
  nextCursor?: string;
  /** Asked with `perState`: how many occurrences there are of each state asked for. */
  stateCounts?: Partial<Record<OccurrenceState, number>>;
};

/**
 * The state of an occurrence at `now`, given when it is due, whether it was done, waived or
 * retired, and the lead time before the due time at which it counts as due.
 *
 * @public
 */
export function occurrenceState(
  occurrence: {
    dueAt: number;
    doneAt?: number | null;
    waivedAt?: number | null;
    retiredAt?: number | null;
    beforeTracking?: boolean;
  },
  now: number,
  leadTimeMs: number,
): OccurrenceState {
  if (occurrence.doneAt !== null && occurrence.doneAt !== undefined)
    return 'done';
  if (occurrence.waivedAt !== null && occurrence.waivedAt !== undefined)
    return 'waived';
  if (occurrence.retiredAt !== null && occurrence.retiredAt !== undefined)
    return 'retired';
  if (occurrence.beforeTracking) return 'before-tracking';
  if (now > occurrence.dueAt) return 'overdue';
  if (now >= occurrence.dueAt - leadTimeMs) return 'due';
  return 'upcoming';
}

/**
 * Whether a completion is a late record: entered after the due time while its done date is not
 * after it (a completion done late is simply late, not a late record).
 *
 * @public
 */
export function isLateRecord(completion: {
  dueAt: number;
  doneAt: number;
  recordedAt: number;
}): boolean {
  return (
    completion.doneAt <= completion.dueAt &&
    completion.recordedAt > completion.dueAt
  );
}

/**
 * One duty of a contract with how many of its occurrences are in each state: a duty of one
 * system is one group per system (`systemRef`), a duty of the contract as a whole one group
 * (`systemRef` null).
 *
 * @public
 */
export type ObligationGroup = {
  contractRef: string;
  obligationId: string;
  kind: ObligationKind;
  frequency: ObligationFrequency;
  description: string | null;
  systemRef: string | null;
  /** The duty's follow-ups of this kind (the reports after inspections); null for the duty itself. */
  followUp: 'report' | 'survey' | 'notice' | null;
  counts: Partial<Record<OccurrenceState, number>>;
  /** The due time of its oldest overdue occurrence, if any. */
  oldestOverdueAt: string | null;
  /** The due time of its next occurrence not yet overdue, if any. */
  nextDueAt: string | null;
};

/** @public */
export type ObligationGroupList = {
  groups: ObligationGroup[];
  totalCount: number;
};

/** What a bulk completion or waiver did: every occurrence it changed, as changed. @public */
export type ObligationBulkResult = {
  count: number;
  items: ObligationOccurrence[];
};

/** Checks survey scores: every category scored 0..5 in whole points. @public */
export function surveyScoreProblems(
  scores: SurveyScores,
): Array<{ field: string; reason: string }> {
  return Object.entries(scores)
    .filter(([, v]) => !(Number.isInteger(v) && v >= 0 && v <= 5))
    .map(([k, v]) => ({
      field: `scores.${k}`,
      reason: `${v} is not a score from 5 to 0`,
    }));
}
