import type { DrillRecord } from '@weibao/plugin-weibao-common';
import { toMs } from '../permissionFilter';
import type { StoredPlan } from './UpgradeStore';

export const PLANS = 'weibao_upgrade_plans';
export const PLAN_EVENTS = 'weibao_upgrade_events';
export const DRILLS = 'weibao_drills';
export const DRILL_EVENTS = 'weibao_drill_events';

/** Plans not yet verified, rolled back or cancelled: what the health summary counts. */
export const IN_FLIGHT = ['draft', 'ready', 'started', 'completed'];

/** An instant as the drivers return it: Date (PostgreSQL), epoch ms (SQLite) or text. */
type Instant = Date | number | string;

/** The columns of `weibao_upgrade_plans` a plan is read from. */
export type PlanRow = {
  /** JSON of UpgradePlanState. */
  state: string;
  updated_at: Instant;
};

/** A row of `weibao_upgrade_events`. */
export type PlanEventRow = {
  seq: number;
  type: string;
  at: Instant;
  recorded_at: Instant;
  actor: string;
  /** JSON of the event's payload. */
  payload: string;
};

/** A row of `weibao_drills`. */
export type DrillRow = {
  id: string;
  version: number;
  system_ref: string;
  hospital_ref: string;
  owner_ref: string;
  contract_ref: string | null;
  scenario: string;
  upgrade_plan_id: string | null;
  occurrence_id: string | null;
  performed_at: Instant;
  recovery_minutes: number;
  target_minutes: number;
  /** A boolean, or 0/1 from SQLite. */
  passed: boolean | number;
  /** JSON of the participants, findings and follow-ups. */
  record: string;
  recorded_by: string;
};

export const iso = (value: unknown) => new Date(toMs(value)).toISOString();

/** A plan from its row (any query that selects `state` and `updated_at`). */
export const planFromRow = (row: {
  state: string;
  updated_at: unknown;
}): StoredPlan => ({
  state: JSON.parse(row.state),
  updatedAt: toMs(row.updated_at),
});

export function drillFromRow(row: DrillRow): DrillRecord {
  const record: Pick<DrillRecord, 'participants' | 'findings' | 'followUps'> =
    JSON.parse(row.record);
  return {
    id: row.id,
    version: row.version,
    systemRef: row.system_ref,
    hospitalRef: row.hospital_ref,
    ownerRef: row.owner_ref,
    contractRef: row.contract_ref,
    scenario: row.scenario,
    upgradePlanId: row.upgrade_plan_id,
    occurrenceId: row.occurrence_id,
    performedAt: iso(row.performed_at),
    recoveryMinutes: row.recovery_minutes,
    targetMinutes: row.target_minutes,
    passed: Boolean(row.passed),
    participants: record.participants,
    findings: record.findings,
    followUps: record.followUps,
    recordedBy: row.recorded_by,
  };
}
