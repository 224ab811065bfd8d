import { Knex } from 'knex';
import { toMsOrNull } from '../permissionFilter';
import type { StoredObligationGroup } from './ObligationStore';
import type { Instant } from './rows';

/*
 * Duties counted by state (the Duties card's one read): one query over the occurrences the
 * caller's filter selects, grouped by contract, duty, system and follow-up kind.
 */

type Sum = number | string | null;
/** A row of the groups query. */
type GroupRow = {
  contract_ref: string;
  obligation_id: string;
  system_ref: string | null;
  follow_up: string | null;
  plan: string;
  overdue: Sum;
  due: Sum;
  upcoming: Sum;
  done: Sum;
  waived: Sum;
  before_tracking: Sum;
  oldest_overdue: Instant | null;
  next_due: Instant | null;
};

/** What a follow-up is (`<parentKey>/<kind>`: report, survey, notice); '' for the duty itself. */
export const FOLLOW_UP =
  "(case when o.parent_key is null then '' else substr(o.key, length(o.parent_key) + 2) end)";

const compareText = (a: string, b: string) => (a < b ? -1 : Number(a > b));

/** Each duty the filtered occurrences (alias `o`, retired ones left out) belong to, most overdue first. */
export async function obligationGroups(
  db: Knex,
  filtered: Knex.QueryBuilder,
  now: number,
  leadTimeMs: number,
): Promise<StoredObligationGroup[]> {
  const at = new Date(now);
  const soon = new Date(now + leadTimeMs);
  const open =
    'o.done_at is null and o.waived_at is null and o.before_tracking = 0';
  const sum = (name: string, when: string, bindings: Date[] = []) =>
    db.raw(`sum(case when ${when} then 1 else 0 end) as ${name}`, bindings);
  const rows: GroupRow[] = await filtered
    .whereNull('o.retired_at')
    .groupBy(
      'o.contract_ref',
      'o.obligation_id',
      'o.system_ref',
      db.raw(FOLLOW_UP),
    )
    .select(
      'o.contract_ref',
      'o.obligation_id',
      'o.system_ref',
      db.raw(`${FOLLOW_UP} as follow_up`),
      db.raw('min(o.plan) as plan'),
      sum('overdue', `${open} and o.due_at < ?`, [at]),
      sum('due', `${open} and o.due_at >= ? and o.due_at <= ?`, [at, soon]),
      sum('upcoming', `${open} and o.due_at > ?`, [soon]),
      sum('done', 'o.done_at is not null'),
      sum('waived', 'o.done_at is null and o.waived_at is not null'),
      sum(
        'before_tracking',
        'o.done_at is null and o.waived_at is null and o.before_tracking = 1',
      ),
      db.raw(
        `min(case when ${open} and o.due_at < ? then o.due_at end) as oldest_overdue`,
        [at],
      ),
      db.raw(
        `min(case when ${open} and o.due_at >= ? then o.due_at end) as next_due`,
        [at],
      ),
    );
  const n = (v: number | string | null) => Number(v ?? 0);
  return rows
    .map(r => ({
      contractRef: r.contract_ref,
      obligationId: r.obligation_id,
      systemRef: r.system_ref ?? null,
      followUp: (r.follow_up || null) as StoredObligationGroup['followUp'],
      plan: JSON.parse(r.plan),
      counts: {
        overdue: n(r.overdue),
        due: n(r.due),
        upcoming: n(r.upcoming),
        done: n(r.done),
        waived: n(r.waived),
        'before-tracking': n(r.before_tracking),
      },
      oldestOverdueAt: toMsOrNull(r.oldest_overdue),
      nextDueAt: toMsOrNull(r.next_due),
    }))
    .sort(
      (a, b) =>
        b.counts.overdue - a.counts.overdue ||
        b.counts.due - a.counts.due ||
        (a.nextDueAt ?? Infinity) - (b.nextDueAt ?? Infinity) ||
        compareText(a.contractRef, b.contractRef) ||
        compareText(a.obligationId, b.obligationId) ||
        compareText(a.systemRef ?? '', b.systemRef ?? '') ||
        compareText(a.followUp ?? '', b.followUp ?? ''),
    );
}
