import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import type { SystemObligationFigures } from './ObligationStore';
import { applyPermission, ColumnFilter, toMsOrNull } from '../permissionFilter';
import { OCCURRENCES, SYSTEMS, type Instant } from './rows';

/*
 * Aggregate reads over obligation occurrences for the team overview and the contract
 * standing: a fixed number of queries, whatever the number of systems.
 */

/** Sums come back as numbers (SQLite) or numeric text (PostgreSQL), null over no rows. */
type Sum = number | string | null;

type SystemFiguresRow = {
  system_ref: string;
  overdue: Sum;
  due_soon: Sum;
  next_due: Instant | null;
};

type ContractCountsRow = { overdue: Sum; due_soon: Sum; done: Sum };

/** Open occurrences (alias `o`) concerning one of the systems (alias `s`). */
function openConcerning(
  db: Knex,
  systemRefs: string[],
  permission?: PermissionCriteria<ColumnFilter>,
) {
  const qb = db(`${SYSTEMS} as s`)
    .join(`${OCCURRENCES} as o`, 'o.id', 's.occurrence_id')
    .whereIn('s.system_ref', systemRefs)
    .whereNull('o.done_at')
    .whereNull('o.waived_at')
    .whereNull('o.retired_at');
  if (permission) applyPermission(qb, permission, 'o');
  return qb;
}

export async function obligationHealthBySystem(
  db: Knex,
  systemRefs: string[],
  now: number,
  leadTimeMs: number,
  permission?: PermissionCriteria<ColumnFilter>,
): Promise<{
  bySystem: Map<string, SystemObligationFigures>;
  overdue: number;
}> {
  const bySystem = new Map<string, SystemObligationFigures>();
  if (!systemRefs.length) return { bySystem, overdue: 0 };
  const at = new Date(now);
  const [rows, distinct] = await Promise.all([
    openConcerning(db, systemRefs, permission)
      .groupBy('s.system_ref')
      .select(
        's.system_ref',
        db.raw('sum(case when o.due_at < ? then 1 else 0 end) as overdue', [
          at,
        ]),
        db.raw(
          'sum(case when o.due_at >= ? and o.due_at <= ? then 1 else 0 end) as due_soon',
          [at, new Date(now + leadTimeMs)],
        ),
        db.raw('min(case when o.due_at >= ? then o.due_at end) as next_due', [
          at,
        ]),
      ) as Promise<SystemFiguresRow[]>,
    openConcerning(db, systemRefs, permission)
      .where('o.due_at', '<', at)
      .countDistinct({ n: 'o.id' })
      .first(),
  ]);
  for (const r of rows) {
    bySystem.set(r.system_ref, {
      overdue: Number(r.overdue ?? 0),
      dueSoon: Number(r.due_soon ?? 0),
      nextDueAt: toMsOrNull(r.next_due),
    });
  }
  return { bySystem, overdue: Number(distinct?.n ?? 0) };
}

export async function obligationCountsOfContract(
  db: Knex,
  contractRef: string,
  now: number,
  leadTimeMs: number,
  permission?: PermissionCriteria<ColumnFilter>,
): Promise<{ overdue: number; dueSoon: number; done: number }> {
  const at = new Date(now);
  const open =
    'o.done_at is null and o.waived_at is null and o.retired_at is null';
  const qb = db(`${OCCURRENCES} as o`)
    .where('o.contract_ref', contractRef)
    .select(
      db.raw(
        `sum(case when ${open} and o.due_at < ? then 1 else 0 end) as overdue`,
        [at],
      ),
      db.raw(
        `sum(case when ${open} and o.due_at >= ? and o.due_at <= ? then 1 else 0 end) as due_soon`,
        [at, new Date(now + leadTimeMs)],
      ),
      db.raw('sum(case when o.done_at is not null then 1 else 0 end) as done'),
    )
    .first();
  if (permission) applyPermission(qb, permission, 'o');
  const row = (await qb) as ContractCountsRow | undefined;
  return {
    overdue: Number(row?.overdue ?? 0),
    dueSoon: Number(row?.due_soon ?? 0),
    done: Number(row?.done ?? 0),
  };
}
