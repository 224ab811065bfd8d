import type { ObligationFrequency, ObligationKind } from '../contract/types';
import type { EvidenceFileSummary } from './evidenceFiles';

/**
 * Where an occurrence of an obligation stands at an instant:
 * - `upcoming`: due later than the lead time from now;
 * - `due`: due within the lead time (the owning team has been told);
 * - `overdue`: past its due time and not done;
 * - `done`: completed, `onTime` or late; `waived`: released by someone, with a reason;
 * - `retired`: no longer in the contract's plan (the contract changed before it was done).
 *
 * @public
 */
export type OccurrenceState =
  | 'upcoming'
  | 'due'
  | 'overdue'
  | 'done'
  | 'waived'
  | 'retired';

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
    at: string;
    onTime: boolean;
    by: string;
    evidence: OccurrenceEvidence;
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
  if (now > occurrence.dueAt) return 'overdue';
  if (now >= occurrence.dueAt - leadTimeMs) return 'due';
  return 'upcoming';
}

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
