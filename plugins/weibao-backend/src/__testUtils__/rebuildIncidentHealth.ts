import type {
  ClockMilestone,
  ClockSnapshot,
} from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import {
  healthClocks,
  INCIDENT_HEALTH,
  levelNameOf,
  SUMMARISED_STATUSES,
} from '../database/health/incidentHealthRows';

/*
 * For tests and benchmarks that write incidents and clock rows straight into their tables: the
 * health rows the incident store would have written with them, made by the store's own code
 * (the backend itself never rebuilds them: the migration that added the table filled it once).
 */

type IncidentRow = {
  id: string;
  system_ref: string;
  hospital_ref: string;
  owner_ref: string;
  level: number;
  status: string;
  title: string;
  state: string;
};

type CountingClockRow = {
  incident_id: string;
  milestone: ClockMilestone;
  status: ClockSnapshot['status'];
  due_at: unknown;
  at_risk_at: unknown;
  breached_at: unknown;
};

/** Rebuilds every health row from the incidents and clock rows stored; returns how many. */
export async function rebuildIncidentHealth(db: Knex): Promise<number> {
  let count = 0;
  await db.transaction(async tx => {
    await tx(INCIDENT_HEALTH).delete();
    // open and resolved incidents are a few per cent of all: read them in one pass
    const summarised: IncidentRow[] = await tx('weibao_incidents')
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
      const clocks: CountingClockRow[] = await tx('weibao_incident_clocks')
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
      const clocksOf = new Map<string, Parameters<typeof healthClocks>[1]>();
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
