import {
  compareCodePoints as compare,
  summariseIncidentHealth,
  type CertificateTotalsInput,
  type ClockMilestone,
  type IncidentHealthInput,
} from '@weibao/plugin-weibao-common';
import {
  fromRow as occurrenceFromRow,
  type OccurrenceRow,
} from '../obligations/rows';
import { drillFromRow, planFromRow } from '../upgrades/DatabaseUpgradeStore';
import type { HealthClock } from './incidentHealthRows';
import type { HealthStore, SystemHealthRead } from './HealthStore';
import { toMs, toMsOrNull } from '../permissionFilter';

/*
 * The rows of each section of the health statement, typed, and the summary made of them.
 */

type ReadOptions = Parameters<HealthStore['systemHealth']>[2];

/** The duties whose soonest open occurrence the summary names, whatever else is due. */
export const NAMED_DUTIES = ['inspection', 'drill'] as const;

/** PostgreSQL hands a json column back parsed, SQLite as text. */
export const parsed = <T>(value: T | string): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

/** An incident's health row (the `incidents` section). */
type IncidentRow = {
  id: string;
  title: string;
  level: number;
  level_name: string | null;
  status: string;
  clocks: HealthClock[] | string;
};

/** An incident joined with one counting clock, or none (the `incidentRows` section). */
type IncidentClockRow = Omit<IncidentRow, 'clocks'> & {
  milestone: ClockMilestone | null;
  clock_status: HealthClock['status'] | null;
  due_at: unknown;
  at_risk_at: unknown;
  breached_at: unknown;
};

/** An open occurrence with its counts (the `obligations` section). */
type ObligationRow = OccurrenceRow & {
  nth: number | string;
  overdue: number | string;
  due_soon: number | string;
  overdue_drills: number | string;
};

type PlanRow = {
  id: string;
  window_start: unknown;
  state: string;
  updated_at: unknown;
};

type CertificateRow = {
  id: string;
  item: CertificateTotalsInput['item'];
  medium: CertificateTotalsInput['medium'];
  holder_department: CertificateTotalsInput['holderDepartment'];
  count: number | string;
  expires_on: string;
  retired_at: unknown;
};

/** The statement's one row: each section's rows, null when it has none or was not read. */
export type Sections = {
  incidents?: IncidentRow[] | null;
  incidentRows?: IncidentClockRow[] | null;
  obligations?: ObligationRow[] | null;
  plans?: PlanRow[] | null;
  drills?: Parameters<typeof drillFromRow>[0][] | null;
  certificates?: CertificateRow[] | null;
};

/** The incidents of the statement's rows, from their health rows or one row per clock. */
function incidentsOf(sections: Sections): IncidentHealthInput[] {
  if (sections.incidentRows !== undefined) {
    const byId = new Map<string, IncidentHealthInput>();
    for (const r of sections.incidentRows ?? []) {
      let incident = byId.get(r.id);
      if (!incident) {
        incident = {
          id: r.id,
          title: r.title,
          level: Number(r.level),
          levelName: r.level_name,
          status: r.status,
          clocks: [],
        };
        byId.set(r.id, incident);
      }
      if (r.milestone !== null && r.clock_status !== null) {
        incident.clocks.push({
          milestone: r.milestone,
          status: r.clock_status,
          dueAt: toMsOrNull(r.due_at),
          atRiskAt: toMsOrNull(r.at_risk_at),
          breachedAt: toMsOrNull(r.breached_at),
        });
      }
    }
    return [...byId.values()];
  }
  return (sections.incidents ?? []).map(r => ({
    id: r.id,
    title: r.title,
    level: Number(r.level),
    levelName: r.level_name,
    status: r.status,
    clocks: parsed(r.clocks).map(c => ({
      milestone: c.milestone,
      status: c.status,
      dueAt: c.due_at,
      atRiskAt: c.at_risk_at,
      breachedAt: c.breached_at,
    })),
  }));
}

/** The summary of one system from the rows of its sections. */
export function healthFromSections(
  systemRef: string,
  now: number,
  health: Sections,
  options: ReadOptions,
): SystemHealthRead {
  const { filters } = options;
  const occurrences = health.obligations ?? [];
  const [counts] = occurrences;
  const soonest = (kind: (typeof NAMED_DUTIES)[number]) =>
    occurrences
      .filter(o => o.kind === kind && o.parent_key === null)
      .map(o => occurrenceFromRow(o, [systemRef]))
      .sort((a, b) => a.dueAt - b.dueAt || compare(a.id, b.id))[0];
  const plans = (health.plans ?? []).sort(
    (a, b) =>
      toMs(a.window_start) - toMs(b.window_start) || compare(a.id, b.id),
  );
  const [drill] = health.drills ?? [];
  return {
    incidents: summariseIncidentHealth(
      incidentsOf(health),
      now,
      options.clocksShown,
    ),
    obligations:
      filters.obligations === null
        ? null
        : {
            overdue: Number(counts?.overdue ?? 0),
            dueSoon: Number(counts?.due_soon ?? 0),
            overdueDrills: Number(counts?.overdue_drills ?? 0),
            next: occurrences
              .filter(o => Number(o.nth) <= options.obligationsShown)
              .map(o => occurrenceFromRow(o, [systemRef]))
              .filter(o => o.dueAt >= now)
              .sort((a, b) => a.dueAt - b.dueAt || compare(a.id, b.id)),
            nextInspection: soonest('inspection'),
            nextDrill: soonest('drill'),
          },
    plans:
      filters.plans === null
        ? null
        : {
            inFlight: plans.length,
            next: plans.length ? planFromRow(plans[0]) : undefined,
          },
    lastDrill: filters.drills === null ? null : drill && drillFromRow(drill),
    certificates:
      filters.certificates === null
        ? null
        : (health.certificates ?? []).map(
            (b): CertificateTotalsInput => ({
              id: b.id,
              item: b.item,
              medium: b.medium,
              holderDepartment: b.holder_department,
              count: Number(b.count),
              expiresOn: b.expires_on,
              retiredAt:
                b.retired_at === null || b.retired_at === undefined
                  ? null
                  : new Date(toMs(b.retired_at)).toISOString(),
            }),
          ),
  };
}
