import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { OPEN_INCIDENT_STATUSES } from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import type {
  BreachedClockRow,
  IncidentFilter,
  SystemIncidentFigures,
} from '../incidents/IncidentStore';
import { applyPermission, toMs, toMsOrNull } from '../permissionFilter';
import { clockStandingSql } from './clockStandingSql';

/*
 * Read-model queries over incidents and their clocks for the team overview and the contract
 * standing: one query each, whatever the number of systems or incidents. Breached and at risk
 * are weibao-common's rule (clockStandingSql).
 */

const INCIDENTS = 'weibao_incidents';
const CLOCKS = 'weibao_incident_clocks';

const placeholders = (n: number) => Array(n).fill('?').join(', ');

/**
 * Per system: open incidents, incidents awaiting the hospital's confirmation, incidents with a
 * breached or an at-risk clock, and the next due time of a running clock. The same rules as the
 * health summary of one system: only counting clocks of open incidents; breached = breached
 * before, or running past its due time now; at risk = running past its last warning threshold,
 * not breached.
 */
export async function incidentHealthBySystem(
  db: Knex,
  systemRefs: string[],
  now: number,
  permission?: PermissionCriteria<IncidentFilter>,
): Promise<Map<string, SystemIncidentFigures>> {
  const result = new Map<string, SystemIncidentFigures>();
  if (!systemRefs.length) return result;
  const standing = clockStandingSql('c', new Date(now));
  const open = [...OPEN_INCIDENT_STATUSES];
  const isOpen = `i.status in (${placeholders(open.length)})`;

  // one row per incident, its clocks folded into flags
  const perIncident = db(`${INCIDENTS} as i`)
    .leftJoin(`${CLOCKS} as c`, join =>
      join
        .on('c.incident_id', '=', 'i.id')
        .andOn('c.counting', '=', db.raw('?', [true])),
    )
    .whereIn('i.system_ref', systemRefs)
    .whereIn('i.status', [...open, 'resolved'])
    .groupBy('i.system_ref', 'i.id', 'i.status')
    .select(
      'i.system_ref',
      db.raw(`case when ${isOpen} then 1 else 0 end as is_open`, open),
      db.raw(
        `case when i.status = 'resolved' then 1 else 0 end as is_resolved`,
      ),
      db.raw(
        `max(case when ${standing.breached.sql} then 1 else 0 end) as breached`,
        standing.breached.bindings,
      ),
      db.raw(
        `max(case when ${standing.atRisk.sql} then 1 else 0 end) as at_risk`,
        standing.atRisk.bindings,
      ),
      db.raw(
        `min(case when ${standing.runningOnTime.sql} then c.due_at end) as next_due`,
        standing.runningOnTime.bindings,
      ),
    );
  if (permission) applyPermission(perIncident, permission, 'i');

  const rows: Array<{
    system_ref: string;
    open_incidents: number | string | null;
    awaiting: number | string | null;
    br: number | string | null;
    ar: number | string | null;
    next_due: unknown;
  }> = await db
    .from(perIncident.as('x'))
    .groupBy('x.system_ref')
    .select(
      'x.system_ref',
      db.raw('sum(x.is_open) as open_incidents'),
      db.raw('sum(x.is_resolved) as awaiting'),
      db.raw('sum(case when x.is_open = 1 then x.breached else 0 end) as br'),
      db.raw(
        'sum(case when x.is_open = 1 and x.breached = 0 then x.at_risk else 0 end) as ar',
      ),
      db.raw('min(case when x.is_open = 1 then x.next_due end) as next_due'),
    );

  for (const r of rows) {
    result.set(r.system_ref, {
      openIncidents: Number(r.open_incidents ?? 0),
      awaitingConfirmation: Number(r.awaiting ?? 0),
      breached: Number(r.br ?? 0),
      atRisk: Number(r.ar ?? 0),
      nextClockDueAt: toMsOrNull(r.next_due),
    });
  }
  return result;
}

/**
 * The clocks of a contract's incidents that breached: stored as breached (kept even once met
 * late), or still running past their due time. Retired clocks (re-graded away) do not count.
 */
export async function breachedClocksOfContract(
  db: Knex,
  contractRef: string,
  now: number,
  permission?: PermissionCriteria<IncidentFilter>,
): Promise<BreachedClockRow[]> {
  const { breached } = clockStandingSql('c', new Date(now));
  const qb = db(`${INCIDENTS} as i`)
    .join(`${CLOCKS} as c`, 'c.incident_id', 'i.id')
    .where('i.contract_ref', contractRef)
    .whereNot('c.status', 'retired')
    // a running clock counts: the rule's breach, among clocks not retired
    .whereRaw(breached.sql, breached.bindings)
    .select(
      'i.id',
      'i.title',
      'i.system_ref',
      'c.milestone',
      'c.due_at',
      'c.breached_at',
      'c.met_at',
    );
  if (permission) applyPermission(qb, permission, 'i');
  const rows: Array<{
    id: string;
    title: string;
    system_ref: string;
    milestone: BreachedClockRow['milestone'];
    due_at: unknown;
    breached_at: unknown;
    met_at: unknown;
  }> = await qb;
  return rows
    .map(r => ({
      incidentId: r.id,
      title: r.title,
      systemRef: r.system_ref,
      milestone: r.milestone,
      lateFrom: toMs(r.breached_at ?? r.due_at),
      metAt: toMsOrNull(r.met_at),
    }))
    .sort(
      (a, b) =>
        a.lateFrom - b.lateFrom ||
        a.incidentId.localeCompare(b.incidentId) ||
        a.milestone.localeCompare(b.milestone),
    );
}
