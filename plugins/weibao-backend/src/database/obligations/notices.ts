import { Knex } from 'knex';
import { appendEvent, whereStates, withSystems } from './queries';
import { OccurrenceRow, OCCURRENCES } from './rows';

/*
 * The notices job's reads and writes: open occurrences whose team was not told yet, and the
 * notice recorded once, with its history row.
 */

/** Open occurrences due within the lead time (or overdue) whose team was not told yet. */
export async function occurrencesToNotify(
  db: Knex,
  kind: 'due' | 'overdue',
  now: number,
  leadTimeMs: number,
  limit: number,
) {
  const column = kind === 'due' ? 'o.due_notified_at' : 'o.overdue_notified_at';
  const qb = db<OccurrenceRow>(`${OCCURRENCES} as o`)
    .whereNull(column)
    .select('o.*');
  whereStates(qb, [kind], now, leadTimeMs);
  return withSystems(db, await qb.orderBy('o.due_at').limit(limit));
}

/** Records the notice as given; true only for the first caller. */
export function markOccurrenceNotified(
  db: Knex,
  id: string,
  kind: 'due' | 'overdue',
  now: number,
): Promise<boolean> {
  const column = kind === 'due' ? 'due_notified_at' : 'overdue_notified_at';
  return db.transaction(async tx => {
    const updated = await tx<OccurrenceRow>(OCCURRENCES)
      .where({ id })
      .whereNull(column)
      .update({ [column]: new Date(now) });
    if (updated === 1) {
      await appendEvent(
        tx,
        id,
        kind === 'due' ? 'due-notified' : 'overdue-notified',
        now,
        'weibao',
        {},
      );
    }
    return updated === 1;
  });
}
