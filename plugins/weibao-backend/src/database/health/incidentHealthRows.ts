import {
  OPEN_INCIDENT_STATUSES,
  type ClockMilestone,
  type ClockSnapshot,
  type IncidentState,
} from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import type { ClockRow } from '../incidents/IncidentStore';
import { toMsOrNull } from '../permissionFilter';

/*
 * weibao_incident_health: what the health summary of a system reads of its incidents, one row
 * per incident open or awaiting confirmation, with the clocks still counting. The incident
 * store writes it in the same transaction as the incident and its clock rows.
 */

export const INCIDENT_HEALTH = 'weibao_incident_health';

/** Incidents the health summary counts: open ones, and resolved ones awaiting confirmation. */
export const SUMMARISED_STATUSES: readonly string[] = [
  ...OPEN_INCIDENT_STATUSES,
  'resolved',
];

/** A counting clock as the health row keeps it; instants in epoch ms. */
export type HealthClock = {
  milestone: ClockMilestone;
  status: ClockSnapshot['status'];
  due_at: number | null;
  at_risk_at: number | null;
  breached_at: number | null;
};

/** The clocks still counting of an open incident; none for a resolved one. */
export function healthClocks(
  status: string,
  clocks: Array<
    Pick<ClockRow, 'milestone' | 'status' | 'counting'> & {
      dueAt: unknown;
      atRiskAt: unknown;
      breachedAt: unknown;
    }
  >,
): string {
  const counting: HealthClock[] =
    status === 'resolved'
      ? []
      : clocks
          .filter(c => c.counting)
          .map(c => ({
            milestone: c.milestone,
            status: c.status,
            due_at: toMsOrNull(c.dueAt),
            at_risk_at: toMsOrNull(c.atRiskAt),
            breached_at: toMsOrNull(c.breachedAt),
          }));
  return JSON.stringify(counting);
}

/** What the terms an incident was reported under call its level; null without a contract. */
export function levelNameOf(
  state: Pick<IncidentState, 'level' | 'terms'>,
): string | null {
  const name = state.terms?.levels.find(l => l.level === state.level)?.name;
  return name ? name.slice(0, 200) : null;
}

/** Writes (or removes) the health row of an incident, with its state and clock rows. */
export async function writeIncidentHealth(
  tx: Knex | Knex.Transaction,
  state: IncidentState,
  clocks: ClockRow[],
): Promise<void> {
  if (!SUMMARISED_STATUSES.includes(state.status)) {
    await tx(INCIDENT_HEALTH).where({ incident_id: state.id }).delete();
    return;
  }
  // system, hospital and owner are set when the incident is reported and never change
  const row = {
    system_ref: state.systemRef,
    hospital_ref: state.hospitalRef,
    owner_ref: state.ownerRef,
    level: state.level,
    level_name: levelNameOf(state),
    status: state.status,
    title: state.title,
    clocks: healthClocks(state.status, clocks),
  };
  await tx(INCIDENT_HEALTH)
    .insert({ incident_id: state.id, ...row })
    .onConflict('incident_id')
    .merge(row);
}

/** Replaces the clocks of an incident's health row after its clock rows were rewritten. */
export async function writeIncidentHealthClocks(
  tx: Knex | Knex.Transaction,
  incidentId: string,
  clocks: ClockRow[],
): Promise<void> {
  await tx(INCIDENT_HEALTH)
    .where({ incident_id: incidentId })
    .whereNot('status', 'resolved')
    .update({ clocks: healthClocks('open', clocks) });
}
