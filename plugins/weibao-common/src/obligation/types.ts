import type {
  Duration,
  ObligationFrequency,
  ObligationKind,
} from '../contract/types';

/**
 * One dated duty generated from a contract's recurring obligations: an inspection in the
 * second contract quarter, the report that follows it, the holiday duty notice before National
 * Day, the second of three trainings.
 *
 * @public
 */
export type PlannedOccurrence = {
  /**
   * Stable across regenerations of the same contract: `<obligationId>#<n>` (n from 1 in date
   * order), and `<parentKey>/<followUpKind>` for a follow-up.
   */
  key: string;
  /**
   * Names the obligation in the contract: `<kind>.<frequency>`, plus `.<system names>` (joined
   * by `+`) when it is limited to systems, plus `~2`, `~3`… when the same id occurs again in the list.
   */
  obligationId: string;
  kind: ObligationKind;
  frequency: ObligationFrequency;
  description?: string;
  /** Full component refs the duty is for; empty for the contract as a whole. */
  systems: string[];
  /** For a duty of each system (`per: system`): the system this occurrence belongs to. */
  systemRef?: string;
  /** The local dates (YYYY-MM-DD, inclusive) the duty belongs to, e.g. the contract quarter. */
  windowStart: string;
  windowEnd: string;
  /** Epoch ms: when it is due (see obligationSchedule for the rule of each frequency). */
  dueAt: number;
  /** For counts ("at least 3 trainings"): this is number `sequence` of `count`. */
  sequence: number;
  count?: number;
  /** For a follow-up: the occurrence it follows, what it is, and how long after. */
  parentKey?: string;
  followUpKind?: 'report' | 'survey' | 'notice';
  followUpWithin?: Duration;
  /** For a holiday duty notice: the statutory holiday it comes before. */
  holiday?: string;
  /** For drills: the scenarios the contract names. */
  scenarios?: string[];
  /** The due date lies in a year whose official holidays are not published yet. */
  provisional?: boolean;
};

/**
 * All occurrences of a contract's obligations over its period.
 *
 * @public
 */
export type ObligationSchedule = {
  contractRef: string;
  /** The business calendar the due dates were computed on, and its version. */
  calendar: string;
  calendarVersion: string;
  /** The contract period as local dates (inclusive); absent when it is not known yet. */
  periodStart?: string;
  periodEnd?: string;
  occurrences: PlannedOccurrence[];
  /** E.g. the period is not known yet (one year from a final acceptance not yet recorded). */
  warnings: string[];
};
