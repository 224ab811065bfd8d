import type { EvaluatedIncidentClock } from './views';

/*
 * When the clock sweep looks at an incident's clock again: at its next warning threshold or due
 * time, and at once for a breach nobody has been told of yet. One rule, for the rows written
 * with every change and for the sweep that has just looked at the clock.
 */

const soonest = (instants: Array<number | null>, after: number) => {
  const ahead = instants.filter((t): t is number => t !== null && t > after);
  return ahead.length ? Math.min(...ahead) : null;
};

/**
 * The instant a clock written now is due to be looked at: its breach (at once, to notify it),
 * else the soonest of its warning thresholds and due time while it runs; null when retired,
 * met or paused.
 *
 * @public
 */
export function nextClockAlertAt(
  evaluated: EvaluatedIncidentClock,
): number | null {
  const { clock, state } = evaluated;
  if (clock.retiredAt !== undefined) return null;
  if (state.status === 'breached') return state.breachedAt;
  if (state.status !== 'running' || state.metAt !== null) return null;
  return soonest(
    [...state.thresholdsAt.map(t => t.at), state.dueAt],
    -Infinity,
  );
}

/**
 * The instant the sweep looks at a clock again after it has just done so at `now` (and told
 * what there was to tell): the next warning threshold or due time still ahead while it runs,
 * else null.
 *
 * @public
 */
export function nextClockAlertAfter(
  evaluated: EvaluatedIncidentClock,
  now: number,
): number | null {
  const { clock, state } = evaluated;
  if (clock.retiredAt !== undefined || state.status !== 'running') return null;
  return soonest([...state.thresholdsAt.map(t => t.at), state.dueAt], now);
}
