/**
 * The columns of one row of a resource's timeline (append-only history): its place in the
 * sequence, what happened, the time it claims, the time it was recorded, who did it and what
 * it carried. The incident and upgrade-plan timelines add the id of their resource.
 */
export function timelineColumns(
  event: { type: string; at: number; actor: string; payload: unknown },
  seq: number,
  now: number,
) {
  return {
    seq,
    type: event.type,
    at: new Date(event.at),
    recorded_at: new Date(now),
    actor: event.actor,
    payload: JSON.stringify(event.payload),
  };
}
