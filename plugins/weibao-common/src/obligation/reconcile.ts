import type { PlannedOccurrence } from './types';

/**
 * An occurrence already recorded, as far as reconciling it with a new plan needs: its key in
 * the plan, its due time, and whether it was done, waived or retired (epoch ms or null).
 *
 * @public
 */
export type RecordedOccurrence = {
  key: string;
  dueAt: number;
  doneAt: number | null;
  waivedAt: number | null;
  retiredAt: number | null;
  /** Due before the contract's tracking start when it was last reconciled. */
  beforeTracking?: boolean;
};

/**
 * What to do to a contract's recorded occurrences so that they follow its plan again:
 * - `add`: planned occurrences not recorded yet; `alreadyPast` when the due time has passed at
 *   the first generation (a contract loaded mid-period): shown as overdue, but never announced,
 *   or loading a contract would flood the team with notices;
 * - `change`: open (or retired) occurrences still planned whose record changes: `restore` when
 *   one retired is planned again, `reschedule` when its due time moved; the planned occurrence
 *   becomes its plan;
 * - `retire`: open occurrences no longer planned.
 *
 * Done and waived occurrences are kept as they are.
 *
 * @public
 */
export type ObligationReconciliation<
  P extends PlannedOccurrence,
  R extends RecordedOccurrence,
> = {
  add: Array<{ planned: P; alreadyPast: boolean; beforeTracking: boolean }>;
  change: Array<{
    recorded: R;
    planned: P;
    restore: boolean;
    reschedule?: { from: number; to: number };
    /** Set when the occurrence moves before the tracking start (true) or back after it (false). */
    beforeTracking?: boolean;
  }>;
  retire: R[];
};

/** How many occurrences a reconciliation adds, reschedules, retires and restores. @public */
export type ObligationReconciliationCounts = {
  added: number;
  rescheduled: number;
  retired: number;
  restored: number;
};

const isOpen = (o: RecordedOccurrence) =>
  o.doneAt === null && o.waivedAt === null;

/**
 * Reconciles a contract's recorded occurrences with its plan at `now`: adds the new ones, moves
 * the due time of open ones, retires open ones no longer planned and restores retired ones
 * planned again. A follow-up whose parent is done keeps the due time counted from the parent's
 * completion. An open occurrence due at or before `trackingStart` (epoch ms, see
 * `trackingStartAt`: the backup of the eve, due at 24:00, is the eve's) is before tracking: neither overdue nor counted. Pure: the caller applies the result (in one
 * transaction).
 *
 * @public
 */
export function reconcileObligations<
  P extends PlannedOccurrence,
  R extends RecordedOccurrence,
>(
  recorded: R[],
  plan: P[],
  now: number,
  trackingStart: number = -Infinity,
): ObligationReconciliation<P, R> {
  const byKey = new Map(recorded.map(r => [r.key, r]));
  const planned = new Set(plan.map(p => p.key));
  const result: ObligationReconciliation<P, R> = {
    add: [],
    change: [],
    retire: [],
  };
  for (const occurrence of plan) {
    const record = byKey.get(occurrence.key);
    if (!record) {
      result.add.push({
        planned: occurrence,
        alreadyPast: occurrence.dueAt < now,
        beforeTracking: occurrence.dueAt <= trackingStart,
      });
      continue;
    }
    if (!isOpen(record)) continue;
    const parent =
      occurrence.parentKey === undefined
        ? undefined
        : byKey.get(occurrence.parentKey);
    const parentDone = parent !== undefined && parent.doneAt !== null;
    const restore = record.retiredAt !== null;
    const reschedule =
      !parentDone && record.dueAt !== occurrence.dueAt
        ? { from: record.dueAt, to: occurrence.dueAt }
        : undefined;
    const before = (reschedule ? reschedule.to : record.dueAt) <= trackingStart;
    const tracking =
      before !== Boolean(record.beforeTracking)
        ? { beforeTracking: before }
        : {};
    if (restore || reschedule || 'beforeTracking' in tracking) {
      result.change.push({
        recorded: record,
        planned: occurrence,
        restore,
        ...(reschedule ? { reschedule } : {}),
        ...tracking,
      });
    }
  }
  for (const record of recorded) {
    if (!planned.has(record.key) && isOpen(record) && record.retiredAt === null)
      result.retire.push(record);
  }
  return result;
}

/** The counts of a reconciliation, as the obligations job reports them. @public */
export function reconciliationCounts(
  reconciliation: ObligationReconciliation<
    PlannedOccurrence,
    RecordedOccurrence
  >,
): ObligationReconciliationCounts {
  return {
    added: reconciliation.add.length,
    rescheduled: reconciliation.change.filter(c => c.reschedule).length,
    retired: reconciliation.retire.length,
    restored: reconciliation.change.filter(c => c.restore).length,
  };
}
