import { InputError } from '@backstage/errors';
import type {
  ObligationHistoryType,
  OccurrenceState,
} from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import type { StoredOccurrence } from './ObligationStore';
import {
  EventRow,
  EVENTS,
  fromRow,
  OccurrenceRow,
  OccurrenceSystemRow,
  SYSTEMS,
} from './rows';

/** Appends a row to an occurrence's history, numbered after the last one. */
export async function appendEvent(
  tx: Knex.Transaction,
  occurrenceId: string,
  type: ObligationHistoryType,
  at: number,
  actor: string,
  payload: object,
): Promise<void> {
  const last = await tx<EventRow>(EVENTS)
    .where({ occurrence_id: occurrenceId })
    .max({ m: 'seq' })
    .first();
  const row: EventRow = {
    occurrence_id: occurrenceId,
    seq: Number(last?.m ?? 0) + 1,
    type,
    at: new Date(at),
    actor,
    payload: JSON.stringify(payload),
  };
  await tx<EventRow>(EVENTS).insert(row);
}

/** The occurrences of the rows, each with the systems it concerns (one query for all). */
export async function withSystems(
  db: Knex,
  rows: OccurrenceRow[],
): Promise<StoredOccurrence[]> {
  if (!rows.length) return [];
  const links = await db<OccurrenceSystemRow>(SYSTEMS).whereIn(
    'occurrence_id',
    rows.map(r => r.id),
  );
  const byId = new Map<string, string[]>();
  for (const l of links) {
    byId.set(l.occurrence_id, [
      ...(byId.get(l.occurrence_id) ?? []),
      l.system_ref,
    ]);
  }
  return rows.map(r => fromRow(r, (byId.get(r.id) ?? []).sort()));
}

/** Restricts a query on occurrences (alias `o`) to occurrences in the given states at `now`. */
export function whereStates(
  qb: Knex.QueryBuilder,
  states: OccurrenceState[],
  now: number,
  leadTimeMs: number,
): void {
  const notClosed = (q: Knex.QueryBuilder) =>
    q.whereNull('o.done_at').whereNull('o.waived_at').whereNull('o.retired_at');
  // open and tracked: before the tracking start, an occurrence is neither overdue nor counted
  const open = (q: Knex.QueryBuilder) =>
    notClosed(q).where('o.before_tracking', 0);
  qb.where(any => {
    for (const state of states) {
      any.orWhere(q => {
        switch (state) {
          case 'done':
            q.whereNotNull('o.done_at');
            break;
          case 'waived':
            q.whereNull('o.done_at').whereNotNull('o.waived_at');
            break;
          case 'retired':
            q.whereNull('o.done_at')
              .whereNull('o.waived_at')
              .whereNotNull('o.retired_at');
            break;
          case 'before-tracking':
            notClosed(q).where('o.before_tracking', 1);
            break;
          case 'overdue':
            open(q).where('o.due_at', '<', new Date(now));
            break;
          case 'due':
            open(q)
              .where('o.due_at', '>=', new Date(now))
              .where('o.due_at', '<=', new Date(now + leadTimeMs));
            break;
          default:
            open(q).where('o.due_at', '>', new Date(now + leadTimeMs));
        }
      });
    }
  });
}

/** A page's cursor: the due time and id of its last occurrence. */
export function encodeCursor(dueAt: number, id: string): string {
  return Buffer.from(JSON.stringify({ d: dueAt, id })).toString('base64url');
}

export function decodeCursor(value: string): { d: number; id: string } {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Number.isSafeInteger(c?.d) &&
      c.d >= 0 &&
      c.d <= 253402300799999 &&
      typeof c?.id === 'string' &&
      /^[0-9a-f-]{36}$/.test(c.id)
    ) {
      return c;
    }
  } catch {
    // fall through
  }
  throw new InputError('cursor: not a cursor this API returned');
}
