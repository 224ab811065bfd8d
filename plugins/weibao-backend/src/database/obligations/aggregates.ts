import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import type { SystemObligationFigures } from './ObligationStore';
import { applyPermission, ColumnFilter, toMsOrNull } from '../permissionFilter';
import { OCCURRENCES, type Instant } from './rows';

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

/**
 * Open, tracked occurrences (alias `o`) of duties belonging to one of the systems: a duty of the
 * contract as a whole is counted on the contract, never once per system.
 */
function openOfSystems(
  db: Knex,
  systemRefs: string[],
  permission?: PermissionCriteria<ColumnFilter>,
) {
  const qb = db(`${OCCURRENCES} as o`)
    .whereIn('o.system_ref', systemRefs)
    .whereNull('o.done_at')
    .whereNull('o.waived_at')
    .whereNull('o.retired_at')
    .where('o.before_tracking', 0);
  if (permission) applyPermission(qb, permission, 'o');
  return qb;
}

/**
 * Each system's own open duties, and how many are overdue in all: the systems' own and the
 * contract-wide duties of `contractRefs`, each counted once.
 */
export async function obligationHealthBySystem(
  db: Knex,
  systemRefs: string[],
  now: number,
  leadTimeMs: number,
  permission?: PermissionCriteria<ColumnFilter>,
  contractRefs: string[] = [],
): Promise<{
  bySystem: Map<string, SystemObligationFigures>;
  overdue: number;
}> {
  const bySystem = new Map<string, SystemObligationFigures>();
  if (!systemRefs.length) return { bySystem, overdue: 0 };
  const at = new Date(now);
  const contractWide = db(`${OCCURRENCES} as o`)
    .whereIn('o.contract_ref', contractRefs)
    .whereNull('o.system_ref')
    .whereNull('o.done_at')
    .whereNull('o.waived_at')
    .whereNull('o.retired_at')
    .where('o.before_tracking', 0)
    .where('o.due_at', '<', at);
  if (permission) applyPermission(contractWide, permission, 'o');
  const [rows, distinct, ofContracts] = await Promise.all([
    openOfSystems(db, systemRefs, permission)
      .groupBy('o.system_ref')
      .select(
        'o.system_ref',
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
    openOfSystems(db, systemRefs, permission)
      .where('o.due_at', '<', at)
      .count({ n: '*' })
      .first(),
    contractRefs.length ? contractWide.count({ n: '*' }).first() : { n: 0 },
  ]);
  for (const r of rows) {
    bySystem.set(r.system_ref, {
      overdue: Number(r.overdue ?? 0),
      dueSoon: Number(r.due_soon ?? 0),
      nextDueAt: toMsOrNull(r.next_due),
    });
  }
  return {
    bySystem,
    overdue: Number(distinct?.n ?? 0) + Number(ofContracts?.n ?? 0),
  };
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
    'o.done_at is null and o.waived_at is null and o.retired_at is null and o.before_tracking = 0';
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
