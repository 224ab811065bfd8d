import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';

/** A column filter a permission rule translates to. @public */
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

/**
 * The same criteria tree as {@link applyPermission}, as SQL text for a statement written by
 * hand: `alias.column in (?, …)` joined with and/or/not; the values are pushed on `bindings` in
 * the order of their placeholders.
 */
export function permissionSql(
  criteria: PermissionCriteria<ColumnFilter>,
  alias: string,
  bindings: unknown[],
): string {
  if ('allOf' in criteria) {
    return `(${criteria.allOf
      .map(c => permissionSql(c, alias, bindings))
      .join(' and ')})`;
  }
  if ('anyOf' in criteria) {
    return `(${criteria.anyOf
      .map(c => permissionSql(c, alias, bindings))
      .join(' or ')})`;
  }
  if ('not' in criteria) {
    return `(not (${permissionSql(criteria.not, alias, bindings)}))`;
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(criteria.property)) {
    throw new Error(
      `not a column a permission rule may filter on: ${criteria.property}`,
    );
  }
  if (criteria.values.length === 0) return '(1 = 0)';
  bindings.push(...criteria.values);
  return `${alias}.${criteria.property} in (${criteria.values
    .map(() => '?')
    .join(', ')})`;
}

/** Instants come back as Date (PostgreSQL), number (SQLite) or string: epoch ms. */
export function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return new Date(String(value)).getTime();
}

export const toMsOrNull = (value: unknown) =>
  value === null || value === undefined ? null : toMs(value);
