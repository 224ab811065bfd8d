import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';

/** A column filter a permission rule translates to. */
export type ColumnFilter = { property: string; values: string[] };

/** Applies a permission criteria tree to a query whose main table has the alias `alias`. */
export function applyPermission(
  qb: Knex.QueryBuilder,
  criteria: PermissionCriteria<ColumnFilter>,
  alias: string,
): void {
  if ('allOf' in criteria) {
    qb.where(inner => {
      for (const c of criteria.allOf)
        inner.andWhere(q => applyPermission(q, c, alias));
    });
  } else if ('anyOf' in criteria) {
    qb.where(inner => {
      for (const c of criteria.anyOf)
        inner.orWhere(q => applyPermission(q, c, alias));
    });
  } else if ('not' in criteria) {
    qb.whereNot(inner => applyPermission(inner, criteria.not, alias));
  } else if (criteria.values.length === 0) {
    qb.whereRaw('1 = 0');
  } else {
    qb.whereIn(`${alias}.${criteria.property}`, criteria.values);
  }
}

/** Instants come back as Date (PostgreSQL), number (SQLite) or string: epoch ms. */
export function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return new Date(String(value)).getTime();
}

export const toMsOrNull = (value: unknown) =>
  value === null || value === undefined ? null : toMs(value);
