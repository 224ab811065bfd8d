import {
  OPEN_INCIDENT_STATUSES,
  type ClockMilestone,
  type IncidentState,
} from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import type { SystemIncidentHealth } from './HealthStore';
import type { ClockRow } from './IncidentStore';
import { toMsOrNull } from './permissionFilter';

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
  milestone: string;
  status: string;
  due_at: number | null;
  at_risk_at: number | null;
  breached_at: number | null;
};

/** The clocks still counting of an open incident; none for a resolved one. */
function healthClocks(
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

/**
 * Rebuilds every health row from the incidents and clock rows stored, e.g. after rows were
 * written straight into those tables. Returns how many incidents have one.
 */
export async function rebuildIncidentHealth(db: Knex): Promise<number> {
  let count = 0;
  await db.transaction(async tx => {
    await tx(INCIDENT_HEALTH).delete();
    // open and resolved incidents are a few per cent of all: read them in one pass
    const summarised = await tx('weibao_incidents')
      .whereIn('status', [...SUMMARISED_STATUSES])
      .select(
        'id',
        'system_ref',
        'hospital_ref',
        'owner_ref',
        'level',
        'status',
        'title',
        'state',
      );
    for (let from = 0; from < summarised.length; from += 500) {
      const incidents = summarised.slice(from, from + 500);
      const clocks = await tx('weibao_incident_clocks')
        .whereIn(
          'incident_id',
          incidents.map(i => i.id),
        )
        .where('counting', true)
        .orderBy(['incident_id', 'milestone'])
        .select(
          'incident_id',
          'milestone',
          'status',
          'due_at',
          'at_risk_at',
          'breached_at',
        );
      const clocksOf = new Map<string, any[]>();
      for (const c of clocks) {
        clocksOf.set(c.incident_id, [
          ...(clocksOf.get(c.incident_id) ?? []),
          {
            milestone: c.milestone,
            status: c.status,
            counting: true,
            dueAt: c.due_at,
            atRiskAt: c.at_risk_at,
            breachedAt: c.breached_at,
          },
        ]);
      }
      const rows = incidents.map(i => ({
        incident_id: i.id,
        system_ref: i.system_ref,
        hospital_ref: i.hospital_ref,
        owner_ref: i.owner_ref,
        level: i.level,
        level_name: levelNameOf({
          level: Number(i.level),
          terms: JSON.parse(i.state).terms ?? null,
        }),
        status: i.status,
        title: i.title,
        clocks: healthClocks(i.status, clocksOf.get(i.id) ?? []),
      }));
      // 9 columns: 50 rows stay under SQLite's 500 terms of a compound insert
      for (let i = 0; i < rows.length; i += 50) {
        await tx(INCIDENT_HEALTH).insert(rows.slice(i, i + 50));
      }
      count += rows.length;
    }
  });
  return count;
}

/** Code-point order of two ids or names: a stable tie-break. */
export function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** An incident's health row as one row per counting clock (one without a clock if none). */
export function clockRows(incident: {
  id: string;
  title: string;
  level: number;
  level_name: string | null;
  status: string;
  clocks: HealthClock[];
}): any[] {
  const { clocks, ...rest } = incident;
  if (!clocks.length) return [{ ...rest, milestone: null }];
  return clocks.map(c => ({
    ...rest,
    milestone: c.milestone,
    clock_status: c.status,
    due_at: c.due_at,
    at_risk_at: c.at_risk_at,
    breached_at: c.breached_at,
  }));
}

/**
 * The incident section from one row per incident and counting clock (the same rules as when
 * the summary took several queries): open incidents by level, incidents awaiting the
 * hospital's confirmation, incidents with a breached clock (breached before, or still running
 * past its due time), incidents with a clock at risk and none breached, and the clocks of open
 * incidents, soonest due first (no due time last), then by level.
 */
export function incidentHealth(
  rows: any[],
  now: number,
  clocksShown: number,
): SystemIncidentHealth {
  const openByLevel: Record<string, number> = {};
  const levelNames: Record<string, string> = {};
  const seen = new Set<string>();
  let awaitingConfirmation = 0;
  const atRisk = new Set<string>();
  const breached = new Set<string>();
  const running: SystemIncidentHealth['runningClocks'] = [];
  for (const r of rows) {
    if (!seen.has(r.id)) {
      seen.add(r.id);
      if (r.status === 'resolved') awaitingConfirmation++;
      else {
        const level = String(r.level);
        openByLevel[level] = (openByLevel[level] ?? 0) + 1;
        if (r.level_name && !levelNames[level])
          levelNames[level] = r.level_name;
      }
    }
    if (r.milestone === null || r.status === 'resolved') continue;
    const dueAt = toMsOrNull(r.due_at);
    const atRiskAt = toMsOrNull(r.at_risk_at);
    const isBreached =
      r.breached_at !== null ||
      (r.clock_status === 'running' && dueAt !== null && dueAt <= now);
    if (isBreached) breached.add(r.id);
    else if (
      r.clock_status === 'running' &&
      atRiskAt !== null &&
      atRiskAt <= now
    ) {
      atRisk.add(r.id);
    }
    running.push({
      incidentId: r.id,
      title: r.title,
      level: Number(r.level),
      milestone: r.milestone as ClockMilestone,
      status: isBreached ? 'breached' : r.clock_status,
      dueAt,
      atRiskAt,
    });
  }
  running.sort(
    (a, b) =>
      (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) ||
      a.level - b.level ||
      compare(a.incidentId, b.incidentId) ||
      compare(a.milestone, b.milestone),
  );
  return {
    openByLevel,
    levelNames,
    awaitingConfirmation,
    atRisk: [...atRisk].filter(id => !breached.has(id)).length,
    breached: breached.size,
    runningClocks: running.slice(0, clocksShown),
  };
}
