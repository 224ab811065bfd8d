import type { ObligationOccurrence, OccurrenceEvidence } from './occurrence';

/**
 * What each kind of row in an occurrence's append-only history records (instants ISO 8601):
 * - `planned`: the occurrence was generated from the contract, due at `dueAt`;
 * - `rescheduled`: its due time moved `from` → `to`, because the contract changed
 *   (`contract-changed`) or because it is a follow-up counted from the completion of the duty it
 *   follows (`follow-up`); `why` says so in words;
 * - `retired`: no longer in the contract's plan; `restored`: planned again;
 * - `completed`: done, on time or late, with the evidence, recorded at `recordedAt` (`at` of the
 *   entry is when it was done);
 * - `waived`: released, with the reason;
 * - `due-notified` / `overdue-notified`: the owning team was told it is due soon / overdue;
 * - `tracking`: the contract's tracking start moved, so the occurrence is now before it
 *   (`beforeTracking`: neither overdue nor counted) or tracked again. A `planned` row says
 *   `beforeTracking: true` when the occurrence was before tracking from the start.
 *
 * @public
 */
export type ObligationHistoryPayloads = {
  planned: { dueAt: string; beforeTracking?: boolean };
  rescheduled: {
    from: string;
    to: string;
    cause: 'contract-changed' | 'follow-up';
    why: string;
  };
  retired: { why: string };
  restored: Record<string, never>;
  completed: {
    onTime: boolean;
    evidence: OccurrenceEvidence;
    recordedAt: string;
  };
  waived: { reason: string };
  'due-notified': Record<string, never>;
  'overdue-notified': Record<string, never>;
  tracking: { beforeTracking: boolean; trackingStart: string };
};

/** @public */
export type ObligationHistoryType = keyof ObligationHistoryPayloads;

/** Every kind of history row, in the order they usually happen. @public */
export const OBLIGATION_HISTORY_TYPES: ReadonlyArray<ObligationHistoryType> = [
  'planned',
  'rescheduled',
  'retired',
  'restored',
  'due-notified',
  'overdue-notified',
  'completed',
  'waived',
  'tracking',
];

/**
 * One row of an occurrence's history: `seq` from 1, `at` when it happened (ISO 8601), `actor`
 * who did it (a user ref such as user:default/li.na, `plugin:<id>` for a service, or `weibao`
 * for Weibao itself: planning, rescheduling after a contract change, notices).
 *
 * @public
 */
export type ObligationHistoryEntry = {
  [T in ObligationHistoryType]: {
    seq: number;
    type: T;
    at: string;
    actor: string;
    payload: ObligationHistoryPayloads[T];
  };
}[ObligationHistoryType];

/** `GET /obligations/{id}`: the occurrence and its history, oldest first. @public */
export type ObligationOccurrenceDetail = ObligationOccurrence & {
  history: ObligationHistoryEntry[];
};
